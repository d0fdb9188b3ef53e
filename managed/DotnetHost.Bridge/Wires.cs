using System.Text.Json;

namespace DotnetHost.Bridge;

/// <summary>Wire types as JSON, for the TypeScript side (lib/typed/kinds.ts) and, through it,
/// the native one.</summary>
internal static class Wires
{
    public static void Write(Utf8JsonWriter json, WireType wire)
    {
        json.WriteStartObject();
        json.WriteString("type", TypeNames.Display(wire.Type));
        WriteFields(json, wire);
        json.WriteEndObject();
    }

    public static void WriteFields(Utf8JsonWriter json, WireType wire)
    {
        json.WriteNumber("kind", (int)wire.Kind);
        json.WriteBoolean("nullable", wire.Nullable);
        json.WriteNumber("elementKind", (int)wire.ElementKind);
        var enumType = Nullable.GetUnderlyingType(wire.Type) ?? wire.Type;
        if (enumType.IsEnum)
        {
            json.WriteStartObject("enumValues");
            foreach (var name in Enum.GetNames(enumType))
            {
                json.WriteNumber(name, Convert.ToInt64(Enum.Parse(enumType, name)));
            }
            json.WriteEndObject();
        }
        if (wire.TypeId != 0)
        {
            json.WriteNumber("typeId", wire.TypeId);
            json.WriteString("fullName", wire.Type.FullName ?? wire.Type.Name);
        }
        if (wire.Dynamic)
        {
            json.WriteBoolean("dynamic", true);
        }
        if (wire.Signature is { } signature)
        {
            json.WritePropertyName("delegate");
            signature.Write(json);
        }
        else if (wire.SignatureError is { } error)
        {
            json.WriteString("delegateError", error);
        }
        if (wire.Inner != null)
        {
            json.WritePropertyName("inner");
            Write(json, wire.Inner);
        }
    }
}
