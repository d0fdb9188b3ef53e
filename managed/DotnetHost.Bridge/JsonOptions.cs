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
/// <c>{"$dotnet": "handle", "$type": id}</c> ↔ a wrapper. Decimals travel as exact
/// strings, TimeSpans as milliseconds and enums as their members' names ([Flags] enums as
/// numbers), as they do outside JSON.</summary>
internal static class JsonOptions
{
    public const string BigInt = "$bigint";
    public const string Date = "$date";

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
        options.Converters.Add(new Enums());
        options.Converters.Add(new BigIntConverter<long>(long.Parse, value => value.ToString(CultureInfo.InvariantCulture)));
        options.Converters.Add(new BigIntConverter<ulong>(ulong.Parse, value => value.ToString(CultureInfo.InvariantCulture)));
        options.Converters.Add(new BigIntConverter<Int128>(Int128.Parse, value => value.ToString(CultureInfo.InvariantCulture)));
        options.Converters.Add(new BigIntConverter<UInt128>(UInt128.Parse, value => value.ToString(CultureInfo.InvariantCulture)));
        options.Converters.Add(new BigIntConverter<BigInteger>(BigInteger.Parse, value => value.ToString(CultureInfo.InvariantCulture)));
        options.Converters.Add(new DecimalConverter());
        options.Converters.Add(new DateConverter<DateTime>(FromMilliseconds, Writers.UnixMilliseconds, DateTime.Parse));
        options.Converters.Add(new DateConverter<DateTimeOffset>(
            milliseconds => new DateTimeOffset(FromMilliseconds(milliseconds)),
            value => Writers.UnixMilliseconds(value.UtcDateTime),
            DateTimeOffset.Parse));
        options.Converters.Add(new TimeSpanConverter());
        options.Converters.Add(new NaturalObjects(references));
        options.Converters.Add(new MultiDimensionalArrays());
        if (references)
        {
            options.Converters.Add(new ObjectReferences());
        }
        return options;
    }

    private static DateTime FromMilliseconds(double milliseconds) =>
        DateTime.UnixEpoch.AddTicks(Checked.Ticks(milliseconds, "a date"));

    /// <summary>Reads <c>{"marker": value}</c> (the reader on its StartObject), or returns false.</summary>
    public static bool TryMarker(ref Utf8JsonReader reader, string marker, out JsonElement value)
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
        value = document.RootElement.GetProperty(marker).Clone();
        return true;
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
                    : parse(text, CultureInfo.InvariantCulture);
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

    private sealed class DecimalConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
                ? decimal.Parse(reader.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
                : TryMarker(ref reader, BigInt, out var marker)
                    ? decimal.Parse(marker.GetString() ?? "", NumberStyles.Integer, CultureInfo.InvariantCulture)
                    : reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString(CultureInfo.InvariantCulture));

        public override decimal ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            decimal.Parse(reader.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToString(CultureInfo.InvariantCulture));
    }

    private sealed class DateConverter<T>(Func<double, T> fromMilliseconds, Func<T, double> toMilliseconds, Func<string, IFormatProvider, DateTimeStyles, T> parse) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (TryMarker(ref reader, Date, out var marker))
            {
                return fromMilliseconds(marker.GetDouble());
            }
            return reader.TokenType switch
            {
                JsonTokenType.Number => fromMilliseconds(reader.GetDouble()),
                JsonTokenType.String => parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                _ => throw new JsonException($"expected a Date for {TypeNames.Display(typeof(T))}"),
            };
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            writer.WriteNumber(Date, toMilliseconds(value));
            writer.WriteEndObject();
        }

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(string.Format(CultureInfo.InvariantCulture, "{0:O}", value));
    }

    private sealed class TimeSpanConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String
                ? TimeSpan.Parse(reader.GetString()!, CultureInfo.InvariantCulture)
                : TimeSpan.FromTicks(Checked.Ticks(reader.GetDouble(), "a TimeSpan"));

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value.Ticks / (double)TimeSpan.TicksPerMillisecond);

        public override TimeSpan ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            TimeSpan.Parse(reader.GetString()!, CultureInfo.InvariantCulture);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToString("c", CultureInfo.InvariantCulture));
    }
}
