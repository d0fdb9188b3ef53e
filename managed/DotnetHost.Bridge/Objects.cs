using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace DotnetHost.Bridge;

/// <summary>.NET objects held by JavaScript. An object gets one handle however often it
/// crosses, so the handle is its identity on the native side; every crossing adds a
/// reference that the native side gives back with <see cref="Release"/> (each JavaScript
/// environment keeps one per object it wraps). The last release empties its slot and lets
/// the .NET GC have the object.</summary>
/// <remarks>A handle is a slot in <see cref="table"/> and that slot's generation: the table
/// holds the objects strongly, as a GCHandle would, at the cost of one array store instead of
/// a handle allocation, and a handle of a released object reads as released (a freed GCHandle
/// may have been reused for another object). One hash lookup when an object crosses, one
/// removal at its last release.
///
/// Handles also arrive as text inside JSON (<c>{"$dotnet": "handle"}</c>), which may be data
/// from anywhere: a service passing a request's body on. So a slot's first generation is
/// random, and a handle carries <see cref="GenerationBits"/> bits nobody outside this
/// process can guess, where slot numbers alone (1, 2, 3, …) would name live objects.</remarks>
internal static class Objects
{
    private struct Entry
    {
        public object? Value;
        /// <summary>Random at first, bumped whenever the slot is emptied, so an old handle
        /// stops matching.</summary>
        public long Generation;
        /// <summary>Held: the references handed out. Free: the next free slot, -1 for none.</summary>
        public int References;
        /// <summary>Its place in <see cref="unindexed"/> plus one; 0 when <see cref="Slots"/>
        /// has it (or the slot is free).</summary>
        public int Unindexed;
    }

    private static readonly object Gate = new();
    /// <summary>Replaced by a larger copy under <see cref="Gate"/>; <see cref="Get"/> reads it
    /// without the lock (a caller's own slot is the same in every copy).</summary>
    private static Entry[] table = new Entry[64];
    private static int used;
    private static int free = -1;
    private static readonly Dictionary<object, int> Slots = new(ReferenceEqualityComparer.Instance);

    /// <summary>Slots of objects <see cref="ExposeNew"/> handed out that <see cref="Slots"/>
    /// does not have yet. Every lookup adds them first (<see cref="IndexAll"/>), so an object
    /// JavaScript constructs and drops before anything else crosses is never hashed.</summary>
    private static int[] unindexed = new int[64];
    private static int unindexedCount;

    /// <summary><see cref="Expose"/> calls so far. If it did not change while a constructor
    /// ran, nothing can have given the new object a handle.</summary>
    private static long exposures;

    /// <summary>Read before a constructor runs, for <see cref="ExposeNew"/>.</summary>
    public static long Exposures => Volatile.Read(ref exposures);

    /// <summary>Objects with a live handle, for leak checks.</summary>
    public static long Live
    {
        get
        {
            lock (Gate)
            {
                return Slots.Count + unindexedCount;
            }
        }
    }

    /// <summary>A handle's low bits are its slot plus one (never 0, which means none); the
    /// rest its generation, which keeps the handle positive. The native side indexes its
    /// identity table by slot (src/bridge/identity.rs, HANDLE_SLOT_BITS), which
    /// <see cref="Take"/>'s reuse of freed slots keeps dense.</summary>
    private const int SlotBits = 30;
    private const int GenerationBits = 63 - SlotBits;
    private const long GenerationMask = (1L << GenerationBits) - 1;
    private const int MaxSlots = (1 << SlotBits) - 1;

    private static long HandleOf(int slot, long generation) => (generation << SlotBits) | (uint)(slot + 1);

    /// <summary>A handle for <paramref name="value"/>, with one more reference.</summary>
    public static long Expose(object value)
    {
        lock (Gate)
        {
            return ExposeLocked(value);
        }
    }

    /// <summary>A handle for the object a constructor just made, which JavaScript called:
    /// <paramref name="exposuresBefore"/> is <see cref="Exposures"/> from before the
    /// constructor ran. If no object was exposed since, this one has no handle, and it gets
    /// one without a lookup; it is indexed when a lookup next needs it.</summary>
    public static long ExposeNew(object value, long exposuresBefore)
    {
        lock (Gate)
        {
            if (exposures != exposuresBefore)
            {
                // Its constructor (or another thread) exposed objects: maybe this one.
                return ExposeLocked(value);
            }
            if (unindexedCount == unindexed.Length)
            {
                Array.Resize(ref unindexed, unindexed.Length * 2);
            }
            var slot = Take();
            unindexed[unindexedCount++] = slot;
            ref var entry = ref table[slot];
            entry.Value = value;
            entry.References = 1;
            entry.Unindexed = unindexedCount;
            return HandleOf(slot, entry.Generation);
        }
    }

    /// <summary>Under the lock: what <see cref="ExposeNew"/> left out of <see cref="Slots"/>
    /// goes in.</summary>
    private static void IndexAll()
    {
        for (var i = 0; i < unindexedCount; i++)
        {
            ref var entry = ref table[unindexed[i]];
            Slots.Add(entry.Value!, unindexed[i]);
            entry.Unindexed = 0;
        }
        unindexedCount = 0;
    }

    private static long ExposeLocked(object value)
    {
        exposures++;
        if (unindexedCount > 0)
        {
            IndexAll();
        }
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(Slots, value, out var exists);
        if (exists)
        {
            ref var held = ref table[slot];
            held.References++;
            return HandleOf(slot, held.Generation);
        }
        try
        {
            slot = Take();
        }
        catch
        {
            Slots.Remove(value);
            throw;
        }
        ref var entry = ref table[slot];
        entry.Value = value;
        entry.References = 1;
        return HandleOf(slot, entry.Generation);
    }

    /// <summary>An empty slot (under the lock), the table grown when there is none.</summary>
    private static int Take()
    {
        if (free >= 0)
        {
            var slot = free;
            free = table[slot].References;
            return slot;
        }
        if (used == MaxSlots)
        {
            throw new InvalidOperationException($"too many .NET objects held by JavaScript ({MaxSlots})");
        }
        if (used == table.Length)
        {
            var larger = new Entry[table.Length * 2];
            table.CopyTo(larger, 0);
            Volatile.Write(ref table, larger);
        }
        // Random.Shared is seeded from the operating system's entropy, per process.
        table[used].Generation = Random.Shared.NextInt64(GenerationMask + 1);
        return used++;
    }

    /// <summary>The slot a handle names while it is live, else -1.</summary>
    private static int SlotOf(Entry[] entries, long handle)
    {
        var slot = (int)(handle & MaxSlots) - 1;
        return (uint)slot < (uint)entries.Length
            && entries[slot].Generation == handle >> SlotBits
            && entries[slot].Value != null
                ? slot
                : -1;
    }

    /// <summary>The object behind a handle the caller holds a reference to.</summary>
    public static object Get(long handle)
    {
        var entries = Volatile.Read(ref table);
        var slot = SlotOf(entries, handle);
        return slot >= 0 ? entries[slot].Value! : Released();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static object Released() => throw new ObjectDisposedException("a released .NET object");

    public static void Release(long handle)
    {
        lock (Gate)
        {
            if (!ReleaseHeld(handle))
            {
                Released();
            }
        }
    }

    /// <summary>One reference of each handle; a handle that is no longer live is skipped
    /// (each reference is given back once by construction).</summary>
    public static void Release(ReadOnlySpan<long> handles)
    {
        lock (Gate)
        {
            foreach (var handle in handles)
            {
                ReleaseHeld(handle);
            }
        }
    }

    /// <summary>Under the lock: one reference of a live handle given back; false if it is
    /// not live.</summary>
    private static bool ReleaseHeld(long handle)
    {
        var slot = SlotOf(table, handle);
        if (slot < 0)
        {
            return false;
        }
        ref var entry = ref table[slot];
        if (--entry.References > 0)
        {
            return true;
        }
        if (entry.Unindexed > 0)
        {
            // The last unindexed slot takes its place in the list.
            var moved = unindexed[--unindexedCount];
            unindexed[entry.Unindexed - 1] = moved;
            table[moved].Unindexed = entry.Unindexed;
            entry.Unindexed = 0;
        }
        else
        {
            Slots.Remove(entry.Value!);
        }
        entry.Value = null;
        entry.Generation = (entry.Generation + 1) & GenerationMask;
        entry.References = free;
        free = slot;
        return true;
    }

    /// <summary>The object behind a handle that came as text, if it is one handed out.</summary>
    public static object? Find(long handle)
    {
        lock (Gate)
        {
            var slot = SlotOf(table, handle);
            return slot >= 0 ? table[slot].Value : null;
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
