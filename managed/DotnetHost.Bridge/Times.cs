namespace DotnetHost.Bridge;

/// <summary>Dates as JavaScript holds them: a <c>Date</c> is whole milliseconds since 1970
/// (UTC), which cannot hold a DateTime's ticks of 100 ns, its <c>Kind</c>, or a
/// DateTimeOffset's offset. What the milliseconds leave out travels beside them as one
/// small number, <em>exact</em>, that the native side keeps on the Date (hidden, under a
/// symbol): a Date from .NET passed back unchanged is the same .NET value exactly, and a
/// Date made or changed in JavaScript is its milliseconds, in UTC.
/// <para>exact = 1 | sub-millisecond ticks &lt;&lt; 1 | Kind &lt;&lt; 15 | (offset in minutes +
/// 2048) &lt;&lt; 17, or 0 when the milliseconds say it all (a UTC DateTime, or a
/// DateTimeOffset at +00:00, on a whole millisecond). It fits in 29 bits.</para></summary>
internal static class Times
{
    private const long TicksPerMillisecond = TimeSpan.TicksPerMillisecond;
    private const int OffsetBias = 2048;

    /// <summary>A DateTime as milliseconds since 1970 (whole: the Date's own value, floored
    /// for times before 1970) and what they leave out. An unspecified Kind counts as UTC:
    /// the host's time zone should not change what a value means.</summary>
    public static (double Milliseconds, long Exact) FromDateTime(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();
        var (milliseconds, sub) = Split(utc.Ticks - DateTime.UnixEpoch.Ticks);
        var exact = sub == 0 && value.Kind == DateTimeKind.Utc ? 0 : Encode(sub, value.Kind, 0);
        return (milliseconds, exact);
    }

    public static (double Milliseconds, long Exact) FromDateTimeOffset(DateTimeOffset value)
    {
        var (milliseconds, sub) = Split(value.UtcTicks - DateTime.UnixEpoch.Ticks);
        var offset = (int)(value.Offset.Ticks / TimeSpan.TicksPerMinute);
        return (milliseconds, sub == 0 && offset == 0 ? 0 : Encode(sub, DateTimeKind.Utc, offset));
    }

    /// <summary>The DateTime a Date (milliseconds, and what .NET had left out) stands for.
    /// Milliseconds that are not whole (a number rather than a Date) round to the nearest
    /// tick.</summary>
    public static DateTime ToDateTime(double milliseconds, long exact)
    {
        var utc = DateTime.UnixEpoch.AddTicks(Checked.Ticks(milliseconds, "a DateTime"));
        if (!TryDecode(exact, out var sub, out var kind, out _) || utc.Ticks + sub > DateTime.MaxValue.Ticks)
        {
            return utc;
        }
        utc = utc.AddTicks(sub);
        return kind switch
        {
            DateTimeKind.Local => utc.ToLocalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(utc, DateTimeKind.Unspecified),
            _ => utc,
        };
    }

    public static DateTimeOffset ToDateTimeOffset(double milliseconds, long exact)
    {
        var utc = DateTime.UnixEpoch.AddTicks(Checked.Ticks(milliseconds, "a DateTimeOffset"));
        if (!TryDecode(exact, out var sub, out _, out var offset) || utc.Ticks + sub > DateTime.MaxValue.Ticks)
        {
            return new DateTimeOffset(utc);
        }
        var instant = new DateTimeOffset(utc.AddTicks(sub));
        var shift = TimeSpan.FromMinutes(offset);
        // An offset that would take the local time out of range stays UTC.
        var local = utc.Ticks + sub + shift.Ticks;
        return local >= DateTime.MinValue.Ticks && local <= DateTime.MaxValue.Ticks ? instant.ToOffset(shift) : instant;
    }

    /// <summary>A date's slot B: 1 (a value, nothing left out), or <paramref name="exact"/>,
    /// which is never 0 or 1 (its offset bits are never 0), so B also says "has a value"
    /// for a nullable date, as for every other nullable value.</summary>
    public static long Flag(long exact) => exact == 0 ? 1 : exact;

    public static long Unflag(long b) => b == 1 ? 0 : b;

    private static (double Milliseconds, long Sub) Split(long ticks)
    {
        var milliseconds = Math.DivRem(ticks, TicksPerMillisecond, out var sub);
        if (sub < 0)
        {
            milliseconds--;
            sub += TicksPerMillisecond;
        }
        return (milliseconds, sub);
    }

    private static long Encode(long sub, DateTimeKind kind, int offsetMinutes) =>
        1 | sub << 1 | (long)kind << 15 | (long)(offsetMinutes + OffsetBias) << 17;

    /// <summary>Reads what JavaScript handed back, which it could have changed: anything
    /// out of range is ignored (the Date's milliseconds, in UTC, are its value).</summary>
    private static bool TryDecode(long exact, out long sub, out DateTimeKind kind, out int offsetMinutes)
    {
        sub = exact >> 1 & 0x3FFF;
        kind = (DateTimeKind)(exact >> 15 & 0x3);
        offsetMinutes = (int)(exact >> 17 & 0xFFF) - OffsetBias;
        return (exact & 1) == 1 && exact >> 29 == 0 && sub < TicksPerMillisecond
            && kind <= DateTimeKind.Local && Math.Abs(offsetMinutes) <= 14 * 60;
    }
}
