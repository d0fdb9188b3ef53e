using System.Reflection;
using System.Reflection.Emit;

namespace DotnetHost.Bridge;

/// <summary>Reads the arguments from slots, calls the method, writes the result: one
/// compiled method per bound .NET method, so no reflection runs per call.</summary>
internal delegate int Invoker(IntPtr args, IntPtr ret);

/// <summary>What a compiled invoker does with its arguments: call a method (static or on the
/// object in slot 0), construct an object, or get or set a field.</summary>
internal enum TargetAction
{
    Call,
    Construct,
    GetField,
    SetField,
}

internal sealed record Target(MemberInfo Member, TargetAction Action)
{
    public bool Instance => Member switch
    {
        MethodInfo method => !method.IsStatic,
        FieldInfo field => !field.IsStatic,
        _ => false,
    };

    /// <summary>The type the object in slot 0 must have.</summary>
    public Type? This => Instance ? Member.DeclaringType : null;
}

internal static class Compiler
{
    public const int Returned = 0;
    public const int ReturnedTask = 2;

    public static Invoker Compile(Target target, WireType[] parameters, WireType result)
    {
        var member = target.Member;
        var dynamic = new DynamicMethod(
            $"dotnet-host:{member.DeclaringType?.FullName}.{member.Name}",
            typeof(int),
            [typeof(IntPtr), typeof(IntPtr)],
            typeof(Compiler).Module,
            skipVisibility: true);
        var il = dynamic.GetILGenerator();
        if (result.Kind != Kind.Void)
        {
            il.Emit(OpCodes.Ldarg_1);
        }
        var first = 0;
        if (target.This is { } self)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Call, Named(typeof(Readers), "Target"));
            // A struct's methods run on the boxed value itself, so mutations stick.
            il.Emit(self.IsValueType ? OpCodes.Unbox : OpCodes.Castclass, self);
            first = 1;
        }
        for (var i = 0; i < parameters.Length; i++)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4, i + first);
            il.Emit(OpCodes.Call, ReaderFor(parameters[i]));
        }
        EmitAction(il, target);
        if (result.Kind != Kind.Void)
        {
            il.Emit(OpCodes.Call, WriterFor(result));
        }
        il.Emit(OpCodes.Ldc_I4, result.Kind == Kind.Task ? ReturnedTask : Returned);
        il.Emit(OpCodes.Ret);
        return dynamic.CreateDelegate<Invoker>();
    }

    private static void EmitAction(ILGenerator il, Target target)
    {
        switch (target.Member, target.Action)
        {
            case (MethodInfo method, TargetAction.Call) when target.This is { IsValueType: true } self:
                il.Emit(OpCodes.Constrained, self);
                il.Emit(OpCodes.Callvirt, method);
                break;
            case (MethodInfo method, TargetAction.Call):
                il.Emit(method.IsStatic ? OpCodes.Call : OpCodes.Callvirt, method);
                break;
            case (ConstructorInfo constructor, TargetAction.Construct):
                il.Emit(OpCodes.Newobj, constructor);
                break;
            case (FieldInfo { IsLiteral: true } constant, TargetAction.GetField):
                EmitConstant(il, constant.GetRawConstantValue());
                break;
            case (FieldInfo field, TargetAction.GetField):
                il.Emit(field.IsStatic ? OpCodes.Ldsfld : OpCodes.Ldfld, field);
                break;
            case (FieldInfo field, TargetAction.SetField):
                il.Emit(field.IsStatic ? OpCodes.Stsfld : OpCodes.Stfld, field);
                break;
            default:
                throw new NotSupportedException($"cannot {target.Action} {target.Member}");
        }
    }

    /// <summary>A const field has no storage: its value is in the metadata.</summary>
    private static void EmitConstant(ILGenerator il, object? value)
    {
        switch (value)
        {
            case null:
                il.Emit(OpCodes.Ldnull);
                break;
            case string text:
                il.Emit(OpCodes.Ldstr, text);
                break;
            case float single:
                il.Emit(OpCodes.Ldc_R4, single);
                break;
            case double number:
                il.Emit(OpCodes.Ldc_R8, number);
                break;
            case long or ulong:
                il.Emit(OpCodes.Ldc_I8, Convert.ToInt64(value is ulong unsigned ? unchecked((long)unsigned) : value));
                break;
            default:
                // bool, char and every integer of 32 bits or less (enums included: the raw
                // value is their underlying integer).
                il.Emit(OpCodes.Ldc_I4, unchecked((int)Convert.ToInt64(value is uint u ? (long)u : value)));
                break;
        }
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

    public static MethodInfo ReaderFor(WireType wire)
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
            Kind.Object when wire.Dynamic => Named(readers, "Any"),
            Kind.Object => Named(readers, "Object", wire.Type),
            Kind.Delegate => Named(readers, "Delegate", wire.Type),
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
            case Kind.Object when wire.Dynamic:
                return Named(writers, "Any");
            case Kind.Object:
                return Named(writers, "Object", wire.Type);
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
