using System.Runtime.InteropServices;

namespace DotnetHost.Bridge;

/// <summary>A .NET array is a reference type: a method writing into the <c>byte[]</c> it was
/// given (<c>Stream.Read</c>, a digest's <c>DoFinal</c>) returns data that way. An array
/// argument is a .NET copy of JavaScript's memory, so the invoker copies it back: after the
/// call (even when the method throws), and for a method returning a Task, again when the
/// Task ends. The memory it copies into is the native side's (the JavaScript memory itself
/// during a synchronous call, or a copy the native side keeps until the Promise settles).</summary>
internal sealed class WriteBack(IntPtr pointer, long length, Array array, WriteBack? next)
{
    /// <summary>Copies <paramref name="array"/> into the memory slot <paramref name="i"/> describes.</summary>
    public static unsafe void Now(IntPtr args, int i, Array? array)
    {
        if (array != null)
        {
            ref var slot = ref ((Slot*)args)[i];
            Copy((IntPtr)slot.A, slot.B, array);
        }
    }

    /// <summary>Adds slot <paramref name="i"/>'s memory and array to the list copied when a
    /// Task ends. The memory's address is taken now: the slots themselves are gone by then.</summary>
    public static unsafe WriteBack? Capture(WriteBack? list, IntPtr args, int i, Array? array)
    {
        if (array == null)
        {
            return list;
        }
        ref var slot = ref ((Slot*)args)[i];
        return new WriteBack((IntPtr)slot.A, slot.B, array, list);
    }

    /// <summary>An array of strings, records or objects that came from a JavaScript array
    /// (as JSON, not a wrapper): written as JSON into slot <paramref name="outSlot"/>, from
    /// which the native side updates the JavaScript array.</summary>
    public static unsafe void Json<T>(IntPtr args, int i, int outSlot, T[]? array)
    {
        if (array == null || ((Slot*)args)[i].B == Readers.ObjectMarker)
        {
            return;
        }
        try
        {
            Writers.Json((IntPtr)((Slot*)args + outSlot), array);
        }
        catch (Exception)
        {
            // The call succeeded; an array whose items cannot be written back as JSON keeps
            // JavaScript's values (the slot stays empty). Any exception: a getter may throw.
        }
    }

    private static unsafe void Copy(IntPtr pointer, long length, Array array)
    {
        var bytes = Math.Min(length, Buffer.ByteLength(array));
        if (pointer == IntPtr.Zero || bytes <= 0)
        {
            return;
        }
        fixed (byte* source = &MemoryMarshal.GetArrayDataReference(array))
        {
            Buffer.MemoryCopy(source, (void*)pointer, bytes, bytes);
        }
    }

    private void CopyAll()
    {
        for (var item = this; item != null; item = item.Next)
        {
            Copy(item.Pointer, item.Length, item.Array);
        }
    }

    private IntPtr Pointer { get; } = pointer;
    private long Length { get; } = length;
    private Array Array { get; } = array;
    private WriteBack? Next { get; } = next;

    public static Task Task(Task task, WriteBack? list) => list == null ? task : After(task, list);

    public static Task<T> TaskOf<T>(Task<T> task, WriteBack? list) => list == null ? task : AfterOf(task, list);

    public static ValueTask ValueTask(ValueTask task, WriteBack? list) =>
        list == null ? task : new ValueTask(After(task.AsTask(), list));

    public static ValueTask<T> ValueTaskOf<T>(ValueTask<T> task, WriteBack? list) =>
        list == null ? task : new ValueTask<T>(AfterOf(task.AsTask(), list));

    private static async Task After(Task task, WriteBack list)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        finally
        {
            list.CopyAll();
        }
    }

    private static async Task<T> AfterOf<T>(Task<T> task, WriteBack list)
    {
        try
        {
            return await task.ConfigureAwait(false);
        }
        finally
        {
            list.CopyAll();
        }
    }
}
