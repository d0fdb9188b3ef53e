using System.Buffers;
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

    public static T? NullableValue<T>(IntPtr args, int i) where T : unmanaged =>
        At(args, i).B == 0 ? null : Value<T>(args, i);

    public static string? String(IntPtr args, int i)
    {
        ref var slot = ref At(args, i);
        return slot.A == 0 ? null : new string((char*)slot.A, 0, (int)slot.B);
    }

    private static string Required(IntPtr args, int i) =>
        String(args, i) ?? throw new ArgumentNullException($"argument {i}");

    // Decimal and Guid travel as text: the JavaScript side has no value of either type.
    public static decimal Decimal(IntPtr args, int i) =>
        decimal.Parse(Required(args, i), NumberStyles.Float, CultureInfo.InvariantCulture);

    public static decimal? NullableDecimal(IntPtr args, int i) =>
        String(args, i) == null ? null : Decimal(args, i);

    public static Guid Guid(IntPtr args, int i) => System.Guid.Parse(Required(args, i));

    public static Guid? NullableGuid(IntPtr args, int i) => String(args, i) == null ? null : Guid(args, i);

    // Dates and durations travel as milliseconds (a double), like JavaScript's Date.
    private static long Ticks(IntPtr args, int i) =>
        (long)Math.Round(BitConverter.Int64BitsToDouble(At(args, i).A) * System.TimeSpan.TicksPerMillisecond);

    public static DateTime DateTime(IntPtr args, int i) => System.DateTime.UnixEpoch.AddTicks(Ticks(args, i));

    public static DateTime? NullableDateTime(IntPtr args, int i) =>
        At(args, i).B == 0 ? null : DateTime(args, i);

    public static DateTimeOffset DateTimeOffset(IntPtr args, int i) => new(DateTime(args, i));

    public static DateTimeOffset? NullableDateTimeOffset(IntPtr args, int i) =>
        At(args, i).B == 0 ? null : DateTimeOffset(args, i);

    public static TimeSpan TimeSpan(IntPtr args, int i) => System.TimeSpan.FromTicks(Ticks(args, i));

    public static TimeSpan? NullableTimeSpan(IntPtr args, int i) =>
        At(args, i).B == 0 ? null : TimeSpan(args, i);

    /// <summary>A or B describe JavaScript memory: pointer and byte length.</summary>
    public static T[]? Array<T>(IntPtr args, int i) where T : unmanaged =>
        At(args, i).B < 0 ? null : Span<T>(args, i).ToArray();

    public static Span<T> Span<T>(IntPtr args, int i) where T : unmanaged
    {
        ref var slot = ref At(args, i);
        return slot.B <= 0 ? default : new Span<T>((void*)slot.A, (int)(slot.B / sizeof(T)));
    }

    public static ReadOnlySpan<T> ReadOnlySpan<T>(IntPtr args, int i) where T : unmanaged => Span<T>(args, i);

    public static Memory<T> Memory<T>(IntPtr args, int i) where T : unmanaged
    {
        ref var slot = ref At(args, i);
        return slot.B <= 0 ? default : new UnmanagedMemory<T>((T*)slot.A, (int)(slot.B / sizeof(T))).Memory;
    }

    public static ReadOnlyMemory<T> ReadOnlyMemory<T>(IntPtr args, int i) where T : unmanaged => Memory<T>(args, i);

    public static T? Json<T>(IntPtr args, int i)
    {
        var text = String(args, i);
        return text == null ? default : JsonSerializer.Deserialize<T>(text, JsonOptions.Default);
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

    /// <summary>A wrapper's object, or a JSON value deserialized as <typeparamref name="T"/>.
    /// The native side has already checked the wrapper's type.</summary>
    public static T? Object<T>(IntPtr args, int i) =>
        At(args, i).B == ObjectMarker ? (T)Objects.Get(At(args, i).A) : Json<T>(args, i);

    /// <summary>Declared <c>object</c>: a wrapper's object; JSON strings, numbers and booleans
    /// as <c>string</c>, <c>double</c> and <c>bool</c>; other JSON as a JsonElement.</summary>
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
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        return root.ValueKind switch
        {
            JsonValueKind.String => root.GetString(),
            JsonValueKind.Number => root.GetDouble(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Null => null,
            _ => root.Clone(),
        };
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

/// <summary>Memory&lt;T&gt; over JavaScript-owned memory, valid during the call only.</summary>
internal sealed unsafe class UnmanagedMemory<T>(T* pointer, int length) : MemoryManager<T> where T : unmanaged
{
    public override Span<T> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
