using System.Reflection;
using System.Text.Json;

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
            var tick = type.Name.IndexOf('`');
            var name = tick < 0 ? type.Name : type.Name[..tick];
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

    /// <summary>The type <paramref name="written"/> names, the way a C# programmer writes it:
    /// aliases (<c>int</c>), full or short names, nested types (<c>Outer.Inner</c> or
    /// <c>Outer+Inner</c>), generics (<c>Dictionary&lt;string, List&lt;int&gt;&gt;</c>), arrays
    /// (<c>int[]</c>) and nullables (<c>int?</c>). Types of <paramref name="context"/> come
    /// first, then the framework's, then any other loaded assembly's.</summary>
    public static Type Resolve(string written, Assembly context)
    {
        var text = written.Trim();
        if (text.Length == 0)
        {
            throw new TypeNameException("TypeNotFound", "the type name is empty", []);
        }
        if (text.EndsWith("[]", StringComparison.Ordinal))
        {
            return Resolve(text[..^2], context).MakeArrayType();
        }
        if (text.EndsWith('?'))
        {
            var inner = Resolve(text[..^1], context);
            return inner.IsValueType ? typeof(Nullable<>).MakeGenericType(inner) : inner;
        }
        var open = text.IndexOf('<');
        if (open > 0 && text.EndsWith('>'))
        {
            var arguments = SplitArguments(text[(open + 1)..^1]);
            var definition = Named($"{text[..open].Trim()}`{arguments.Count}", context);
            return Types.Close(definition, arguments.Select(argument => Resolve(argument, context)).ToArray());
        }
        var alias = Aliases.FirstOrDefault(pair => pair.Value == text).Key;
        return alias ?? Named(text, context);
    }

    /// <summary>Type arguments as JavaScript passes them: names, or ids of types it holds.</summary>
    public static Type[] Arguments(string json, Assembly context)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(item => item.ValueKind == JsonValueKind.Number
                ? Types.Get(item.GetInt32())
                : Resolve(item.GetString() ?? "", context))
            .ToArray();
    }

    /// <summary>Splits <c>string, List&lt;int&gt;</c> at its top-level commas.</summary>
    public static List<string> SplitArguments(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '<':
                    depth++;
                    break;
                case '>':
                    depth--;
                    break;
                case ',' when depth == 0:
                    parts.Add(text[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }
        parts.Add(text[start..].Trim());
        return parts;
    }

    private static Type Named(string name, Assembly context)
    {
        foreach (var candidate in NestedSpellings(name))
        {
            var found = context.GetType(candidate, throwOnError: false)
                ?? Type.GetType(candidate, throwOnError: false)
                ?? AppDomain.CurrentDomain.GetAssemblies()
                    .Select(assembly => assembly.GetType(candidate, throwOnError: false))
                    .FirstOrDefault(type => type != null);
            if (found != null)
            {
                return found;
            }
        }
        var shortName = name[(name.LastIndexOfAny(['.', '+']) + 1)..];
        var similar = context.GetExportedTypes()
            .Where(type => string.Equals(type.Name, shortName, StringComparison.OrdinalIgnoreCase)
                || string.Equals(type.Name.Split('`')[0], shortName.Split('`')[0], StringComparison.OrdinalIgnoreCase))
            .ToList();
        var exact = similar.Where(type => type.Name == shortName).ToList();
        if (!name.Contains('.') && exact.Count == 1)
        {
            return exact[0];
        }
        throw new TypeNameException("TypeNotFound",
            $"no type {name} in {context.GetName().Name} or the .NET libraries",
            similar.Select(type => type.FullName ?? type.Name).Order(StringComparer.Ordinal));
    }

    /// <summary><c>A.B.C</c> as written, then with the last dots read as nesting
    /// (<c>A.B+C</c>, <c>A+B+C</c>).</summary>
    private static IEnumerable<string> NestedSpellings(string name)
    {
        yield return name;
        var spelling = name;
        for (var dot = spelling.LastIndexOf('.'); dot > 0; dot = spelling.LastIndexOf('.'))
        {
            spelling = spelling[..dot] + "+" + spelling[(dot + 1)..];
            yield return spelling;
        }
    }
}
