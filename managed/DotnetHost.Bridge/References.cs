namespace DotnetHost.Bridge;

/// <summary>Objects referenced from JSON the bridge hands out (a record holding a struct, an
/// exception's object). JSON is text: it carries a token, not a GCHandle, and the native side
/// claims a token when it makes the wrapper (<see cref="Claim"/>, which adds the object's
/// reference then). Tokens belong to the pinned string that carries them and go with it
/// (<see cref="Drop"/>), so JSON that is never read — a result dropped because its
/// environment ended — holds nothing. An exception's object is kept a little longer (its
/// JSON is read before JavaScript builds the error): in a bounded set of recent ones.</summary>
internal static class References
{
    private static readonly object Gate = new();
    private static long lastToken;
    private static readonly Dictionary<long, object> Pending = [];
    private static readonly Dictionary<long, List<long>> ByPin = [];

    /// <summary>Pinned strings that carry tokens: every released string asks, so the common
    /// case (none) takes no lock.</summary>
    private static int sealedCount;

    [ThreadStatic]
    private static List<long>? collected;

    /// <summary>A token for <paramref name="value"/> in the JSON being written on this thread.</summary>
    public static string Add(object value)
    {
        lock (Gate)
        {
            var token = ++lastToken;
            Pending[token] = value;
            (collected ??= []).Add(token);
            return $"t{token}";
        }
    }

    /// <summary>JSON being written on this thread holds tokens: its string must be pinned.</summary>
    public static bool Collecting => collected is { Count: > 0 };

    /// <summary>Tokens written on this thread belong to the string just pinned.</summary>
    public static void Seal(long pin)
    {
        if (collected is not { Count: > 0 } tokens)
        {
            return;
        }
        lock (Gate)
        {
            ByPin[pin] = tokens;
            sealedCount = ByPin.Count;
        }
        collected = null;
    }

    /// <summary>JSON writing starts over (a previous one threw before its string was pinned).</summary>
    public static void Begin() => Drop(collected);

    /// <summary>The pinned string is released: its unclaimed tokens go with it.</summary>
    public static void Drop(long pin)
    {
        if (Volatile.Read(ref sealedCount) == 0)
        {
            return;
        }
        List<long>? tokens;
        lock (Gate)
        {
            if (!ByPin.Remove(pin, out tokens))
            {
                return;
            }
            sealedCount = ByPin.Count;
        }
        Drop(tokens);
    }

    private static void Drop(List<long>? tokens)
    {
        if (tokens == null)
        {
            return;
        }
        lock (Gate)
        {
            foreach (var token in tokens)
            {
                Pending.Remove(token);
            }
        }
        tokens.Clear();
    }

    /// <summary>The handle (one more reference) and run-time type id of the object behind a
    /// token in a string not yet released, or null for a token that is none.</summary>
    public static (long Handle, int TypeId)? Claim(string token)
    {
        if (!token.StartsWith('t') || !long.TryParse(token.AsSpan(1), out var id))
        {
            return null;
        }
        object? value;
        lock (Gate)
        {
            if (!Pending.Remove(id, out value))
            {
                return RecentExceptions.Take(id);
            }
        }
        return (Objects.Expose(value), Types.Id(value.GetType()));
    }
}

/// <summary>The exception objects of the last exceptions described to JavaScript, by token,
/// until the DotnetException is built and claims its wrapper (a bounded set: one never
/// claimed is dropped after <see cref="Capacity"/> others).</summary>
internal static class RecentExceptions
{
    public const int Capacity = 256;

    private static readonly object Gate = new();
    private static long lastToken = long.MaxValue / 2;
    private static readonly Dictionary<long, Exception> Kept = [];
    private static readonly Queue<long> Order = new();

    public static string Add(Exception exception)
    {
        lock (Gate)
        {
            var token = ++lastToken;
            Kept[token] = exception;
            Order.Enqueue(token);
            while (Order.Count > Capacity)
            {
                Kept.Remove(Order.Dequeue());
            }
            return $"t{token}";
        }
    }

    public static (long Handle, int TypeId)? Take(long token)
    {
        Exception? exception;
        lock (Gate)
        {
            if (!Kept.Remove(token, out exception))
            {
                return null;
            }
        }
        return (Objects.Expose(exception), Types.Id(exception.GetType()));
    }
}
