using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DotnetHost.Bridge;

/// <summary>Wrappers inside JSON arguments (an array of wrappers for a
/// <c>List&lt;IShape&gt;</c>, a record holding one) arrive as <c>{"$dotnet": "handle"}</c>:
/// this reads them back as the objects themselves, so identity survives. Only objects of
/// by-reference types are read this way; other JSON deserializes as usual.</summary>
internal sealed class ObjectReferences : JsonConverterFactory
{
    public const string Property = "$dotnet";

    /// <summary>The same settings without this factory, for the JSON that is not a reference.</summary>
    private static readonly Lazy<JsonSerializerOptions> Plain = new(() =>
    {
        var options = new JsonSerializerOptions(JsonOptions.Default);
        for (var i = options.Converters.Count - 1; i >= 0; i--)
        {
            if (options.Converters[i] is ObjectReferences)
            {
                options.Converters.RemoveAt(i);
            }
        }
        return options;
    });

    public override bool CanConvert(Type type) =>
        !Shapes.IsByValue(type) && type != typeof(object) && !typeof(Delegate).IsAssignableFrom(type)
        // Collections keep the serializer's own handling; their elements come back here.
        && !typeof(IEnumerable).IsAssignableFrom(type);

    public override JsonConverter CreateConverter(Type type, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Reference<>).MakeGenericType(type))!;

    private sealed class Reference<T> : JsonConverter<T>
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                var lookahead = reader;
                if (lookahead.Read() && lookahead.TokenType == JsonTokenType.PropertyName && lookahead.ValueTextEquals(Property))
                {
                    lookahead.Read();
                    var text = lookahead.GetString();
                    var target = long.TryParse(text, out var handle) ? Objects.Find(handle) : null;
                    if (target is not T typed)
                    {
                        throw new JsonException(target == null
                            ? $"{Property}: {text} is not a .NET object held by JavaScript (it was released, or made up)"
                            : $"expected a {TypeNames.Display(typeof(T))}, got a {TypeNames.Display(target.GetType())}");
                    }
                    reader.Skip();
                    return typed;
                }
            }
            return JsonSerializer.Deserialize<T>(ref reader, Plain.Value);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, value?.GetType() ?? typeof(T), Plain.Value);
    }
}
