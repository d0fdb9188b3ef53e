using System.Collections.Concurrent;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DotnetHost.Bridge;

/// <summary>How a JavaScript function is called as a delegate of one type: the Invoke
/// method's parameters cross to JavaScript as results do, its return value comes back as an
/// argument does.</summary>
internal sealed class DelegateSignature
{
    private static readonly ConcurrentDictionary<Type, DelegateSignature> Known = new();

    private readonly Lazy<Func<CallbackTarget, Delegate>> factory;

    public Type Type { get; }
    public MethodInfo Invoke { get; }
    public WireType[] Parameters { get; }
    public WireType Returns { get; }

    private DelegateSignature(Type type)
    {
        Type = type;
        Invoke = type.GetMethod("Invoke") ?? throw new NotSupportedException($"{TypeNames.Display(type)} has no Invoke method");
        var parameters = Invoke.GetParameters();
        if (parameters.Any(parameter => parameter.ParameterType.IsByRef))
        {
            throw new NotSupportedException($"{TypeNames.Display(type)} has ref/out/in parameters, which a JavaScript function cannot fill");
        }
        if (parameters.Length > 16)
        {
            throw new NotSupportedException($"{TypeNames.Display(type)} has more than 16 parameters");
        }
        Parameters = parameters.Select(parameter => WireType.Classify(parameter.ParameterType, true)).ToArray();
        Returns = Invoke.ReturnType == typeof(void)
            ? new WireType(typeof(void), Kind.Void, false, 0, null)
            : ClassifyReturn(Invoke.ReturnType);
        if (Returns.Kind == Kind.Task)
        {
            PromiseTasks.SetReader(Returns.Inner!);
        }
        factory = new(Compile);
    }

    /// <summary>The return type, as it comes from JavaScript. A Task (or ValueTask) is the
    /// Promise the function returns (or its value, already there); its result type comes
    /// from JavaScript as an argument would.</summary>
    private static WireType ClassifyReturn(Type returnType)
    {
        if (PromiseTasks.ResultType(returnType) is { } result)
        {
            var inner = result == typeof(void)
                ? new WireType(typeof(void), Kind.Void, false, 0, null)
                : WireType.Classify(result, false);
            return new WireType(returnType, Kind.Task, false, 0, inner);
        }
        return WireType.Classify(returnType, false);
    }

    [ThreadStatic]
    private static HashSet<Type>? describing;

    public static DelegateSignature For(Type type)
    {
        if (Known.TryGetValue(type, out var known))
        {
            return known;
        }
        describing ??= [];
        if (!describing.Add(type))
        {
            throw new NotSupportedException($"{TypeNames.Display(type)} refers to itself in its own signature");
        }
        try
        {
            return Known.GetOrAdd(type, new DelegateSignature(type));
        }
        finally
        {
            describing.Remove(type);
        }
    }

    public Delegate Create(long callbackId)
    {
        var created = factory.Value(new CallbackTarget(callbackId));
        Callbacks.Track(callbackId, created);
        return created;
    }

    public string Display =>
        $"{TypeNames.Display(Invoke.ReturnType)} {TypeNames.Display(Type)}({string.Join(", ", Invoke.GetParameters().Select(parameter => $"{TypeNames.Display(parameter.ParameterType)} {parameter.Name}"))})";

    public void Write(ReplyWriter json)
    {
        json.WriteStartObject();
        json.WriteNumber("typeId", Types.Id(Type));
        json.WriteString("signature", Display);
        json.WritePropertyName("returns");
        WireJson.Write(json, Returns);
        json.WriteStartArray("parameters");
        var parameters = Invoke.GetParameters();
        for (var i = 0; i < parameters.Length; i++)
        {
            json.WriteStartObject();
            json.WriteString("name", parameters[i].Name ?? $"arg{i}");
            json.WriteString("type", TypeNames.Display(parameters[i].ParameterType));
            WireJson.WriteFields(json, Parameters[i]);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Emits <c>R Invoke(CallbackTarget target, P1 p1, …)</c>: writes each parameter
    /// into a stack slot, asks the native side to run the JavaScript function, reads the
    /// result and lets the native side free what it allocated for it.</summary>
    private Func<CallbackTarget, Delegate> Compile()
    {
        var parameters = Invoke.GetParameters();
        var dynamic = new DynamicMethod(
            $"dotnet-host:callback:{Type.FullName}",
            Invoke.ReturnType,
            [typeof(CallbackTarget), .. parameters.Select(parameter => parameter.ParameterType)],
            typeof(Callbacks).Module,
            skipVisibility: true);
        var il = dynamic.GetILGenerator();
        var args = il.DeclareLocal(typeof(IntPtr));
        var ret = il.DeclareLocal(typeof(Slot));
        var result = Returns.Kind == Kind.Void ? null : il.DeclareLocal(Invoke.ReturnType);
        if (parameters.Length > 0)
        {
            il.Emit(OpCodes.Ldc_I4, parameters.Length * System.Runtime.CompilerServices.Unsafe.SizeOf<Slot>());
            il.Emit(OpCodes.Conv_U);
            il.Emit(OpCodes.Localloc);
        }
        else
        {
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Conv_I);
        }
        il.Emit(OpCodes.Stloc, args);
        for (var i = 0; i < parameters.Length; i++)
        {
            il.Emit(OpCodes.Ldloc, args);
            il.Emit(OpCodes.Ldc_I4, i * System.Runtime.CompilerServices.Unsafe.SizeOf<Slot>());
            il.Emit(OpCodes.Conv_I);
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Ldarg, i + 1);
            il.Emit(OpCodes.Call, Compiler.WriterFor(Parameters[i]));
        }
        if (Returns.Kind == Kind.Task)
        {
            // The function's Promise becomes the delegate's Task.
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldloc, args);
            il.Emit(OpCodes.Call, PromiseTasks.Start(Invoke.ReturnType));
            il.Emit(OpCodes.Ret);
            return Constructor(dynamic);
        }
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldloc, args);
        il.Emit(OpCodes.Ldloca, ret);
        il.Emit(OpCodes.Conv_U);
        il.Emit(OpCodes.Call, typeof(Callbacks).GetMethod(nameof(Callbacks.Run))!);
        il.BeginExceptionBlock();
        if (result != null)
        {
            il.Emit(OpCodes.Ldloca, ret);
            il.Emit(OpCodes.Conv_U);
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Call, Compiler.ReaderFor(Returns));
            il.Emit(OpCodes.Stloc, result);
        }
        il.BeginFinallyBlock();
        il.Emit(OpCodes.Ldloca, ret);
        il.Emit(OpCodes.Conv_U);
        il.Emit(OpCodes.Call, typeof(Callbacks).GetMethod(nameof(Callbacks.Done))!);
        il.EndExceptionBlock();
        if (result != null)
        {
            il.Emit(OpCodes.Ldloc, result);
        }
        il.Emit(OpCodes.Ret);
        return Constructor(dynamic);
    }

    /// <summary>Makes the delegates for <paramref name="invoke"/>, one per JavaScript function
    /// passed. <see cref="DynamicMethod.CreateDelegate(Type, object)"/> costs about 600 ns a
    /// call (it checks the signature by reflection each time); a copy of one delegate made
    /// that way, given its own target, is the same delegate for about 90 ns. The copy is
    /// checked once against what <c>CreateDelegate</c> makes; a runtime whose delegates
    /// differ gets <c>CreateDelegate</c> on every call.</summary>
    private Func<CallbackTarget, Delegate> Constructor(DynamicMethod invoke)
    {
        var template = invoke.CreateDelegate(Type, new CallbackTarget(0, counted: false));
        Delegate Slow(CallbackTarget target) => invoke.CreateDelegate(Type, target);
        Delegate Copy(CallbackTarget target)
        {
            var copy = (Delegate)template.Clone();
            DelegateTarget(copy) = target;
            return copy;
        }
        try
        {
            var probe = new CallbackTarget(0, counted: false);
            var copied = Copy(probe);
            var made = Slow(probe);
            return ReferenceEquals(copied.Target, probe) && copied.Method == made.Method && copied.Equals(made)
                ? Copy
                : Slow;
        }
        catch (MissingFieldException)
        {
            return Slow;
        }
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_target")]
    private static extern ref object DelegateTarget(Delegate instance);
}

/// <summary>The state a callback delegate closes over: which JavaScript function it calls.
/// When .NET lets go of the delegate, the finalizer lets the native side release the
/// function, so JavaScript's GC can have it.</summary>
internal sealed class CallbackTarget
{
    public long Id { get; }

    public CallbackTarget(long id)
        : this(id, counted: true)
    {
    }

    /// <summary>An uncounted target calls no function and releases none (a probe).</summary>
    public CallbackTarget(long id, bool counted)
    {
        Id = id;
        if (counted)
        {
            Interlocked.Increment(ref Callbacks.Live);
        }
        else
        {
            GC.SuppressFinalize(this);
        }
    }

    ~CallbackTarget()
    {
        Interlocked.Decrement(ref Callbacks.Live);
        Callbacks.Untrack(Id);
        Callbacks.Release(Id);
    }
}

/// <summary>The native functions that run JavaScript callbacks, handed over by the addon at
/// initialization (src/bridge/callbacks.rs).</summary>
internal static unsafe class Callbacks
{
    public const int Succeeded = 0;
    public const int Threw = 1;
    public const int CannotRun = 2;

    /// <summary>Callback delegates not yet finalized.</summary>
    public static long Live;

    private static delegate* unmanaged<long, Slot*, Slot*, int> invoke;
    private static delegate* unmanaged<long, void> release;
    private static delegate* unmanaged<long, void> free;

    /// <summary>Whether the addon calling Initialize with <paramref name="invokeCallback"/> may
    /// have this bridge: the first one may, and the same one again (from another of its
    /// environments). Another copy of dotnet-host in the process must load a bridge of its
    /// own, or its callbacks would take this one's.</summary>
    public static bool Serves(delegate* unmanaged<long, Slot*, Slot*, int> invokeCallback) =>
        invoke == null || (nint)invoke == (nint)invokeCallback; // the addon's own exports: one address each

    public static void Set(
        delegate* unmanaged<long, Slot*, Slot*, int> invokeCallback,
        delegate* unmanaged<long, void> releaseCallback,
        delegate* unmanaged<long, void> freeResult)
    {
        invoke = invokeCallback;
        release = releaseCallback;
        free = freeResult;
    }

    /// <summary>Each callback's delegate, weakly: the addon passes the same JavaScript function
    /// again as the delegate .NET still has (see <see cref="Reuse"/>).</summary>
    private static readonly Dictionary<long, GCHandle> Delegates = [];

    public static void Track(long id, Delegate created)
    {
        var handle = GCHandle.Alloc(created, GCHandleType.Weak);
        lock (Delegates)
        {
            Delegates[id] = handle;
        }
    }

    /// <summary>At finalization, when the delegate is already unreachable.</summary>
    public static void Untrack(long id)
    {
        lock (Delegates)
        {
            if (Delegates.Remove(id, out var handle))
            {
                handle.Free();
            }
        }
    }

    /// <summary>The delegate made for callback <paramref name="id"/> if .NET can still reach
    /// it, else null: once unreachable its finalizer releases the id, and a new delegate
    /// (with a new id) must be made.</summary>
    public static Delegate? Reuse(long id)
    {
        lock (Delegates)
        {
            return Delegates.TryGetValue(id, out var handle) ? handle.Target as Delegate : null;
        }
    }

    public static void Release(long id)
    {
        if (release != null)
        {
            release(id);
        }
    }

    /// <summary>Runs the JavaScript function; a JavaScript exception, or a reason it could
    /// not run, becomes a <see cref="DotnetHost.JavaScriptException"/> here, in the .NET
    /// caller.</summary>
    public static void Run(CallbackTarget target, IntPtr args, IntPtr ret)
    {
        // The caller set the slot: zero, or the id of the Task a Promise will complete.
        var slot = (Slot*)ret;
        var status = invoke(target.Id, (Slot*)args, slot);
        if (status == Succeeded)
        {
            return;
        }
        string text;
        try
        {
            text = slot->A == 0 ? "" : new string((char*)slot->A, 0, (int)slot->B);
        }
        finally
        {
            Done(ret);
        }
        throw status == Threw ? DotnetHost.JavaScriptException.FromJson(text) : DotnetHost.JavaScriptException.CannotRun(text);
    }

    /// <summary>Frees what the native side allocated for a result, once it has been read.</summary>
    public static void Done(IntPtr ret)
    {
        var slot = (Slot*)ret;
        var token = slot->C;
        slot->C = 0;
        if (token != 0)
        {
            free(token);
        }
    }
}
