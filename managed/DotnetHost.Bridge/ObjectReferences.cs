using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DotnetHost.Bridge;

/// <summary>Objects that cross by reference, inside JSON: a record's property holding a
/// class instance or a struct, the elements of a <c>List&lt;IShape&gt;</c>. They are written
/// as <c>{"$dotnet": "t&lt;token&gt;", "$type": typeId}</c> (the native side claims the token
/// for the wrapper it makes, <see cref="References"/>), and read back from JavaScript's
/// <c>{"$dotnet": "handle"}</c> (a wrapper's handle) as the objects themselves, so identity
/// and data survive. Anything else in that place is read
/// as JSON: a plain object for a new instance, or for a struct only where nothing is lost
/// (<see cref="Conversions{T}"/>).</summary>
internal sealed class ObjectReferences : JsonConverterFactory
{
    public const string Property = "$dotnet";
    public const string TypeProperty = "$type";

    public override bool CanConvert(Type type) =>
        !Shapes.IsByValue(type) && type != typeof(object)
        // Collections keep the serializer's own handling; their elements come back here.
        && !typeof(IEnumerable).IsAssignableFrom(type);

    public override JsonConverter CreateConverter(Type type, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Reference<>).MakeGenericType(type))!;

    /// <summary>The object a <c>{"$dotnet": "handle"}</c> names, checked against the
    /// handles handed out: a made-up one never reaches GCHandle.FromIntPtr.</summary>
    public static object Resolve(string? text) =>
        long.TryParse(text, out var handle) && Objects.Find(handle) is { } found
            ? found
            : throw new JsonException($"{Property}: {text} is not a .NET object held by JavaScript (it was released, or made up)");

    /// <summary>Writes <c>{"$dotnet": "t&lt;token&gt;", "$type": id}</c> (see <see cref="References"/>).</summary>
    public static void WriteReference(Utf8JsonWriter writer, object value)
    {
        writer.WriteStartObject();
        writer.WriteString(Property, References.Add(value));
        writer.WriteNumber(TypeProperty, Types.Id(value.GetType()));
        writer.WriteEndObject();
    }

    private sealed class Reference<T> : JsonConverter<T>
    {
        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (JsonOptions.TryMarker(ref reader, Property, out var marker))
            {
                var target = Resolve(marker.GetString());
                return target is T typed
                    ? typed
                    : throw new JsonException($"expected a {TypeNames.Display(typeof(T))}, got a {TypeNames.Display(target.GetType())}");
            }
            if (typeof(T).IsValueType)
            {
                using var document = JsonDocument.ParseValue(ref reader);
                return Conversions<T>.FromElement(document.RootElement);
            }
            return JsonSerializer.Deserialize<T>(ref reader, JsonOptions.Plain);
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            WriteReference(writer, value!);
    }
}
