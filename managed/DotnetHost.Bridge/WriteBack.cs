using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

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
    /// which the native side updates the JavaScript array, unless it is the JSON that came
    /// in (slot <paramref name="i"/>, still alive): the method left the array as it was, and
    /// JavaScript's items stay themselves rather than being replaced by copies.</summary>
    public static unsafe void Json<T>(IntPtr args, int i, int outSlot, T[]? array)
    {
        ref var slot = ref ((Slot*)args)[i];
        if (array == null || slot.B == Readers.ObjectMarker)
        {
            return;
        }
        try
        {
            if (typeof(T) == typeof(string) && slot.A != 0 && slot.C == 0
                && SameStrings((string?[])(object)array, new ReadOnlySpan<char>((char*)slot.A, (int)slot.B)))
            {
                return;
            }
            References.Begin();
            var json = JsonSerializer.Serialize(array, JsonOptions.Default);
            if (!References.Collecting && slot.A != 0 && slot.C == 0
                && json.AsSpan().SequenceEqual(new ReadOnlySpan<char>((char*)slot.A, (int)slot.B)))
            {
                return;
            }
            Writers.JsonText((IntPtr)((Slot*)args + outSlot), json);
        }
        catch (Exception)
        {
            // The call succeeded; an array whose items cannot be written back as JSON keeps
            // JavaScript's values (the slot stays empty). Any exception: a getter may throw.
        }
    }

    /// <summary>Characters a JSON string must escape. A string without them is its own
    /// text between the quotes.</summary>
    private static readonly SearchValues<char> Escaped = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000A\u000B\u000C\u000D\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F");

    /// <summary>Whether <paramref name="text"/> is the JSON array <c>JSON.stringify</c> writes
    /// for exactly these strings (nulls as <c>null</c>, no spaces), checked without writing
    /// JSON: each string must need no escape, so that its JSON text is itself. Anything else
    /// answers false, and the caller compares written JSON instead.</summary>
    private static bool SameStrings(string?[] array, ReadOnlySpan<char> text)
    {
        if (text.Length < 2 || text[0] != '[' || text[^1] != ']')
        {
            return false;
        }
        var rest = text[1..^1];
        for (var index = 0; index < array.Length; index++)
        {
            if (index > 0)
            {
                if (rest.IsEmpty || rest[0] != ',')
                {
                    return false;
                }
                rest = rest[1..];
            }
            var item = array[index];
            if (item == null)
            {
                if (!rest.StartsWith("null"))
                {
                    return false;
                }
                rest = rest[4..];
                continue;
            }
            if (rest.Length < item.Length + 2
                || rest[0] != '"'
                || rest[item.Length + 1] != '"'
                || !rest.Slice(1, item.Length).SequenceEqual(item)
                || item.AsSpan().ContainsAny(Escaped))
            {
                return false;
            }
            rest = rest[(item.Length + 2)..];
        }
        return rest.IsEmpty;
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
