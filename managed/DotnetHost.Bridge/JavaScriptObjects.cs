using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Text.Json;

namespace DotnetHost.Interop;

/// <summary>JavaScript objects implementing .NET interfaces: a <see cref="DispatchProxy"/>
/// of the interface whose every member calls a JavaScript function (the object's method,
/// or a getter/setter of its property). The TypeScript side (lib/objects/implement.ts)
/// describes the interface with <see cref="Describe"/>, makes one delegate per member and
/// passes them to <see cref="Implement"/>. Public so that the TypeScript side reaches it
/// through ordinary member binding.</summary>
public static class JavaScriptObjects
{
    /// <summary>The interface's members (its base interfaces' included), in the order
    /// <see cref="Implement"/> takes their delegates: each with its role, its .NET name
    /// and the delegate type a JavaScript function stands in for, or why none can.</summary>
    public static string Describe(Type contract)
    {
        if (!contract.IsInterface)
        {
            throw new ArgumentException($"{DotnetHost.Bridge.TypeNames.Display(contract)} is not an interface", nameof(contract));
        }
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartArray();
            foreach (var (method, role, name) in Members(contract))
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("role", role);
                if (DelegateFor(method) is { } type)
                {
                    json.WriteNumber("delegateTypeId", DotnetHost.Bridge.Types.Id(type));
                }
                else
                {
                    json.WriteString("unsupported", method.IsGenericMethodDefinition ? "a generic method" : "ref/out parameters");
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>An object of <paramref name="contract"/> whose members call
    /// <paramref name="members"/> (in <see cref="Describe"/>'s order; null where the
    /// JavaScript object has none: calling it throws NotImplementedException).</summary>
    public static object Implement(Type contract, object?[] members)
    {
        var proxy = DispatchProxy.Create(contract, typeof(JavaScriptProxy));
        var table = new Dictionary<MethodInfo, Delegate>();
        var list = Members(contract).ToList();
        for (var i = 0; i < list.Count && i < members.Length; i++)
        {
            if (members[i] is Delegate target)
            {
                table[list[i].Method] = target;
            }
        }
        ((JavaScriptProxy)proxy).Set(contract, table);
        return proxy;
    }

    private static IEnumerable<(MethodInfo Method, string Role, string Name)> Members(Type contract)
    {
        foreach (var type in contract.GetInterfaces().Prepend(contract).Distinct())
        {
            var accessors = new Dictionary<MethodInfo, (string, string)>();
            foreach (var property in type.GetProperties())
            {
                if (property.GetMethod is { } getter)
                {
                    accessors[getter] = ("get", property.Name);
                }
                if (property.SetMethod is { } setter)
                {
                    accessors[setter] = ("set", property.Name);
                }
            }
            foreach (var @event in type.GetEvents())
            {
                accessors[@event.AddMethod!] = ("add", @event.Name);
                accessors[@event.RemoveMethod!] = ("remove", @event.Name);
            }
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance))
            {
                if (!method.IsAbstract)
                {
                    continue; // a default implementation stays .NET's
                }
                var (role, name) = accessors.TryGetValue(method, out var accessor) ? accessor : ("call", method.Name);
                yield return (method, role, name);
            }
        }
    }

    /// <summary>A Func/Action of the method's signature, or null for what a JavaScript
    /// function cannot be (generic methods, ref/out parameters).</summary>
    private static Type? DelegateFor(MethodInfo method)
    {
        if (method.IsGenericMethodDefinition || method.GetParameters().Any(parameter => parameter.ParameterType.IsByRef))
        {
            return null;
        }
        var types = method.GetParameters().Select(parameter => parameter.ParameterType).Append(method.ReturnType).ToArray();
        try
        {
            return Expression.GetDelegateType(types);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>The proxy class behind <see cref="JavaScriptObjects.Implement"/>.</summary>
public class JavaScriptProxy : DispatchProxy
{
    private Type contract = typeof(object);
    private Dictionary<MethodInfo, Delegate> members = [];

    internal void Set(Type implemented, Dictionary<MethodInfo, Delegate> table)
    {
        contract = implemented;
        members = table;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod == null || !members.TryGetValue(targetMethod, out var target))
        {
            throw new NotImplementedException(
                $"the JavaScript object implementing {DotnetHost.Bridge.TypeNames.Display(contract)} has no {targetMethod?.Name}");
        }
        try
        {
            return target.DynamicInvoke(args);
        }
        catch (TargetInvocationException invocation) when (invocation.InnerException != null)
        {
            ExceptionDispatchInfo.Throw(invocation.InnerException);
            throw;
        }
    }

    public override string ToString() => $"JavaScript {DotnetHost.Bridge.TypeNames.Display(contract)}";
}
