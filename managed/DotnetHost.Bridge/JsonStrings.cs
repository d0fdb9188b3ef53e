using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DotnetHost.Bridge;

/// <summary>Strings inside JSON, exactly. A .NET string and a JavaScript one may hold a lone
/// surrogate (half of a pair), which UTF-8 cannot: System.Text.Json's writer replaces it with
/// U+FFFD without a word, and its reader refuses the escape <c>\udc00</c>. Here a string with
/// one is written with that escape (JSON.parse gives the same code unit back), and read back
/// from it. A dictionary key with one, where the serializer writes keys through this
/// converter, is refused rather than changed.</summary>
internal sealed class JsonStrings : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"expected a string, got {reader.TokenType}");
        }
        return ReadString(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        WriteValue(writer, value);

    /// <summary>Writes <paramref name="value"/> exactly, for JSON the bridge writes itself
    /// (an exception's message, for one).</summary>
    public static void WriteValue(Utf8JsonWriter writer, string value)
    {
        if (IndexOfLoneSurrogate(value) < 0)
        {
            writer.WriteStringValue(value);
            return;
        }
        writer.WriteRawValue(Quote(value), skipInputValidation: true);
    }

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadString(ref reader);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        var lone = IndexOfLoneSurrogate(value);
        if (lone >= 0)
        {
            throw new JsonException(
                $"the key \"{value[..lone]}…\" holds a lone surrogate (U+{(int)value[lone]:X4}) at {lone}, which a JSON property name cannot carry exactly");
        }
        writer.WritePropertyName(value);
    }

    private static string ReadString(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.GetString()!;
        }
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate, which the reader cannot turn into UTF-8.
            return Unescape(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        }
    }

    /// <summary>The index of the first surrogate without its other half, or -1.</summary>
    private static int IndexOfLoneSurrogate(string value)
    {
        var from = 0;
        while (true)
        {
            // Vectorized: most strings hold no surrogate at all.
            var found = value.AsSpan(from).IndexOfAnyInRange('\uD800', '\uDFFF');
            if (found < 0)
            {
                return -1;
            }
            var index = from + found;
            if (char.IsHighSurrogate(value[index]) && index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]))
            {
                from = index + 2;
                continue;
            }
            return index;
        }
    }

    /// <summary>A JSON string literal for <paramref name="value"/>, lone surrogates escaped.</summary>
    private static string Quote(string value)
    {
        var quoted = new StringBuilder(value.Length + 16).Append('"');
        for (var index = 0; index < value.Length; index++)
        {
            var unit = value[index];
            var paired = char.IsHighSurrogate(unit) && index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]);
            if (paired)
            {
                quoted.Append(unit).Append(value[++index]);
            }
            else if (unit == '"' || unit == '\\')
            {
                quoted.Append('\\').Append(unit);
            }
            else if (unit < 0x20 || char.IsSurrogate(unit))
            {
                quoted.Append("\\u").Append(((int)unit).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                quoted.Append(unit);
            }
        }
        return quoted.Append('"').ToString();
    }

    /// <summary>The code units of a JSON string's raw (still escaped, valid UTF-8) text.</summary>
    private static string Unescape(ReadOnlySpan<byte> raw)
    {
        var text = new StringBuilder(raw.Length);
        while (!raw.IsEmpty)
        {
            var backslash = raw.IndexOf((byte)'\\');
            var plain = backslash < 0 ? raw : raw[..backslash];
            text.Append(Encoding.UTF8.GetString(plain));
            if (backslash < 0)
            {
                break;
            }
            var escape = raw[backslash + 1];
            var length = 2;
            switch (escape)
            {
                case (byte)'b': text.Append('\b'); break;
                case (byte)'f': text.Append('\f'); break;
                case (byte)'n': text.Append('\n'); break;
                case (byte)'r': text.Append('\r'); break;
                case (byte)'t': text.Append('\t'); break;
                case (byte)'u':
                    text.Append((char)int.Parse(raw.Slice(backslash + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                    length = 6;
                    break;
                default: text.Append((char)escape); break; // \" \\ \/
            }
            raw = raw[(backslash + length)..];
        }
        return text.ToString();
    }
}
