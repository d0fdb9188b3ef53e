using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace DotnetHost.Bridge;

/// <summary>Reads argument <c>i</c> from the slot array. The compiled invokers call these
/// by name (see <see cref="Compiler"/>); each is small enough for the JIT to inline.</summary>
internal static unsafe class Readers
{
    private static ref Slot At(IntPtr args, int i) => ref ((Slot*)args)[i];

    /// <summary>Every primitive and enum of 8 bytes or less: the native side wrote the value,
    /// sign- or zero-extended, into A (a float as its 32-bit pattern). Little-endian only,
    /// which every supported target is.</summary>
    public static T Value<T>(IntPtr args, int i) where T : unmanaged => Unsafe.As<long, T>(ref At(args, i).A);

    /// <summary>In a slot's C: JavaScript left this optional argument out (or passed
    /// undefined); the compiled invoker uses the parameter's .NET default. Shared with the
    /// native side (src/bridge/kind.rs).</summary>
    public const long Missing = -3;

    public static bool IsMissing(IntPtr args, int i) => At(args, i).C == Missing;

    public static T? NullableValue<T>(IntPtr args, int i) where T : unmanaged =>
        At(args, i).B == 0 ? null : Value<T>(args, i);

    public static string? String(IntPtr args, int i)
    {
        ref var slot = ref At(args, i);
        return slot.A == 0 ? null : new string((char*)slot.A, 0, (int)slot.B);
    }

    private static string Required(IntPtr args, int i) =>
        String(args, i) ?? throw new ArgumentNullException($"argument {i}");

    /// <summary>In a decimal argument slot's C: the decimal itself, not its text. A is the
    /// magnitude of its coefficient (64 bits), B its scale, plus 256 when it is negative:
    /// the decimal .NET parses from the text JavaScript prints for a number, which the
    /// native side works out where it fits (numbers::decimal_parts). Shared with the native
    /// side (src/bridge/kind.rs).</summary>
    public const long DecimalParts = -6;

    // Decimal and Guid travel as text: the JavaScript side has no value of either type.
    // A decimal from a number mostly comes as its parts instead (DecimalParts).
    public static decimal Decimal(IntPtr args, int i)
    {
        ref var slot = ref At(args, i);
        if (slot.C == DecimalParts)
        {
            var magnitude = (ulong)slot.A;
            return new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), 0, (slot.B & 256) != 0, (byte)(slot.B & 255));
        }
        try
        {
            return Checked.Decimal(Required(args, i));
        }
        catch (OverflowException overflow)
        {
            throw new ArgumentReadException(i, overflow.Message, range: true);
        }
    }

    public static decimal? NullableDecimal(IntPtr args, int i) =>
        At(args, i).C != DecimalParts && String(args, i) == null ? null : Decimal(args, i);

    public static Guid Guid(IntPtr args, int i) => System.Guid.Parse(Required(args, i));

    public static Guid? NullableGuid(IntPtr args, int i) => String(args, i) == null ? null : Guid(args, i);

    // Dates and durations travel as milliseconds (a double), like JavaScript's Date; a
    // date's B holds what the milliseconds leave out (Times.Flag). The native side checked
    // the range.
    private static long Ticks(IntPtr args, int i) =>
        Checked.Ticks(BitConverter.Int64BitsToDouble(At(args, i).A), "a TimeSpan");

    public static DateTime DateTime(IntPtr args, int i)
    {
        ref var slot = ref At(args, i);
        var milliseconds = BitConverter.Int64BitsToDouble(slot.A);
        var ticks = Ticks(args, i);
        return ticks >= -System.DateTime.UnixEpoch.Ticks && ticks <= System.DateTime.MaxValue.Ticks - System.DateTime.UnixEpoch.Ticks
            ? Times.ToDateTime(milliseconds, Times.Unflag(slot.B))
            : throw new ArgumentReadException(i, $"{milliseconds} ms is outside DateTime's range (years 1 to 9999)", range: true);
    }

    public static DateTime? NullableDateTime(IntPtr args, int i) =>
        At(args, i).B == 0 ? null : DateTime(args, i);

    public static DateTimeOffset DateTimeOffset(IntPtr args, int i)
    {
        DateTime(args, i);
        ref var slot = ref At(args, i);
        return Times.ToDateTimeOffset(BitConverter.Int64BitsToDouble(slot.A), Times.Unflag(slot.B));
    }

    public static DateTimeOffset? NullableDateTimeOffset(IntPtr args, int i) =>
        At(args, i).B == 0 ? null : DateTimeOffset(args, i);

    public static TimeSpan TimeSpan(IntPtr args, int i) => System.TimeSpan.FromTicks(Ticks(args, i));

    public static TimeSpan? NullableTimeSpan(IntPtr args, int i) =>
        At(args, i).B == 0 ? null : TimeSpan(args, i);

    /// <summary>A or B describe JavaScript memory: pointer and byte length. An array is a
    /// copy, which the invoker copies back after the call (<see cref="WriteBack"/>).</summary>
    public static T[]? Array<T>(IntPtr args, int i) where T : unmanaged =>
        At(args, i).B < 0 ? null : Span<T>(args, i).ToArray();

    /// <summary>Spans point at the caller's memory: a span cannot outlive the call.</summary>
    public static Span<T> Span<T>(IntPtr args, int i) where T : unmanaged
    {
        ref var slot = ref At(args, i);
        return slot.B <= 0 ? default : new Span<T>((void*)slot.A, checked((int)(slot.B / sizeof(T))));
    }

    public static ReadOnlySpan<T> ReadOnlySpan<T>(IntPtr args, int i) where T : unmanaged => Span<T>(args, i);

    /// <summary>Memory can be kept after the call (in a field, across an await), so it is
    /// never JavaScript's memory: a copy, copied back after the call or when its Task ends.</summary>
    public static Memory<T> Memory<T>(IntPtr args, int i) where T : unmanaged => Array<T>(args, i) ?? [];

    public static ReadOnlyMemory<T> ReadOnlyMemory<T>(IntPtr args, int i) where T : unmanaged => Array<T>(args, i) ?? [];

    /// <summary>The array behind a Memory the invoker made, for copying back.</summary>
    public static T[]? ArrayOf<T>(Memory<T> memory) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray<T>(memory, out var segment) ? segment.Array : null;

    // Spans of other elements (strings, objects): built from a JavaScript array.
    public static Span<T> SpanFromArray<T>(IntPtr args, int i) => Object<T[]>(args, i);

    public static ReadOnlySpan<T> ReadOnlySpanFromArray<T>(IntPtr args, int i) => Object<T[]>(args, i);

    public static Memory<T> MemoryFromArray<T>(IntPtr args, int i) => Object<T[]>(args, i);

    public static ReadOnlyMemory<T> ReadOnlyMemoryFromArray<T>(IntPtr args, int i) => Object<T[]>(args, i);

    public static T? Json<T>(IntPtr args, int i)
    {
        ref var slot = ref At(args, i);
        if (slot.A == 0)
        {
            return default;
        }
        try
        {
            // Read in place: the text lives until the call returns, and no string is needed.
            return JsonSerializer.Deserialize<T>(new ReadOnlySpan<char>((char*)slot.A, (int)slot.B), JsonOptions.Default);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or FormatException or OverflowException or ArgumentException)
        {
            throw new ArgumentReadException(i, exception.Message);
        }
    }

    /// <summary>The slot holds a .NET object's handle (from a JavaScript wrapper) rather
    /// than a value. Shared with the native side (src/bridge/kind.rs).</summary>
    public const long ObjectMarker = -2;

    /// <summary>The object in slot <c>i</c>: the target of an instance member.</summary>
    public static object Target(IntPtr args, int i)
    {
        ref var slot = ref At(args, i);
        return slot.B == ObjectMarker
            ? Objects.Get(slot.A)
            : throw new InvalidOperationException("dotnet-host: the target of an instance member is not a .NET object");
    }

    /// <summary>A wrapper's object (a struct's boxed value, copied), or another JavaScript
    /// value converted as <see cref="Conversions{T}"/> says. The native side has already
    /// checked the wrapper's type.</summary>
    public static T? Object<T>(IntPtr args, int i)
    {
        ref var slot = ref At(args, i);
        if (slot.B == ObjectMarker)
        {
            return (T)Objects.Get(slot.A);
        }
        if (slot.A == 0)
        {
            return default;
        }
        var json = new ReadOnlySpan<char>((char*)slot.A, (int)slot.B);
        try
        {
            // An array or object for a class or interface is what FromElement would
            // deserialize as it stands: read in place, without a string or a document.
            if (!typeof(T).IsValueType && json.Length > 0 && json[0] is '[' or '{')
            {
                return JsonSerializer.Deserialize<T>(json, JsonOptions.Default);
            }
            using var document = JsonDocument.Parse(json.ToString());
            return Conversions<T>.FromElement(document.RootElement);
        }
        catch (Exception exception) when (exception is JsonException or NotSupportedException or FormatException or OverflowException or ArgumentException)
        {
            throw new ArgumentReadException(i, exception.Message);
        }
    }

    /// <summary>Declared <c>object</c>: a wrapper's object, or the JavaScript value as its
    /// natural .NET value (<see cref="NaturalObjects"/>).</summary>
    public static object? Any(IntPtr args, int i)
    {
        if (At(args, i).B == ObjectMarker)
        {
            return Objects.Get(At(args, i).A);
        }
        var text = String(args, i);
        if (text == null)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return NaturalObjects.Natural(document.RootElement);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or OverflowException)
        {
            throw new ArgumentReadException(i, exception.Message);
        }
    }

    /// <summary>A delegate: a wrapped .NET one, or one the native side made for a JavaScript
    /// function (also passed as a handle).</summary>
    public static T? Delegate<T>(IntPtr args, int i) where T : class =>
        At(args, i).B == ObjectMarker ? (T)Objects.Get(At(args, i).A) : null;

    public static CancellationToken CancellationToken(IntPtr args, int i)
    {
        var handle = At(args, i).A;
        return handle == 0
            ? System.Threading.CancellationToken.None
            : ((CancellationTokenSource)GCHandle.FromIntPtr((IntPtr)handle).Target!).Token;
    }
}

/// <summary>An argument JavaScript passed could not become its .NET parameter's value (a
/// JSON value the type cannot take, a number out of range): reported to JavaScript as an
/// InvalidArgumentError (or ArgumentRangeError) naming the parameter, not as an exception
/// of the method.</summary>
internal sealed class ArgumentReadException(int slot, string message, bool range = false) : Exception(message)
{
    /// <summary>The argument's slot (the receiver of an instance member is slot 0).</summary>
    public int Slot { get; } = slot;

    public bool Range { get; } = range;
}
