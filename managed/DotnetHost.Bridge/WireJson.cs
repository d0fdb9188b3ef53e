
namespace DotnetHost.Bridge;

/// <summary>Wire types as JSON, for the TypeScript side (lib/typed/kinds.ts) and, through it,
/// the native one.</summary>
internal static class WireJson
{
    public static void Write(ReplyWriter json, WireType wire)
    {
        json.WriteStartObject();
        json.WriteString("type", TypeNames.Display(wire.Type));
        WriteFields(json, wire);
        json.WriteEndObject();
    }

    /// <summary>An enum's members: <c>"enumValues": {name: number}</c>, and
    /// <c>"flags": true</c> for a [Flags] enum, whose values cross as numbers (other enums
    /// cross as their members' names).</summary>
    public static void WriteEnum(ReplyWriter json, Type enumType)
    {
        json.WriteStartObject("enumValues");
        foreach (var name in Enum.GetNames(enumType))
        {
            json.WriteNumber(name, Convert.ToInt64(Enum.Parse(enumType, name), System.Globalization.CultureInfo.InvariantCulture));
        }
        json.WriteEndObject();
        if (Enums.IsFlags(enumType))
        {
            json.WriteBoolean("flags", true);
        }
    }

    /// <summary>How many methods an implementation of <paramref name="contract"/> must
    /// provide: its own abstract ones and its base interfaces'.</summary>
    private static int AbstractMethods(Type contract)
    {
        var count = 0;
        foreach (var type in (Type[])[contract, .. contract.GetInterfaces()])
        {
            foreach (var method in type.GetMethods())
            {
                if (method.IsAbstract && !method.IsSpecialName)
                {
                    count++;
                }
            }
        }
        return count;
    }

    public static void WriteFields(ReplyWriter json, WireType wire)
    {
        json.WriteNumber("kind", (int)wire.Kind);
        json.WriteBoolean("nullable", wire.Nullable);
        json.WriteNumber("elementKind", (int)wire.ElementKind);
        var enumType = Nullable.GetUnderlyingType(wire.Type) ?? wire.Type;
        if (enumType.IsEnum)
        {
            WriteEnum(json, enumType);
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
        if (wire.Element != null)
        {
            json.WritePropertyName("element");
            Write(json, wire.Element);
        }
        if (wire.Kind == Kind.Object && !wire.Dynamic)
        {
            var type = Nullable.GetUnderlyingType(wire.Type) ?? wire.Type;
            var implicitFrom = new List<string>(ConversionOperators.ImplicitFrom(wire.Type));
            if (implicitFrom.Count > 0)
            {
                json.WriteStartArray("implicitFrom");
                implicitFrom.ForEach(json.WriteStringValue);
                json.WriteEndArray();
            }
            if (type.IsInterface && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
            {
                // A JavaScript object (or, for one member, a function) can implement it.
                // Collections come from JavaScript arrays and objects instead.
                json.WriteNumber("interface", AbstractMethods(type));
            }
            if (type.IsValueType && !type.IsEnum)
            {
                // A struct: null is no value of it, and a plain object converts only
                // through these names (its constructors' parameters, its settable members).
                json.WriteBoolean("struct", true);
                json.WriteStartArray("objectKeys");
                foreach (var key in Conversions<object>.Keys(type))
                {
                    json.WriteStringValue(key);
                }
                json.WriteEndArray();
            }
        }
    }
}
