using System.Reflection;
using System.Reflection.Emit;

namespace DotnetHost.Bridge;

/// <summary>Reads the arguments from slots, calls the method, writes the result: one
/// compiled method per bound .NET method, so no reflection runs per call.</summary>
internal delegate int Invoker(IntPtr args, IntPtr ret);

internal static class Compiler
{
    public const int Returned = 0;
    public const int ReturnedTask = 2;

    public static Invoker Compile(MethodInfo method, WireType[] parameters, WireType result)
    {
        var dynamic = new DynamicMethod(
            $"dotnet-host:{method.DeclaringType?.FullName}.{method.Name}",
            typeof(int),
            [typeof(IntPtr), typeof(IntPtr)],
            typeof(Compiler).Module,
            skipVisibility: true);
        var il = dynamic.GetILGenerator();
        if (result.Kind != Kind.Void)
        {
            il.Emit(OpCodes.Ldarg_1);
        }
        for (var i = 0; i < parameters.Length; i++)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4, i);
            il.Emit(OpCodes.Call, ReaderFor(parameters[i]));
        }
        il.Emit(OpCodes.Call, method);
        if (result.Kind != Kind.Void)
        {
            il.Emit(OpCodes.Call, WriterFor(result));
        }
        il.Emit(OpCodes.Ldc_I4, result.Kind == Kind.Task ? ReturnedTask : Returned);
        il.Emit(OpCodes.Ret);
        return dynamic.CreateDelegate<Invoker>();
    }

    private static MethodInfo Named(Type owner, string name, params Type[] typeArguments)
    {
        var method = owner.GetMethod(name, BindingFlags.Public | BindingFlags.Static)
            ?? throw new MissingMethodException(owner.Name, name);
        return typeArguments.Length == 0 ? method : method.MakeGenericMethod(typeArguments);
    }

    private static Type Underlying(WireType wire) => Nullable.GetUnderlyingType(wire.Type) ?? wire.Type;

    private static Type Element(WireType wire) =>
        wire.Type.IsArray ? wire.Type.GetElementType()! : wire.Type.GetGenericArguments()[0];

    private static MethodInfo ReaderFor(WireType wire)
    {
        var readers = typeof(Readers);
        if (wire.IsBlittable)
        {
            return wire.Nullable ? Named(readers, "NullableValue", Underlying(wire)) : Named(readers, "Value", wire.Type);
        }
        return wire.Kind switch
        {
            Kind.String => Named(readers, "String"),
            Kind.Decimal or Kind.Guid or Kind.DateTime or Kind.DateTimeOffset or Kind.TimeSpan =>
                Named(readers, (wire.Nullable ? "Nullable" : "") + wire.Kind),
            Kind.Array or Kind.Span or Kind.ReadOnlySpan or Kind.Memory or Kind.ReadOnlyMemory =>
                Named(readers, wire.Kind.ToString(), Element(wire)),
            Kind.Json => Named(readers, "Json", wire.Type),
            Kind.CancellationToken => Named(readers, "CancellationToken"),
            _ => throw new NotSupportedException($"no reader for {wire.Kind}"),
        };
    }

    public static MethodInfo WriterFor(WireType wire)
    {
        var writers = typeof(Writers);
        if (wire.IsBlittable)
        {
            return wire.Nullable ? Named(writers, "NullableValue", Underlying(wire)) : Named(writers, "Value", wire.Type);
        }
        switch (wire.Kind)
        {
            case Kind.String:
                return Named(writers, "String");
            case Kind.Decimal or Kind.Guid or Kind.DateTime or Kind.DateTimeOffset or Kind.TimeSpan:
                return Named(writers, (wire.Nullable ? "Nullable" : "") + wire.Kind);
            case Kind.Array:
                return Named(writers, "Array", Element(wire));
            case Kind.Json:
                return Named(writers, "Json", wire.Type);
            case Kind.Task:
                return TaskWriter(wire);
            default:
                throw new NotSupportedException($"no writer for {wire.Kind}");
        }
    }

    private static MethodInfo TaskWriter(WireType wire)
    {
        var isValueTask = wire.Type == typeof(ValueTask)
            || (wire.Type.IsGenericType && wire.Type.GetGenericTypeDefinition() == typeof(ValueTask<>));
        var name = isValueTask ? "ValueTask" : "Task";
        if (wire.Inner!.Kind == Kind.Void)
        {
            return Named(typeof(Tasks), name);
        }
        var resultType = wire.Inner.Type;
        // Results<T>.Write is per T, and a T always crosses the same way, so setting it
        // again for another method returning Task<T> changes nothing.
        var results = typeof(Results<>).MakeGenericType(resultType);
        var writer = WriterFor(wire.Inner).CreateDelegate(typeof(Action<,>).MakeGenericType(typeof(IntPtr), resultType));
        results.GetField("Write")!.SetValue(null, writer);
        return Named(typeof(Tasks), name + "Of", resultType);
    }
}
