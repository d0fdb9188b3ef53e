using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DotnetHost.Bridge;

/// <summary>How values cross inside JSON (records, <c>object</c>, collections built from
/// JavaScript arrays). JSON has no 64-bit integers, dates or object references, so those
/// travel as small marker objects that the native side turns into JavaScript values (and
/// back): <c>{"$bigint": "…"}</c> ↔ a bigint, <c>{"$date": ms}</c> ↔ a <c>Date</c>,
/// <c>{"$dotnet": "handle", "$type": id}</c> ↔ a wrapper, and numbers JSON has no text for
/// <c>{"$double": "NaN"}</c> ↔ NaN, ±Infinity (and, from JavaScript, integers beyond 2^53,
/// which no integer type may take as if they were exact). A Date's marker carries what its
/// milliseconds leave out of a .NET date (<c>"$exact"</c>, <see cref="Times"/>). Decimals
/// travel as exact strings, TimeSpans as milliseconds and enums as their members' names
/// ([Flags] enums as numbers), as they do outside JSON.</summary>
internal static class JsonOptions
{
    public const string BigInt = "$bigint";
    public const string Date = "$date";
    public const string Exact = "$exact";
    public const string Double = "$double";

    /// <summary>JavaScript naming on the wire (camelCase), numbers that
    /// JavaScript wrote as strings accepted, and members JavaScript named that the type
    /// does not have refused (a typo must not vanish silently).</summary>
    public static readonly JsonSerializerOptions Default = Create(references: true);

    /// <summary>The same without references: what <c>toJSON()</c> of a wrapper gives, plain
    /// data all the way down.</summary>
    public static readonly JsonSerializerOptions Plain = Create(references: false);

    private static JsonSerializerOptions Create(bool references)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            IncludeFields = true,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        options.Converters.Add(new JsonStrings());
        options.Converters.Add(new Enums());
        options.Converters.Add(new BigIntConverter<long>(long.Parse, value => value.ToString(CultureInfo.InvariantCulture)));
        options.Converters.Add(new BigIntConverter<ulong>(ulong.Parse, value => value.ToString(CultureInfo.InvariantCulture)));
        options.Converters.Add(new BigIntConverter<Int128>(Int128.Parse, value => value.ToString(CultureInfo.InvariantCulture)));
        options.Converters.Add(new BigIntConverter<UInt128>(UInt128.Parse, value => value.ToString(CultureInfo.InvariantCulture)));
        options.Converters.Add(new BigIntConverter<BigInteger>(BigInteger.Parse, value => value.ToString(CultureInfo.InvariantCulture)));
        options.Converters.Add(new DecimalConverter());
        options.Converters.Add(new DoubleConverter());
        options.Converters.Add(new SingleConverter());
        options.Converters.Add(new DateConverter<DateTime>(Times.ToDateTime, Times.FromDateTime, DateTime.Parse));
        options.Converters.Add(new DateConverter<DateTimeOffset>(Times.ToDateTimeOffset, Times.FromDateTimeOffset, DateTimeOffset.Parse));
        options.Converters.Add(new TimeSpanConverter());
        options.Converters.Add(new NaturalObjects(references));
        options.Converters.Add(new MultiDimensionalArrays());
        if (references)
        {
            options.Converters.Add(new ObjectReferences());
        }
        return options;
    }

    /// <summary>Reads <c>{"marker": value}</c> (the reader on its StartObject), or returns false.</summary>
    public static bool TryMarker(ref Utf8JsonReader reader, string marker, out JsonElement value)
    {
        var found = TryMarkerObject(ref reader, marker, out var whole);
        value = found ? whole.GetProperty(marker) : default;
        return found;
    }

    /// <summary>Reads a marker object whose first property is <paramref name="marker"/>, whole.</summary>
    public static bool TryMarkerObject(ref Utf8JsonReader reader, string marker, out JsonElement value)
    {
        value = default;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }
        var lookahead = reader;
        if (!lookahead.Read() || lookahead.TokenType != JsonTokenType.PropertyName || !lookahead.ValueTextEquals(marker))
        {
            return false;
        }
        using var document = JsonDocument.ParseValue(ref reader);
        value = document.RootElement.Clone();
        return true;
    }

    /// <summary>The double a <c>{"$double": text}</c> marker stands for.</summary>
    public static double MarkedDouble(JsonElement marker) =>
        double.TryParse(marker.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new JsonException($"{Double}: {marker} is not a number");

    /// <summary>A number, or the marker for one JSON has no number for (NaN, ±Infinity).</summary>
    public static void WriteDouble(Utf8JsonWriter writer, double value)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
            return;
        }
        writer.WriteStartObject();
        writer.WriteString(Double, value.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }

    private sealed class BigIntConverter<T>(Func<string, IFormatProvider, T> parse, Func<T, string> format) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (TryMarker(ref reader, BigInt, out var marker))
            {
                return parse(marker.GetString() ?? "", CultureInfo.InvariantCulture);
            }
            if (reader.TokenType == JsonTokenType.String)
            {
                return parse(reader.GetString()!, CultureInfo.InvariantCulture);
            }
            if (reader.TokenType == JsonTokenType.Number)
            {
                var text = System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
                // A JavaScript number is exact only up to 2^53, and never fractional here.
                return text.Contains('.') || text.Contains('e') || text.Contains('E')
                    ? throw new JsonException($"{text} is not an integer ({TypeNames.Display(typeof(T))})")
                    : double.Abs(double.Parse(text, CultureInfo.InvariantCulture)) > MaxSafeInteger
                        ? throw new JsonException($"{text} is not a safe integer; pass a bigint for {TypeNames.Display(typeof(T))}")
                        : parse(text, CultureInfo.InvariantCulture);
            }
            if (TryMarker(ref reader, Double, out var number))
            {
                throw new JsonException($"{number.GetString()} is not a safe integer; pass a bigint for {TypeNames.Display(typeof(T))}");
            }
            throw new JsonException($"expected a bigint or an integer for {TypeNames.Display(typeof(T))}");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteString(BigInt, format(value));
            writer.WriteEndObject();
        }

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            parse(reader.GetString()!, CultureInfo.InvariantCulture);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(format(value));
    }

    /// <summary>2^53: JavaScript numbers are exact integers up to here.</summary>
    private const double MaxSafeInteger = 9007199254740992;

    /// <summary>A decimal is the number as JavaScript prints it (0.1 is 0.1), or the string,
    /// exactly (<see cref="Checked.Decimal"/>).</summary>
    private sealed class DecimalConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            string text;
            if (reader.TokenType == JsonTokenType.String)
            {
                text = reader.GetString()!;
            }
            else if (reader.TokenType == JsonTokenType.Number)
            {
                text = System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
            }
            else if (TryMarker(ref reader, BigInt, out var bigint))
            {
                text = bigint.GetString() ?? "";
            }
            else if (TryMarker(ref reader, Double, out var number))
            {
                text = number.GetString() ?? "";
            }
            else
            {
                throw new JsonException("expected a number or a numeric string for decimal");
            }
            try
            {
                return Checked.Decimal(text);
            }
            catch (Exception failure) when (failure is OverflowException or FormatException)
            {
                throw new JsonException(failure.Message, failure);
            }
        }

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));

        public override decimal ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            decimal.Parse(reader.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A date as a Date marker: whole milliseconds, and what they leave out
    /// (<see cref="Times"/>).</summary>
    private sealed class DateConverter<T>(Func<double, long, T> fromDate, Func<T, (double Milliseconds, long Exact)> toDate, Func<string, IFormatProvider, DateTimeStyles, T> parse) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (TryMarkerObject(ref reader, Date, out var marker))
            {
                return fromDate(marker.GetProperty(Date).GetDouble(), ExactOf(marker));
            }
            return reader.TokenType switch
            {
                JsonTokenType.Number => fromDate(reader.GetDouble(), 0),
                JsonTokenType.String => parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                _ => throw new JsonException($"expected a Date for {TypeNames.Display(typeof(T))}"),
            };
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => WriteDate(writer, toDate(value));

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(string.Format(CultureInfo.InvariantCulture, "{0:O}", value));
    }

    public static void WriteDate(Utf8JsonWriter writer, (double Milliseconds, long Exact) date)
    {
        writer.WriteStartObject();
        writer.WriteNumber(Date, date.Milliseconds);
        if (date.Exact != 0)
        {
            writer.WriteNumber(Exact, date.Exact);
        }
        writer.WriteEndObject();
    }

    /// <summary>A Date marker's <c>$exact</c>, or 0.</summary>
    public static long ExactOf(JsonElement marker) =>
        marker.TryGetProperty(Exact, out var exact) && exact.TryGetInt64(out var value) ? value : 0;

    /// <summary>NaN and ±Infinity as markers both ways; from JavaScript, an integer beyond
    /// 2^53 as a marker too (a double is what it is).</summary>
    private sealed class DoubleConverter : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ReadDouble(ref reader);

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options) =>
            WriteDouble(writer, value);

        public override double ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            double.Parse(reader.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, double value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToString("R", CultureInfo.InvariantCulture));
    }

    private static double ReadDouble(ref Utf8JsonReader reader)
    {
        if (TryMarker(ref reader, Double, out var marker))
        {
            return MarkedDouble(marker);
        }
        return reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetDouble(),
            JsonTokenType.String => double.Parse(reader.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => throw new JsonException("expected a number"),
        };
    }

    /// <summary>A float is the nearest float to the number, refused beyond float's range
    /// (<see cref="Checked.Single"/>); written as the double it is exactly (0.1f is
    /// 0.10000000149011612), as outside JSON.</summary>
    private sealed class SingleConverter : JsonConverter<float>
    {
        public override float Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            try
            {
                return Checked.Single(ReadDouble(ref reader));
            }
            catch (OverflowException overflow)
            {
                throw new JsonException(overflow.Message, overflow);
            }
        }

        public override void Write(Utf8JsonWriter writer, float value, JsonSerializerOptions options) =>
            WriteDouble(writer, value);

        public override float ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            float.Parse(reader.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, float value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToString("R", CultureInfo.InvariantCulture));
    }

    private sealed class TimeSpanConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
                ? TimeSpan.Parse(reader.GetString()!, CultureInfo.InvariantCulture)
                : TimeSpan.FromTicks(Checked.Ticks(ReadDouble(ref reader), "a TimeSpan"));

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(Checked.Milliseconds(value));

        public override TimeSpan ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeSpan.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToString("c", CultureInfo.InvariantCulture));
    }
}
