using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace DotnetHost.Bridge;

/// <summary>Writes a result into the return slot. Strings and arrays are pinned and their
/// handle put in C: the native side copies them into JavaScript and then releases it.</summary>
internal static unsafe class Writers
{
    /// <summary>Pinned handles handed to the native side and not yet released: must return to
    /// its baseline after every call (checked by the tests through the diagnostics export).</summary>
    public static long LiveHandles;

    private static GCHandle Pin(object value)
    {
        var handle = GCHandle.Alloc(value, GCHandleType.Pinned);
        Interlocked.Increment(ref LiveHandles);
        return handle;
    }

    public static void Value<T>(IntPtr ret, T value) where T : unmanaged
    {
        ref var slot = ref *(Slot*)ret;
        slot.A = 0;
        Unsafe.As<long, T>(ref slot.A) = value;
        slot.B = 1;
    }

    public static void NullableValue<T>(IntPtr ret, T? value) where T : unmanaged
    {
        if (value.HasValue)
        {
            Value(ret, value.Value);
        }
        else
        {
            *(Slot*)ret = default;
        }
    }

    /// <summary>In a result slot's C: a synchronous caller offers room for B UTF-16 units at
    /// A, where a short string is copied instead of pinned (no handle to free, no second call
    /// to free it). Shared with the native side (src/bridge/kind.rs).</summary>
    public const long Scratch = -4;

    /// <summary>In a result slot's C: the string was written into the offered room as B ASCII
    /// bytes at A (room for B units holds twice as many bytes). JavaScript then makes it a
    /// one-byte string by copying, where UTF-16 has V8 scan every unit first. Shared with the
    /// native side (src/bridge/kind.rs).</summary>
    public const long ScratchAscii = -5;

    /// <summary>A string result.</summary>
    public static void String(IntPtr ret, string? value) => Text(ret, value, carriesReferences: false);

    /// <summary>JSON the bridge wrote: where it carries object references (tokens written on
    /// this thread, <see cref="References"/>), it stays pinned, and the tokens go with its
    /// handle. A plain string result skips that check (a thread-static read).</summary>
    public static void JsonText(IntPtr ret, string? json) => Text(ret, json, References.Collecting);

    private static void Text(IntPtr ret, string? value, bool carriesReferences)
    {
        ref var slot = ref *(Slot*)ret;
        if (value == null)
        {
            slot = new Slot { A = 0, B = -1, C = 0 };
            return;
        }
        if (slot.C == Scratch && !carriesReferences)
        {
            // Most results are ASCII: one vectorized pass narrows them, and stops at the
            // first unit that is not (the room's bytes it wrote are then overwritten or unused).
            if (value.Length <= slot.B * 2
                && Ascii.FromUtf16(value, new Span<byte>((void*)slot.A, value.Length), out _) == OperationStatus.Done)
            {
                slot = new Slot { A = slot.A, B = value.Length, C = ScratchAscii };
                return;
            }
            if (value.Length <= slot.B)
            {
                value.CopyTo(new Span<char>((void*)slot.A, value.Length));
                slot = new Slot { A = slot.A, B = value.Length, C = 0 };
                return;
            }
        }
        var handle = Pin(value);
        slot = new Slot { A = handle.AddrOfPinnedObject(), B = value.Length, C = GCHandle.ToIntPtr(handle) };
        if (carriesReferences)
        {
            // Object references in JSON just written live as long as this string.
            References.Seal(GCHandle.ToIntPtr(handle));
        }
    }

    public static void Decimal(IntPtr ret, decimal value) => String(ret, value.ToString(CultureInfo.InvariantCulture));

    public static void NullableDecimal(IntPtr ret, decimal? value) =>
        String(ret, value?.ToString(CultureInfo.InvariantCulture));

    public static void Guid(IntPtr ret, Guid value) => String(ret, value.ToString());

    public static void NullableGuid(IntPtr ret, Guid? value) => String(ret, value?.ToString());

    private static void Milliseconds(IntPtr ret, double value) => Value(ret, BitConverter.DoubleToInt64Bits(value));

    /// <summary>A date: its milliseconds in A; in B, 1 or what they leave out
    /// (<see cref="Times.Flag"/>).</summary>
    private static void Date(IntPtr ret, (double Milliseconds, long Exact) date)
    {
        Milliseconds(ret, date.Milliseconds);
        ((Slot*)ret)->B = Times.Flag(date.Exact);
    }

    public static void DateTime(IntPtr ret, DateTime value) => Date(ret, Times.FromDateTime(value));

    public static void NullableDateTime(IntPtr ret, DateTime? value)
    {
        if (value.HasValue)
        {
            DateTime(ret, value.Value);
        }
        else
        {
            *(Slot*)ret = default;
        }
    }

    public static void DateTimeOffset(IntPtr ret, DateTimeOffset value) => Date(ret, Times.FromDateTimeOffset(value));

    public static void NullableDateTimeOffset(IntPtr ret, DateTimeOffset? value)
    {
        if (value.HasValue)
        {
            DateTimeOffset(ret, value.Value);
        }
        else
        {
            *(Slot*)ret = default;
        }
    }

    public static void TimeSpan(IntPtr ret, TimeSpan value) => Milliseconds(ret, Checked.Milliseconds(value));

    public static void NullableTimeSpan(IntPtr ret, TimeSpan? value)
    {
        if (value.HasValue)
        {
            TimeSpan(ret, value.Value);
        }
        else
        {
            *(Slot*)ret = default;
        }
    }

    public static void Array<T>(IntPtr ret, T[]? value) where T : unmanaged
    {
        ref var slot = ref *(Slot*)ret;
        if (value == null)
        {
            slot = new Slot { A = 0, B = -1, C = 0 };
            return;
        }
        var handle = Pin(value);
        slot = new Slot
        {
            A = handle.AddrOfPinnedObject(),
            B = (long)value.Length * sizeof(T),
            C = GCHandle.ToIntPtr(handle),
        };
    }

    public static void Json<T>(IntPtr ret, T value)
    {
        References.Begin();
        JsonText(ret, JsonSerializer.Serialize(value, JsonOptions.Default));
    }

    /// <summary>An object by reference: its handle (one more reference, which the native
    /// side keeps or gives back) and the id of its run-time type, which picks the
    /// JavaScript class.</summary>
    public static void Object<T>(IntPtr ret, T? value)
    {
        ref var slot = ref *(Slot*)ret;
        if (value == null)
        {
            slot = new Slot { A = 0, B = -1, C = 0 };
            return;
        }
        slot = new Slot { A = Objects.Expose(value), B = Readers.ObjectMarker, C = Types.Id(value.GetType()) };
    }

    /// <summary><see cref="Object{T}"/> for the object a constructor JavaScript called just
    /// made, whose type (the constructor's own) the invoker knows: <paramref name="typeId"/>.
    /// <paramref name="exposuresBefore"/> was read before the constructor ran (see
    /// <see cref="Objects.ExposeNew"/>).</summary>
    public static void Constructed<T>(IntPtr ret, T value, long exposuresBefore, int typeId)
        where T : class
    {
        *(Slot*)ret = new Slot
        {
            A = Objects.ExposeNew(value, exposuresBefore),
            B = Readers.ObjectMarker,
            C = typeId,
        };
    }

    /// <summary>Declared <c>object</c>: data (numbers, strings, records, structs) crosses by
    /// value as JSON, anything else by reference.</summary>
    public static void Any(IntPtr ret, object? value)
    {
        if (value != null && Shapes.IsByValue(value.GetType()))
        {
            References.Begin();
            JsonText(ret, JsonSerializer.Serialize(value, value.GetType(), JsonOptions.Default));
            return;
        }
        Object(ret, value);
    }
}
