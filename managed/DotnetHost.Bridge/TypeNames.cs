namespace DotnetHost.Bridge;

/// <summary>C#-style names for signatures shown to users, and matching of the type names
/// users write when they pick an overload.</summary>
internal static class TypeNames
{
    private static readonly Dictionary<Type, string> Aliases = new()
    {
        [typeof(bool)] = "bool",
        [typeof(sbyte)] = "sbyte",
        [typeof(byte)] = "byte",
        [typeof(short)] = "short",
        [typeof(ushort)] = "ushort",
        [typeof(int)] = "int",
        [typeof(uint)] = "uint",
        [typeof(long)] = "long",
        [typeof(ulong)] = "ulong",
        [typeof(float)] = "float",
        [typeof(double)] = "double",
        [typeof(char)] = "char",
        [typeof(nint)] = "nint",
        [typeof(nuint)] = "nuint",
        [typeof(decimal)] = "decimal",
        [typeof(string)] = "string",
        [typeof(object)] = "object",
        [typeof(void)] = "void",
    };

    public static string Display(Type type)
    {
        if (Aliases.TryGetValue(type, out var alias))
        {
            return alias;
        }
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying != null)
        {
            return Display(underlying) + "?";
        }
        if (type.IsArray)
        {
            return Display(type.GetElementType()!) + "[]";
        }
        if (type.IsGenericType)
        {
            var name = type.Name[..type.Name.IndexOf('`')];
            return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(Display))}>";
        }
        return type.Name;
    }

    /// <summary>True when <paramref name="written"/> names <paramref name="type"/>: a C#
    /// alias, the short name or the full name.</summary>
    public static bool Matches(Type type, string written)
    {
        var text = written.Replace(" ", "", StringComparison.Ordinal);
        return text == Display(type).Replace(" ", "", StringComparison.Ordinal)
            || text == type.Name
            || text == type.FullName
            || text == type.ToString();
    }
}
