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
            return $"{name}<{string.Join(", ", Array.ConvertAll(type.GetGenericArguments(), Display))}>";
        }
        return type.Name;
    }

    /// <summary>True when <paramref name="written"/> names <paramref name="type"/>: a C#
    /// alias, the short name or the full name.</summary>
    public static bool Matches(Type type, string written)
    {
        var text = written.Replace(" ", "", StringComparison.Ordinal);
        // "out int", "ref int", "in int", "int&": a by-reference parameter of that type.
        foreach (var prefix in (string[])["out", "ref", "in"])
        {
            if (written.TrimStart().StartsWith(prefix + " ", StringComparison.Ordinal))
            {
                return type.IsByRef && Matches(type.GetElementType()!, written.TrimStart()[(prefix.Length + 1)..]);
            }
        }
        if (text.EndsWith('&'))
        {
            return type.IsByRef && Matches(type.GetElementType()!, text[..^1]);
        }
        if (type.IsByRef)
        {
            // A plain name matches a by-reference parameter of that type too.
            return Matches(type.GetElementType()!, written);
        }
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
                    .FirstOrDefault(type => type != null)
                ?? NotYetLoaded(candidate);
            if (found != null)
            {
                return found;
            }
        }
        var shortName = name[(name.LastIndexOfAny(['.', '+']) + 1)..];
        if (!name.Contains('.') && UniqueShortName(shortName) is { } unique)
        {
            return Named(unique, context);
        }
        var similar = Similar(shortName);
        throw new TypeNameException("TypeNotFound",
            $"no type {name} in {context.GetName().Name}, its dependencies or the .NET libraries",
            similar);
    }

    /// <summary>A type of a loaded component's dependencies or of the framework that no one
    /// has loaded yet. A type that is there but cannot load says why.</summary>
    private static Type? NotYetLoaded(string fullName)
    {
        try
        {
            return Loader.FindType(fullName);
        }
        catch (Exception exception) when (exception is TypeLoadException or FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            throw new TypeNameException("TypeLoadFailed", $"{fullName} cannot be loaded: {exception.Message}", []);
        }
    }

    /// <summary>The one type called <paramref name="shortName"/> in the loaded components and
    /// their dependencies, or else in the framework.</summary>
    private static string? UniqueShortName(string shortName)
    {
        foreach (var listings in new[] { Loader.AllListings(), TypeIndex.Framework })
        {
            var exact = listings.SelectMany(listing => listing.Types).Where(full => ShortName(full) == shortName).Distinct().Take(2).ToList();
            if (exact.Count > 0)
            {
                return exact.Count == 1 ? exact[0] : null;
            }
        }
        return null;
    }

    private static string ShortName(string fullName) => fullName[(fullName.LastIndexOfAny(['.', '+']) + 1)..];

    /// <summary>Full names of listed types whose short name is <paramref name="shortName"/>
    /// (ignoring case and generic arity), for "did you mean" lists.</summary>
    public static List<string> Similar(string shortName)
    {
        var wanted = shortName.Split('`')[0];
        return Loader.AllListings().Concat(TypeIndex.Framework)
            .SelectMany(listing => listing.Types)
            .Where(full => string.Equals(ShortName(full).Split('`')[0], wanted, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Take(20)
            .ToList();
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
