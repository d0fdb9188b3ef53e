using System.Reflection;

namespace DotnetHost.Bridge;

/// <summary>Tasks that stand for JavaScript Promises: a delegate returning Task made for
/// a JavaScript function starts one per call; the native side completes it when the
/// function's Promise settles (src/bridge/callbacks/promises.rs).</summary>
internal static unsafe class PromiseTasks
{
    /// <summary>In the result slot's <c>B</c> when calling: <c>A</c> is the id of the Task to
    /// complete. Shared with the native side.</summary>
    public const long PendingMarker = -3;

    private interface IPending
    {
        void Complete(int status, Slot* value);
    }

    private sealed class Pending<T>(Func<IntPtr, int, T>? read) : IPending
    {
        // Continuations run on the thread pool, not inside the JavaScript thread's callback.
        public readonly TaskCompletionSource<T> Source = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Complete(int status, Slot* value)
        {
            try
            {
                switch (status)
                {
                    case Callbacks.Succeeded:
                        Source.SetResult(read == null ? default! : read((IntPtr)value, 0));
                        break;
                    default:
                        var text = value->A == 0 ? "" : new string((char*)value->A, 0, (int)value->B);
                        Source.SetException(status == Callbacks.Threw
                            ? DotnetHost.JavaScriptException.FromJson(text)
                            : DotnetHost.JavaScriptException.CannotRun(text));
                        break;
                }
            }
            catch (Exception exception)
            {
                Source.TrySetException(exception);
            }
        }
    }

    private static readonly object Gate = new();
    private static readonly Dictionary<long, IPending> Waiting = [];
    private static long lastId;

    /// <summary>Tasks waiting for a JavaScript Promise (diagnostics).</summary>
    public static long Live
    {
        get
        {
            lock (Gate)
            {
                return Waiting.Count;
            }
        }
    }

    /// <summary>The result type of a Task or ValueTask type (typeof(void) for the plain
    /// ones), or null for any other type.</summary>
    public static Type? ResultType(Type type)
    {
        if (type == typeof(Task) || type == typeof(ValueTask))
        {
            return typeof(void);
        }
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            return type.GetGenericArguments()[0];
        }
        return null;
    }

    /// <summary>The method the compiled delegate calls: <c>(CallbackTarget, IntPtr args) → R</c>
    /// for R its Task or ValueTask return type.</summary>
    public static MethodInfo Start(Type returnType)
    {
        if (returnType == typeof(ValueTask))
        {
            return typeof(PromiseTasks).GetMethod(nameof(StartPlainValueTask))!;
        }
        var result = ResultType(returnType)!;
        var name = returnType.IsValueType ? nameof(StartValueTask) : nameof(StartTask);
        return typeof(PromiseTasks).GetMethod(name)!.MakeGenericMethod(result == typeof(void) ? typeof(object) : result);
    }

    public static Task<T> StartTask<T>(CallbackTarget target, IntPtr args)
    {
        var read = typeof(T) == typeof(object) ? null : Readers<T>.Read;
        var pending = new Pending<T>(read);
        var id = Interlocked.Increment(ref lastId);
        lock (Gate)
        {
            Waiting[id] = pending;
        }
        var ret = new Slot { A = id, B = PendingMarker };
        try
        {
            Callbacks.Run(target, args, (IntPtr)(&ret));
        }
        catch
        {
            // The function threw before returning a Promise: the caller gets the exception.
            lock (Gate)
            {
                Waiting.Remove(id);
            }
            throw;
        }
        finally
        {
            Callbacks.Done((IntPtr)(&ret));
        }
        return pending.Source.Task;
    }

    public static ValueTask<T> StartValueTask<T>(CallbackTarget target, IntPtr args) => new(StartTask<T>(target, args));

    public static ValueTask StartPlainValueTask(CallbackTarget target, IntPtr args) => new(StartTask<object>(target, args));

    /// <summary>Called by the native side on the JavaScript thread when the Promise
    /// settled; a Task nobody waits for any more is ignored.</summary>
    public static void Complete(long id, int status, Slot* value)
    {
        IPending? pending;
        lock (Gate)
        {
            Waiting.Remove(id, out pending);
        }
        pending?.Complete(status, value);
    }

    /// <summary>How a Task's result is read, set (by reflection, in SetReader) when a
    /// delegate returning it is compiled.</summary>
    private static class Readers<T>
    {
        public static Func<IntPtr, int, T>? Read = null;
    }

    public static void SetReader(WireType inner)
    {
        if (inner.Kind == Kind.Void)
        {
            return;
        }
        var readers = typeof(Readers<>).MakeGenericType(inner.Type);
        var reader = Compiler.ReaderFor(inner).CreateDelegate(typeof(Func<,,>).MakeGenericType(typeof(IntPtr), typeof(int), inner.Type));
        readers.GetField("Read")!.SetValue(null, reader);
    }
}
