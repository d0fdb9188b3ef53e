using System.Text.Json;
using System.Text.Json.Serialization;

namespace DotnetHost.Bridge;

internal static class JsonOptions
{
    /// <summary>JavaScript naming on the wire (camelCase), enums by name, and numbers that
    /// JavaScript wrote as strings accepted.</summary>
    public static readonly JsonSerializerOptions Default = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new ObjectReferences() },
        IncludeFields = true,
    };
}
