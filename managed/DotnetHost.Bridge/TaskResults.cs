using System.Runtime.CompilerServices;

namespace DotnetHost.Bridge;

/// <summary>Tasks returned to JavaScript: each gets an id, written as the call's result, and
/// its completion is reported through the native callback from whatever thread finishes it.
/// No thread waits on a Task.</summary>
internal static unsafe class TaskResults
{
    public const int Succeeded = 0;
    public const int Faulted = 1;
    public const int Canceled = 2;

    private static long lastId;
    private static delegate* unmanaged<long, int, Slot*, void> onComplete;

    public static void SetCallback(delegate* unmanaged<long, int, Slot*, void> callback) => onComplete = callback;

    private static long Start(IntPtr ret)
    {
        var id = Interlocked.Increment(ref lastId);
        *(Slot*)ret = new Slot { A = id, B = 1, C = 0 };
        return id;
    }

    public static void Task(IntPtr ret, Task task) =>
        Observe(Start(ret), task, static (_, _) => { });

    public static void ValueTask(IntPtr ret, ValueTask task) => Task(ret, task.AsTask());

    public static void TaskOf<T>(IntPtr ret, Task<T> task) =>
        Observe(Start(ret), task, static (slot, finished) => Results<T>.Write((IntPtr)slot, ((Task<T>)finished).Result));

    public static void ValueTaskOf<T>(IntPtr ret, ValueTask<T> task) => TaskOf(ret, task.AsTask());

    private static void Observe(long id, Task task, Action<IntPtr, Task> writeResult)
    {
        if (task.IsCompleted)
        {
            Complete(id, task, writeResult);
            return;
        }
        task.ContinueWith(
            finished => Complete(id, finished, writeResult),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static void Complete(long id, Task task, Action<IntPtr, Task> writeResult)
    {
        Slot result = default;
        var status = Succeeded;
        try
        {
            if (task.IsCanceled)
            {
                status = Canceled;
            }
            else if (task.IsFaulted)
            {
                status = Faulted;
                var exception = task.Exception!.InnerExceptions.Count == 1 ? task.Exception.InnerException! : task.Exception;
                Writers.JsonText((IntPtr)(&result), ExceptionInfo.ToJson(exception));
            }
            else
            {
                writeResult((IntPtr)(&result), task);
            }
        }
        catch (Exception exception)
        {
            status = Faulted;
            Writers.JsonText((IntPtr)(&result), ExceptionInfo.ToJson(exception));
        }
        // The callback only queues the result for the JavaScript thread; it cannot throw.
        onComplete(id, status, &result);
    }
}

/// <summary>The writer for a Task&lt;T&gt;'s result, set when a method returning one is bound.</summary>
internal static class Results<T>
{
    public static Action<IntPtr, T> Write = static (_, _) => throw new InvalidOperationException(
        $"no result writer for {typeof(T)}");
}
