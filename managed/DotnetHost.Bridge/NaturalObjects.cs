using System.Numerics;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DotnetHost.Bridge;

/// <summary>Declared <c>object</c> inside JSON (and as a parameter): JavaScript values as
/// their natural .NET values, as C# would box them. An integral number is an <c>int</c>
/// (a <c>long</c>, then a <c>double</c>, when it does not fit), any other number a
/// <c>double</c>; strings, booleans and null as themselves; an array an <c>object?[]</c>; a
/// plain object a <c>Dictionary&lt;string, object?&gt;</c>; a bigint a <c>long</c> (a
/// <c>BigInteger</c> beyond it); a Date a UTC <c>DateTime</c>; a wrapper its object.
/// Writing uses the value's run-time type.</summary>
internal sealed class NaturalObjects(bool references) : JsonConverter<object>
{
    public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return Natural(document.RootElement);
    }

    public override void Write(Utf8JsonWriter writer, object value, JsonSerializerOptions options)
    {
        if (value.GetType() == typeof(object))
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
            return;
        }
        if (references && !Shapes.IsByValue(value.GetType()))
        {
            // An object (a delegate, a boxed struct) held as object: by reference.
            ObjectReferences.WriteReference(writer, value);
            return;
        }
        JsonSerializer.Serialize(writer, value, value.GetType(), options);
    }

    public static object? Natural(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        // Boxed one by one: a conditional expression would make all three double.
        JsonValueKind.Number => element.TryGetInt32(out var small) ? (object)small
            : element.TryGetInt64(out var large) ? (object)large
            : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(Natural).ToArray(),
        JsonValueKind.Object => NaturalObject(element),
        _ => null,
    };

    private static object? NaturalObject(JsonElement element)
    {
        if (Single(element) is { } marker)
        {
            switch (marker.Name)
            {
                case ObjectReferences.Property:
                    var text = marker.Value.GetString();
                    return long.TryParse(text, out var handle) && Objects.Find(handle) is { } found
                        ? found
                        : throw new JsonException($"{ObjectReferences.Property}: {text} is not a .NET object held by JavaScript (it was released, or made up)");
                case JsonOptions.Date:
                    return Times.ToDateTime(marker.Value.GetDouble(), JsonOptions.ExactOf(element));
                case JsonOptions.Double:
                    return JsonOptions.MarkedDouble(marker.Value);
                case JsonOptions.BigInt:
                    var digits = marker.Value.GetString() ?? "";
                    return long.TryParse(digits, out var value) ? (object)value : BigInteger.Parse(digits);
            }
        }
        var dictionary = new Dictionary<string, object?>();
        foreach (var property in element.EnumerateObject())
        {
            dictionary[property.Name] = Natural(property.Value);
        }
        return dictionary;
    }

    /// <summary>The one property of a marker object ($dotnet comes with $type, $date may
    /// come with $exact).</summary>
    private static JsonProperty? Single(JsonElement element)
    {
        JsonProperty? first = null;
        var count = 0;
        foreach (var property in element.EnumerateObject())
        {
            first ??= property;
            if (++count > 2)
            {
                return null;
            }
        }
        return first is { } only && only.Name.StartsWith('$')
            && (count == 1 || only.Name == ObjectReferences.Property || (only.Name == JsonOptions.Date && element.TryGetProperty(JsonOptions.Exact, out _)))
            ? only
            : null;
    }
}

/// <summary>Multi-dimensional arrays (<c>double[,]</c>) as nested JSON arrays, which must be
/// rectangular.</summary>
internal sealed class MultiDimensionalArrays : JsonConverterFactory
{
    public override bool CanConvert(Type type) => type.IsArray && type.GetArrayRank() > 1;

    public override JsonConverter CreateConverter(Type type, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(type))!;

    private sealed class Converter<T> : JsonConverter<T> where T : class
    {
        private static readonly Type Element = typeof(T).GetElementType()!;
        private static readonly int Rank = typeof(T).GetArrayRank();

        public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Null)
            {
                return null;
            }
            var lengths = new int[Rank];
            var level = root;
            for (var dimension = 0; dimension < Rank; dimension++)
            {
                if (level.ValueKind != JsonValueKind.Array)
                {
                    throw new JsonException($"{TypeNames.Display(typeof(T))} needs arrays nested {Rank} deep");
                }
                lengths[dimension] = level.GetArrayLength();
                if (lengths[dimension] == 0)
                {
                    break;
                }
                level = level[0];
            }
            var array = Array.CreateInstance(Element, lengths);
            Fill(array, root, new int[Rank], 0, lengths, options);
            return (T)(object)array;
        }

        private static void Fill(Array array, JsonElement level, int[] index, int dimension, int[] lengths, JsonSerializerOptions options)
        {
            if (level.ValueKind != JsonValueKind.Array || level.GetArrayLength() != lengths[dimension])
            {
                throw new JsonException($"{TypeNames.Display(typeof(T))} must be rectangular: every array at depth {dimension + 1} needs {lengths[dimension]} items");
            }
            var i = 0;
            foreach (var item in level.EnumerateArray())
            {
                index[dimension] = i++;
                if (dimension == Rank - 1)
                {
                    array.SetValue(item.Deserialize(Element, options), index);
                }
                else
                {
                    Fill(array, item, index, dimension + 1, lengths, options);
                }
            }
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            WriteLevel(writer, (Array)(object)value, new int[Rank], 0, options);

        private static void WriteLevel(Utf8JsonWriter writer, Array array, int[] index, int dimension, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            for (var i = 0; i < array.GetLength(dimension); i++)
            {
                index[dimension] = i;
                if (dimension == Rank - 1)
                {
                    JsonSerializer.Serialize(writer, array.GetValue(index), Element, options);
                }
                else
                {
                    WriteLevel(writer, array, index, dimension + 1, options);
                }
            }
            writer.WriteEndArray();
        }
    }
}
