using System.Runtime.InteropServices;

namespace DotnetHost.Bridge;

/// <summary>.NET objects held by JavaScript. An object gets one GCHandle however often it
/// crosses, so the handle is its identity on the native side; every crossing adds a
/// reference that the native side gives back with <see cref="Release"/> (each JavaScript
/// environment keeps one per object it wraps). The last release frees the handle and lets
/// the .NET GC have the object.</summary>
internal static class Objects
{
    private sealed class Entry(GCHandle handle)
    {
        public readonly GCHandle Handle = handle;
        public int References = 1;
    }

    private static readonly object Gate = new();
    private static readonly Dictionary<object, Entry> Held = new(ReferenceEqualityComparer.Instance);

    /// <summary>The handles handed out, so a handle that arrives as text (inside JSON) can be
    /// checked before it is used: a made-up one must not reach GCHandle.FromIntPtr.</summary>
    private static readonly Dictionary<long, object> ByHandle = [];

    /// <summary>Objects with a live handle, for leak checks.</summary>
    public static long Live
    {
        get
        {
            lock (Gate)
            {
                return Held.Count;
            }
        }
    }

    /// <summary>A handle for <paramref name="value"/>, with one more reference.</summary>
    public static long Expose(object value)
    {
        lock (Gate)
        {
            if (Held.TryGetValue(value, out var entry))
            {
                entry.References++;
                return (long)GCHandle.ToIntPtr(entry.Handle);
            }
            var handle = GCHandle.Alloc(value);
            Held[value] = new Entry(handle);
            var id = (long)GCHandle.ToIntPtr(handle);
            ByHandle[id] = value;
            return id;
        }
    }

    /// <summary>The object behind a handle the caller holds a reference to.</summary>
    public static object Get(long handle) =>
        GCHandle.FromIntPtr((IntPtr)handle).Target ?? throw new ObjectDisposedException("a released .NET object");

    public static void Release(long handle)
    {
        var value = Get(handle);
        lock (Gate)
        {
            if (Held.TryGetValue(value, out var entry) && --entry.References == 0)
            {
                Held.Remove(value);
                ByHandle.Remove(handle);
                entry.Handle.Free();
            }
        }
    }

    /// <summary>The object behind a handle that came as text, if it is one handed out.</summary>
    public static object? Find(long handle)
    {
        lock (Gate)
        {
            return ByHandle.GetValueOrDefault(handle);
        }
    }

    /// <summary><c>dispose()</c> from JavaScript: IDisposable.Dispose, then the release.</summary>
    public static void Dispose(long handle)
    {
        var value = Get(handle);
        try
        {
            (value as IDisposable)?.Dispose();
        }
        finally
        {
            Release(handle);
        }
    }
}
