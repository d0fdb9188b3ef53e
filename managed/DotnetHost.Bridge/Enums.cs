using System.Text.Json;
using System.Text.Json.Serialization;

namespace DotnetHost.Bridge;

/// <summary>How enums cross: a value is its member's name (<c>"Utc"</c>), as a TypeScript
/// string enum, so a JavaScript caller's <c>DateTimeKind.Utc</c> can never be taken for an
/// integer of another overload. A [Flags] enum's value is a number, which JavaScript
/// combines with <c>|</c>. Both read names (case-insensitive; flags as <c>"A, B"</c> or
/// <c>"A | B"</c>) and numbers. A value that is no member (an undefined number) crosses as
/// its number. In JSON, the same.</summary>
internal sealed class Enums : JsonConverterFactory
{
    public static bool IsFlags(Type enumType) => enumType.IsDefined(typeof(FlagsAttribute), false);

    /// <summary>The member's name for a value of a non-[Flags] enum, or null (flags, or no
    /// member has the value).</summary>
    public static string? NameOf(Type enumType, object value) =>
        !IsFlags(enumType) && Enum.IsDefined(enumType, value) ? Enum.GetName(enumType, value) : null;

    public override bool CanConvert(Type type) => type.IsEnum;

    public override JsonConverter CreateConverter(Type type, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(type))!;

    private sealed class Converter<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Number)
            {
                return (T)Enum.ToObject(typeof(T), reader.GetInt64());
            }
            var text = reader.GetString() ?? "";
            return Enum.TryParse<T>(text.Replace('|', ','), ignoreCase: true, out var value)
                ? value
                : throw new JsonException($"{text} is not a member of {TypeNames.Display(typeof(T))} ({string.Join(", ", Enum.GetNames<T>())})");
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (NameOf(typeof(T), value) is { } name)
            {
                writer.WriteStringValue(name);
            }
            else
            {
                writer.WriteNumberValue(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Enum.Parse<T>(reader.GetString()!, ignoreCase: true);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WritePropertyName(value.ToString());
    }
}
