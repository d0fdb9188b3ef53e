using System.Reflection;
using System.Text.Json;

namespace DotnetHost.Bridge;

/// <summary>Finds members by name, classifies every overload's signature and compiles the
/// supported ones. The result, as JSON, lets the JavaScript side choose an overload per
/// call and convert values without asking .NET again.</summary>
internal static class Binder
{
    private static readonly object Gate = new();
    private static volatile Invoker[] invokers = [];

    /// <summary>Compiled members never go away (a DynamicMethod lives as long as its
    /// delegate is referenced), so each is compiled once however often it is bound.</summary>
    private static readonly Dictionary<(MemberInfo, TargetAction), int> Compiled = [];

    public static Invoker[] Invokers => invokers;

    private static int Register(Invoker invoker)
    {
        lock (Gate)
        {
            var next = new Invoker[invokers.Length + 1];
            invokers.CopyTo(next, 0);
            next[^1] = invoker;
            invokers = next;
            return next.Length - 1;
        }
    }

    private const BindingFlags PublicStatic = BindingFlags.Public | BindingFlags.Static;

    /// <summary><c>assembly.bind("Namespace.Type.Method")</c>: the public static methods of
    /// that name (<c>Method&lt;int&gt;</c> closes a generic method).</summary>
    public static string Bind(int assemblyId, string typeName, string methodName, string[]? parameterTypes)
    {
        var assembly = Loader.Get(assemblyId);
        return Json.Object(json =>
        {
            Type? type;
            try
            {
                type = assembly.GetType(typeName, throwOnError: false) ?? TypeNames.Resolve(typeName, assembly);
            }
            catch (TypeNameException)
            {
                type = null;
            }
            if (type == null || !type.IsVisible)
            {
                Error(json, "TypeNotFound", type == null
                    ? $"{assembly.GetName().Name} has no type {typeName}"
                    : $"{typeName} is not public",
                    SimilarTypes(assembly, typeName));
                return;
            }
            try
            {
                var (name, typeArguments) = SplitGeneric(methodName, assembly);
                var named = type.GetMethods(PublicStatic).Where(method => method.Name == name).ToList();
                if (named.Count == 0)
                {
                    // Instance methods bind too: the bound function takes the object as `this`.
                    named = type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                        .Where(method => method.Name == name && !method.IsSpecialName).ToList();
                }
                if (named.Count == 0)
                {
                    Error(json, "MethodNotFound", $"{typeName} has no public method {name}",
                        type.GetMethods(PublicStatic).Select(method => method.Name).Distinct().Order());
                    return;
                }
                WriteCandidates(json, $"{typeName}.{name}", Methods(named, typeArguments), parameterTypes);
            }
            catch (TypeNameException error)
            {
                Error(json, error.Code, error.Message, error.Candidates);
            }
        });
    }

    /// <summary>A member of a type JavaScript holds: the overloads of a method or
    /// constructor, or the accessors of a property, indexer, field or event, each candidate
    /// marked with its <c>role</c> (call, get, set, add, remove).</summary>
    public static string BindMember(int typeId, string kind, string name, bool isStatic, string? typeArgumentsJson, string[]? parameterTypes)
    {
        var type = Types.Get(typeId);
        return Json.Object(json =>
        {
            try
            {
                var typeArguments = typeArgumentsJson == null ? null : TypeNames.Arguments(typeArgumentsJson, type.Assembly);
                var flags = BindingFlags.Public | (isStatic ? BindingFlags.Static | BindingFlags.FlattenHierarchy : BindingFlags.Instance);
                var display = $"{TypeNames.Display(type)}.{name}";
                IEnumerable<Overload>? overloads = kind switch
                {
                    "method" => Methods(type.GetMethods(flags).Where(method => method.Name == name && !method.IsSpecialName).ToList(), typeArguments),
                    "constructor" => type.IsAbstract ? [] : type.GetConstructors().Select(constructor => new Overload(
                        new Target(constructor, TargetAction.Construct), "call", Parameters(constructor), type,
                        $"new {TypeNames.Display(type)}({ParameterList(constructor.GetParameters())})")),
                    "property" => Accessors(type.GetProperty(name, flags | BindingFlags.DeclaredOnly) ?? type.GetProperties(flags).FirstOrDefault(property => property.Name == name && property.GetIndexParameters().Length == 0)),
                    "indexer" => type.GetProperties(flags).Where(property => property.GetIndexParameters().Length > 0).SelectMany(Accessors),
                    "field" => Field(type.GetField(name, flags)),
                    "event" => Event(type.GetEvent(name, flags)),
                    _ => throw new TypeNameException("InvalidMember", $"unknown member kind {kind}", []),
                };
                var list = overloads.ToList();
                if (list.Count == 0)
                {
                    var what = kind == "constructor" ? $"{TypeNames.Display(type)} has no public constructor" : $"{TypeNames.Display(type)} has no public {(isStatic ? "static" : "instance")} {kind} {name}";
                    Error(json, kind == "constructor" ? "NoConstructor" : "MemberNotFound", what,
                        type.GetMembers(flags).Select(member => member.Name).Where(member => !member.StartsWith("get_", StringComparison.Ordinal) && !member.StartsWith("set_", StringComparison.Ordinal)).Distinct().Order());
                    return;
                }
                WriteCandidates(json, display, list, parameterTypes);
            }
            catch (TypeNameException error)
            {
                Error(json, error.Code, error.Message, error.Candidates);
            }
        });
    }

    /// <summary>One callable form of a member: what to compile, its parameters and result.</summary>
    private sealed record Overload(Target Target, string Role, Param[] Parameters, Type Returns, string Signature)
    {
        public string? Unsupported { get; init; }
    }

    internal sealed record Param(string Name, Type Type, bool HasDefault, object? Default);

    private static Param[] Parameters(MethodBase method) =>
        method.GetParameters().Select(parameter => new Param(
            parameter.Name ?? $"arg{parameter.Position}", parameter.ParameterType, parameter.HasDefaultValue,
            parameter.HasDefaultValue ? DefaultValue(parameter) : null)).ToArray();

    private static IEnumerable<Overload> Methods(List<MethodInfo> methods, Type[]? typeArguments)
    {
        foreach (var method in methods)
        {
            if (typeArguments != null)
            {
                if (!method.IsGenericMethodDefinition || method.GetGenericArguments().Length != typeArguments.Length)
                {
                    continue;
                }
                var (closed, violation) = Close(method, typeArguments);
                yield return closed == null
                    ? new Overload(new Target(method, TargetAction.Call), "call", [], typeof(void), Signature(method)) { Unsupported = violation }
                    : new Overload(new Target(closed, TargetAction.Call), "call", Parameters(closed), closed.ReturnType, Signature(closed));
            }
            else if (method.IsGenericMethodDefinition)
            {
                yield return new Overload(new Target(method, TargetAction.Call), "call", [], typeof(void), Signature(method))
                {
                    Unsupported = $"generic method: name its type arguments (bind(\"{method.DeclaringType?.FullName}.{method.Name}<int>\") or .of(\"int\"))",
                };
            }
            else
            {
                yield return new Overload(new Target(method, TargetAction.Call), "call", Parameters(method), method.ReturnType, Signature(method));
            }
        }
        if (typeArguments != null && !methods.Any(method => method.IsGenericMethodDefinition && method.GetGenericArguments().Length == typeArguments.Length))
        {
            var name = methods.FirstOrDefault()?.Name ?? "";
            throw new TypeNameException(methods.Any(method => method.IsGenericMethodDefinition) ? "WrongTypeArgumentCount" : "NotGeneric",
                $"{name} has no generic overload with {typeArguments.Length} type argument(s)", methods.Select(Signature));
        }
    }

    private static (MethodInfo? Closed, string? Violation) Close(MethodInfo method, Type[] typeArguments)
    {
        try
        {
            return (method.MakeGenericMethod(typeArguments), null);
        }
        catch (ArgumentException violated)
        {
            return (null, violated.Message);
        }
    }

    private static IEnumerable<Overload> Accessors(PropertyInfo? property)
    {
        if (property == null)
        {
            yield break;
        }
        var index = property.GetIndexParameters();
        var indexList = index.Length == 0 ? "" : $"[{ParameterList(index)}]";
        var head = $"{TypeNames.Display(property.PropertyType)} {(index.Length == 0 ? property.Name : "this")}{indexList}";
        if (property.GetMethod is { IsPublic: true } getter)
        {
            yield return new Overload(new Target(getter, TargetAction.Call), "get", Parameters(getter), getter.ReturnType, $"{head} {{ get; }}");
        }
        if (property.SetMethod is { IsPublic: true } setter)
        {
            yield return new Overload(new Target(setter, TargetAction.Call), "set", Parameters(setter), typeof(void), $"{head} {{ set; }}");
        }
    }

    private static IEnumerable<Overload> Field(FieldInfo? field)
    {
        if (field == null)
        {
            yield break;
        }
        var head = $"{(field.IsLiteral ? "const " : field.IsInitOnly ? "readonly " : "")}{TypeNames.Display(field.FieldType)} {field.Name}";
        yield return new Overload(new Target(field, TargetAction.GetField), "get", [], field.FieldType, head);
        if (!field.IsLiteral && !field.IsInitOnly)
        {
            yield return new Overload(new Target(field, TargetAction.SetField), "set",
                [new Param("value", field.FieldType, false, null)], typeof(void), head);
        }
    }

    private static IEnumerable<Overload> Event(EventInfo? @event)
    {
        if (@event?.AddMethod is not { } add || @event.RemoveMethod is not { } remove)
        {
            yield break;
        }
        var head = $"event {TypeNames.Display(@event.EventHandlerType!)} {@event.Name}";
        yield return new Overload(new Target(add, TargetAction.Call), "add", Parameters(add), typeof(void), head);
        yield return new Overload(new Target(remove, TargetAction.Call), "remove", Parameters(remove), typeof(void), head);
    }

    private static (string Name, Type[]? TypeArguments) SplitGeneric(string methodName, Assembly assembly)
    {
        var open = methodName.IndexOf('<');
        if (open <= 0 || !methodName.EndsWith('>'))
        {
            return (methodName, null);
        }
        var arguments = TypeNames.SplitArguments(methodName[(open + 1)..^1]);
        return (methodName[..open], arguments.Select(argument => TypeNames.Resolve(argument, assembly)).ToArray());
    }

    private static void WriteCandidates(Utf8JsonWriter json, string display, IEnumerable<Overload> overloads, string[]? parameterTypes)
    {
        var all = overloads.ToList();
        var matching = parameterTypes == null ? all : all.Where(overload => Matches(overload, parameterTypes)).ToList();
        if (matching.Count == 0)
        {
            Error(json, "NoMatchingOverload", $"no overload of {display} takes ({string.Join(", ", parameterTypes!)})",
                all.Select(overload => overload.Signature));
            return;
        }
        json.WriteStartArray("candidates");
        foreach (var overload in matching)
        {
            Candidate(json, overload);
        }
        json.WriteEndArray();
    }

    private static bool Matches(Overload overload, string[] parameterTypes) =>
        overload.Parameters.Length == parameterTypes.Length
        && overload.Parameters.Zip(parameterTypes).All(pair => TypeNames.Matches(pair.First.Type, pair.Second));

    private static IEnumerable<string> SimilarTypes(Assembly assembly, string typeName)
    {
        var shortName = typeName[(typeName.LastIndexOfAny(['.', '+']) + 1)..];
        return assembly.GetExportedTypes()
            .Where(type => string.Equals(type.Name, shortName, StringComparison.OrdinalIgnoreCase))
            .Select(type => type.FullName ?? type.Name)
            .Order();
    }

    private static string ParameterList(ParameterInfo[] parameters) =>
        string.Join(", ", parameters.Select(parameter => $"{TypeNames.Display(parameter.ParameterType)} {parameter.Name}"));

    public static string Signature(MethodInfo method)
    {
        var generic = method.IsGenericMethod ? $"<{string.Join(", ", method.GetGenericArguments().Select(TypeNames.Display))}>" : "";
        return $"{TypeNames.Display(method.ReturnType)} {method.Name}{generic}({ParameterList(method.GetParameters())})";
    }

    public static void Error(Utf8JsonWriter json, string code, string message, IEnumerable<string> candidates)
    {
        json.WriteString("error", code);
        json.WriteString("message", message);
        json.WriteStartArray("candidates");
        foreach (var candidate in candidates)
        {
            json.WriteStringValue(candidate);
        }
        json.WriteEndArray();
    }

    private static void Candidate(Utf8JsonWriter json, Overload overload)
    {
        json.WriteStartObject();
        json.WriteString("signature", overload.Signature);
        json.WriteString("role", overload.Role);
        try
        {
            if (overload.Unsupported != null)
            {
                throw new NotSupportedException(overload.Unsupported);
            }
            var target = overload.Target;
            var wires = overload.Parameters.Select(parameter => WireType.Classify(parameter.Type, false)).ToArray();
            var result = WireType.Classify(overload.Returns, true);
            int id;
            lock (Gate)
            {
                if (!Compiled.TryGetValue((target.Member, target.Action), out id))
                {
                    id = Register(Compiler.Compile(target, wires, result));
                    Compiled[(target.Member, target.Action)] = id;
                }
            }
            json.WriteNumber("id", id);
            if (target.This is { } self)
            {
                json.WriteBoolean("instance", true);
                json.WriteNumber("thisTypeId", Types.Id(self));
            }
            json.WritePropertyName("returns");
            Wires.Write(json, result);
            json.WriteStartArray("parameters");
            for (var i = 0; i < wires.Length; i++)
            {
                var parameter = overload.Parameters[i];
                json.WriteStartObject();
                json.WriteString("name", parameter.Name);
                json.WriteString("type", TypeNames.Display(parameter.Type));
                Wires.WriteFields(json, wires[i]);
                if (parameter.HasDefault)
                {
                    json.WritePropertyName("default");
                    JsonSerializer.Serialize(json, parameter.Default, JsonOptions.Default);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        catch (NotSupportedException unsupported)
        {
            json.WriteString("unsupported", unsupported.Message);
        }
        json.WriteEndObject();
    }

    /// <summary>Enum defaults as their number, so JavaScript can pass them back as is.</summary>
    private static object? DefaultValue(ParameterInfo parameter) =>
        parameter.DefaultValue is Enum value ? Convert.ToInt64(value) : parameter.DefaultValue;
}
