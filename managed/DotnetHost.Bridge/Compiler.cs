using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;

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

    /// <summary><c>new S()</c> of a struct without a parameterless constructor.</summary>
    DefaultValue,
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

    /// <summary>Values of optional parameters, loaded by index when JavaScript leaves one out.</summary>
    private static readonly List<object?> Defaults = [];

    public static object? DefaultValue(int index)
    {
        lock (Defaults)
        {
            return Defaults[index];
        }
    }

    private static int AddDefault(object? value)
    {
        lock (Defaults)
        {
            Defaults.Add(value);
            return Defaults.Count - 1;
        }
    }

    /// <summary>Slots: the receiver (instance members), one per parameter, then one per
    /// <c>ref</c>/<c>out</c> parameter, where its value after the call is written.</summary>
    public static Invoker Compile(Target target, Binder.Param[] parameters, WireType[] wires, WireType result)
    {
        var member = target.Member;
        var dynamic = new DynamicMethod(
            $"dotnet-host:{member.DeclaringType?.FullName}.{member.Name}",
            typeof(int),
            [typeof(IntPtr), typeof(IntPtr)],
            typeof(Compiler).Module,
            skipVisibility: true);
        var il = dynamic.GetILGenerator();
        var first = target.This != null ? 1 : 0;
        var byRef = new LocalBuilder?[parameters.Length];
        var arrays = new LocalBuilder?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            if (parameters[i].Passing != Binder.Passing.Value)
            {
                byRef[i] = il.DeclareLocal(parameters[i].Type);
            }
            else if (WritesBack(wires[i]))
            {
                arrays[i] = il.DeclareLocal(typeof(Array));
            }
        }
        // Arrays of strings, records or objects built from a JavaScript array: written back
        // as JSON after the call, so the JavaScript array shows what .NET did to it.
        var jsonArrays = new LocalBuilder?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            if (WritesBackAsJson(parameters[i], wires[i]) && result.Kind != Kind.Task)
            {
                jsonArrays[i] = il.DeclareLocal(parameters[i].Type);
            }
        }
        // A reference type's constructor: its new object gets its handle without a lookup
        // if nothing was exposed while it ran (Objects.ExposeNew).
        LocalBuilder? exposuresBefore = null;
        if (target is { Member: ConstructorInfo { DeclaringType: { IsValueType: false } constructed }, Action: TargetAction.Construct }
            && constructed == result.Type && result.Kind == Kind.Object && !result.Dynamic && !result.Nullable)
        {
            exposuresBefore = il.DeclareLocal(typeof(long));
            il.Emit(OpCodes.Call, typeof(Objects).GetProperty(nameof(Objects.Exposures))!.GetMethod!);
            il.Emit(OpCodes.Stloc, exposuresBefore);
        }
        var writesBack = Array.Exists(arrays, local => local != null);
        if (writesBack)
        {
            // .NET's writes into an array reach JavaScript even when the method throws, as a
            // C# caller would see them.
            il.BeginExceptionBlock();
        }
        if (result.Kind != Kind.Void)
        {
            il.Emit(OpCodes.Ldarg_1);
        }
        if (NaturalReceiver(target) is { } receiver)
        {
            // A value JavaScript holds as its own (a Date for a DateTime, a string): read
            // like an argument, then called on that copy.
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Call, ReaderFor(receiver));
            if (receiver.Type.IsValueType)
            {
                var value = il.DeclareLocal(receiver.Type);
                il.Emit(OpCodes.Stloc, value);
                il.Emit(OpCodes.Ldloca, value);
            }
        }
        else if (target.This is { } self)
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Call, Named(typeof(Readers), "Target"));
            // A struct's methods run on the boxed value itself, so mutations stick.
            il.Emit(self.IsValueType ? OpCodes.Unbox : OpCodes.Castclass, self);
        }
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var slot = i + first;
            if (byRef[i] is { } local)
            {
                if (parameter.Passing != Binder.Passing.Out)
                {
                    EmitRead(il, parameter, wires[i], slot);
                    il.Emit(OpCodes.Stloc, local);
                }
                il.Emit(OpCodes.Ldloca, local);
                continue;
            }
            EmitRead(il, parameter, wires[i], slot);
            if (jsonArrays[i] is { } jsonArray)
            {
                il.Emit(OpCodes.Dup);
                il.Emit(OpCodes.Stloc, jsonArray);
            }
            if (arrays[i] is { } array)
            {
                il.Emit(OpCodes.Dup);
                if (wires[i].Kind == Kind.Memory)
                {
                    il.Emit(OpCodes.Call, Named(typeof(Readers), "ArrayOf", Element(wires[i])));
                }
                il.Emit(OpCodes.Stloc, array);
            }
        }
        EmitAction(il, target);
        if (writesBack && result.Kind == Kind.Task)
        {
            // A Task's method may write into its arrays until the Task ends.
            var task = il.DeclareLocal(result.Type);
            il.Emit(OpCodes.Stloc, task);
            il.Emit(OpCodes.Ldloc, task);
            EmitWriteBacks(il, arrays, first, capture: true);
            il.Emit(OpCodes.Call, TaskWriteBack(result));
        }
        if (exposuresBefore != null)
        {
            // `newobj` makes an object of exactly the constructor's type.
            il.Emit(OpCodes.Ldloc, exposuresBefore);
            il.Emit(OpCodes.Ldc_I4, Types.Id(result.Type));
            il.Emit(OpCodes.Call, Named(typeof(Writers), nameof(Writers.Constructed), result.Type));
        }
        else if (result.Kind != Kind.Void)
        {
            il.Emit(OpCodes.Call, WriterFor(result));
        }
        var outSlot = parameters.Length + first;
        for (var i = 0; i < parameters.Length; i++)
        {
            if (byRef[i] is { } local && parameters[i].Passing is Binder.Passing.Ref or Binder.Passing.Out)
            {
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldc_I4, outSlot++ * Marshal.SizeOf<Slot>());
                il.Emit(OpCodes.Conv_I);
                il.Emit(OpCodes.Add);
                il.Emit(OpCodes.Ldloc, local);
                il.Emit(OpCodes.Call, WriterFor(WireType.Classify(parameters[i].Type, true)));
            }
        }
        for (var i = 0; i < parameters.Length; i++)
        {
            if (jsonArrays[i] is { } jsonArray)
            {
                il.Emit(OpCodes.Ldarg_0);
                il.Emit(OpCodes.Ldc_I4, i + first);
                il.Emit(OpCodes.Ldc_I4, outSlot++);
                il.Emit(OpCodes.Ldloc, jsonArray);
                il.Emit(OpCodes.Call, Named(typeof(WriteBack), "Json", parameters[i].Type.GetElementType()!));
            }
        }
        if (writesBack)
        {
            il.BeginFinallyBlock();
            EmitWriteBacks(il, arrays, first, capture: false);
            il.EndExceptionBlock();
        }
        il.Emit(OpCodes.Ldc_I4, result.Kind == Kind.Task ? ReturnedTask : Returned);
        il.Emit(OpCodes.Ret);
        return dynamic.CreateDelegate<Invoker>();
    }

    /// <summary>For an instance member of a type that crosses by value (DateTime, Guid,
    /// TimeSpan, DateOnly, string …): how its receiver crosses.</summary>
    public static WireType? NaturalReceiver(Target target) =>
        target.This is { IsEnum: false } self && (self == typeof(string) || (self.IsValueType && Shapes.IsByValue(self)))
            ? WireType.Classify(self, false)
            : null;

    /// <summary>An array of strings, records or objects (not numbers, which are copied back
    /// as memory) passed by value to a method that does not return a Task.</summary>
    public static bool WritesBackAsJson(Binder.Param parameter, WireType wire) =>
        parameter.Passing == Binder.Passing.Value && parameter.Type.IsArray && parameter.Type.GetArrayRank() == 1
        && wire.Kind is Kind.Json or Kind.Object;

    /// <summary>Parameters whose .NET object is a copy of JavaScript memory that .NET may write
    /// into: arrays of numbers, and Memory&lt;T&gt; (copied so that .NET never holds memory
    /// JavaScript may free).</summary>
    private static bool WritesBack(WireType wire) =>
        (wire.Kind == Kind.Array || (wire.Kind == Kind.Memory && wire.ElementKind != Kind.Void)) && !wire.Nullable;

    /// <summary>Copies each array back into its JavaScript memory now, or (capture) builds the
    /// list that the Task wrapper copies back when the Task ends.</summary>
    private static void EmitWriteBacks(ILGenerator il, LocalBuilder?[] arrays, int first, bool capture)
    {
        if (capture)
        {
            il.Emit(OpCodes.Ldnull);
        }
        for (var i = 0; i < arrays.Length; i++)
        {
            if (arrays[i] is not { } array)
            {
                continue;
            }
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4, i + first);
            il.Emit(OpCodes.Ldloc, array);
            il.Emit(OpCodes.Call, capture ? Named(typeof(WriteBack), "Capture") : Named(typeof(WriteBack), "Now"));
        }
    }

    private static MethodInfo TaskWriteBack(WireType result)
    {
        var isValueTask = result.Type == typeof(ValueTask)
            || (result.Type.IsGenericType && result.Type.GetGenericTypeDefinition() == typeof(ValueTask<>));
        var name = (isValueTask ? "ValueTask" : "Task") + (result.Inner!.Kind == Kind.Void ? "" : "Of");
        return result.Inner.Kind == Kind.Void
            ? Named(typeof(WriteBack), name)
            : Named(typeof(WriteBack), name, result.Inner.Type);
    }

    /// <summary>Reads slot <paramref name="slot"/> as the parameter's type; an optional
    /// parameter JavaScript left out gets its .NET default.</summary>
    private static void EmitRead(ILGenerator il, Binder.Param parameter, WireType wire, int slot)
    {
        Label? done = null;
        if (parameter.HasDefault)
        {
            var read = il.DefineLabel();
            done = il.DefineLabel();
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4, slot);
            il.Emit(OpCodes.Call, Named(typeof(Readers), "IsMissing"));
            il.Emit(OpCodes.Brfalse, read);
            if (parameter.Default == null && parameter.Type.IsValueType && Nullable.GetUnderlyingType(parameter.Type) == null)
            {
                // default(T) of a struct that cannot be boxed (a span).
                var value = il.DeclareLocal(parameter.Type);
                il.Emit(OpCodes.Ldloca, value);
                il.Emit(OpCodes.Initobj, parameter.Type);
                il.Emit(OpCodes.Ldloc, value);
            }
            else
            {
                il.Emit(OpCodes.Ldc_I4, AddDefault(parameter.Default));
                il.Emit(OpCodes.Call, Named(typeof(Compiler), "DefaultValue"));
                il.Emit(OpCodes.Unbox_Any, parameter.Type);
            }
            il.Emit(OpCodes.Br, done.Value);
            il.MarkLabel(read);
        }
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldc_I4, slot);
        il.Emit(OpCodes.Call, ReaderFor(wire));
        if (done is { } end)
        {
            il.MarkLabel(end);
        }
    }

    private static void EmitAction(ILGenerator il, Target target)
    {
        switch (target.Member, target.Action)
        {
            case (MethodInfo method, TargetAction.Call) when target.This is { IsValueType: true } self:
                // The struct's own methods are called directly on the boxed value; ones it
                // inherits (ToString from ValueType) or implements for an interface go
                // through `constrained.`, as the C# compiler emits them.
                if (method.DeclaringType is { IsValueType: true } && !method.DeclaringType.IsInterface)
                {
                    il.Emit(OpCodes.Call, method);
                }
                else
                {
                    il.Emit(OpCodes.Constrained, self);
                    il.Emit(OpCodes.Callvirt, method);
                }
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
            case (Type valueType, TargetAction.DefaultValue):
                var value = il.DeclareLocal(valueType);
                il.Emit(OpCodes.Ldloca, value);
                il.Emit(OpCodes.Initobj, valueType);
                il.Emit(OpCodes.Ldloc, value);
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
            Kind.Span or Kind.ReadOnlySpan or Kind.Memory or Kind.ReadOnlyMemory when wire.ElementKind == Kind.Void =>
                Named(readers, wire.Kind + "FromArray", Element(wire)),
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
            return Named(typeof(TaskResults), name);
        }
        var resultType = wire.Inner.Type;
        // Results<T>.Write is per T, and a T always crosses the same way, so setting it
        // again for another method returning Task<T> changes nothing.
        var results = typeof(Results<>).MakeGenericType(resultType);
        var writer = WriterFor(wire.Inner).CreateDelegate(typeof(Action<,>).MakeGenericType(typeof(IntPtr), resultType));
        results.GetField("Write")!.SetValue(null, writer);
        return Named(typeof(TaskResults), name + "Of", resultType);
    }
}
