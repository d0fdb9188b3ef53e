using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace DotnetHost.Bridge;

/// <summary>Conversions that cannot always be made exactly, refused with a message instead
/// of a default, a clamp, a wrap or a rounding that changes the value.</summary>
internal static partial class Checked
{
    /// <summary>The largest coefficient a decimal holds (2^96 − 1).</summary>
    private static readonly BigInteger MaxCoefficient = BigInteger.Parse("79228162514264337593543950335", CultureInfo.InvariantCulture);

    /// <summary>Milliseconds (a JavaScript duration, or a date's time) as ticks of 100 ns,
    /// the nearest tick: a number of milliseconds is binary, so it rarely is a whole number
    /// of ticks (0.1 + 0.2 ms is 3000.0000000000005 ticks). The whole milliseconds are multiplied exactly: ms × 10000 as a double is not a whole
    /// number of ticks beyond 2^53 (a Date in 2024 is 1.7e16 ticks).</summary>
    public static long Ticks(double milliseconds, string what)
    {
        if (double.IsFinite(milliseconds) && Math.Abs(milliseconds) < 922337203685477.5807)
        {
            var whole = Math.Truncate(milliseconds);
            var fraction = (long)Math.Round((milliseconds - whole) * TimeSpan.TicksPerMillisecond);
            var ticks = (Int128)(long)whole * TimeSpan.TicksPerMillisecond + fraction;
            if (ticks >= long.MinValue && ticks <= long.MaxValue)
            {
                return (long)ticks;
            }
        }
        throw new OverflowException($"{milliseconds} milliseconds is out of range for {what}");
    }

    /// <summary>A TimeSpan as milliseconds, a JavaScript number, when that number gives
    /// back its ticks (<see cref="Ticks"/>): every whole number of milliseconds does, and
    /// every tick count up to about ±8.7 years (2^38 ms, where a double still has a
    /// precision of half a tick). Any other TimeSpan (TimeSpan.MaxValue is one) is
    /// refused rather than rounded.</summary>
    public static double Milliseconds(TimeSpan value)
    {
        var milliseconds = value.Ticks / (double)TimeSpan.TicksPerMillisecond;
        if (Math.Abs(milliseconds) < 922337203685477.5807 && Ticks(milliseconds, "a TimeSpan") == value.Ticks)
        {
            return milliseconds;
        }
        throw new OverflowException(
            $"the TimeSpan {value.ToString("c", CultureInfo.InvariantCulture)} ({value.Ticks} ticks) has no exact number of milliseconds: "
            + "a JavaScript number holds a TimeSpan exactly in whole milliseconds, or to the tick up to about 8.7 years"
            + (value == TimeSpan.MaxValue || value == TimeSpan.MinValue ? " (read its Ticks as a bigint instead)" : ""));
    }

    /// <summary>The decimal a text (a JavaScript number as JavaScript prints it, or a
    /// string) means, exactly. decimal.Parse rounds digits beyond what a decimal holds
    /// (28 decimal places, a coefficient below 2^96): 1e-30 would become 0. That is
    /// refused.</summary>
    public static decimal Decimal(string text)
    {
        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            throw IsDecimalText(text)
                ? new OverflowException($"{text} is out of range for decimal (±7.9e28)")
                : new FormatException($"{text} is not a decimal number");
        }
        return IsExactDecimal(text)
            ? value
            : throw new OverflowException($"{text} has more digits than a decimal holds (28 decimal places, a coefficient below 2^96): it would become {value.ToString(CultureInfo.InvariantCulture)}");
    }

    private static bool IsDecimalText(string text) => DecimalSyntax().IsMatch(text);

    [GeneratedRegex(@"^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalSyntax();

    /// <summary>Whether decimal holds the value of the text (already parsed as a decimal)
    /// without rounding: as coefficient × 10^-scale with no trailing zeros, scale ≤ 28 and
    /// coefficient below 2^96.</summary>
    private static bool IsExactDecimal(string text)
    {
        var body = text.AsSpan().Trim().TrimStart("-+");
        long exponent = 0;
        var e = body.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            if (!long.TryParse(body[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return false;
            }
            body = body[..e];
        }
        var point = body.IndexOf('.');
        var fractionLength = point < 0 ? 0 : body.Length - point - 1;
        // The digits without the point (every call in the hot path fits on the stack).
        Span<char> all = body.Length <= 128 ? stackalloc char[body.Length] : new char[body.Length];
        var count = 0;
        foreach (var c in body)
        {
            if (c != '.')
            {
                all[count++] = c;
            }
        }
        var digits = all[..count].TrimStart('0');
        var significant = digits.TrimEnd('0');
        if (significant.Length == 0)
        {
            return true;
        }
        var scale = fractionLength - exponent - (digits.Length - significant.Length);
        if (scale > 28 || scale < -29)
        {
            return false;
        }
        var length = significant.Length + (scale < 0 ? -scale : 0);
        if (length != 29)
        {
            // Below 29 digits the coefficient is under 10^28 < 2^96.
            return length < 29;
        }
        var coefficient = significant.ToString() + new string('0', scale < 0 ? (int)-scale : 0);
        return BigInteger.Parse(coefficient, CultureInfo.InvariantCulture) <= MaxCoefficient;
    }

    /// <summary>A float from a JavaScript number: the nearest float, but a finite number
    /// beyond float's range, or a number other than 0 that would become 0, is
    /// refused.</summary>
    public static float Single(double value)
    {
        var single = (float)value;
        if (float.IsInfinity(single) && double.IsFinite(value))
        {
            throw new OverflowException($"{value.ToString("R", CultureInfo.InvariantCulture)} is out of range for float (±3.4e38)");
        }
        return single == 0 && value != 0
            ? throw new OverflowException($"{value.ToString("R", CultureInfo.InvariantCulture)} is too small for float: it would become 0 (the smallest float is 1.4e-45)")
            : single;
    }
}
