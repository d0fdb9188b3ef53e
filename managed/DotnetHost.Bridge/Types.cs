using System.Collections;
using System.Reflection;

namespace DotnetHost.Bridge;

/// <summary>Every type JavaScript has seen gets a small id: wrappers carry it, so the native
/// side can check an argument's type and the TypeScript side can pick the class to build,
/// without sending names back and forth.</summary>
internal static class Types
{
    private static readonly object Gate = new();
    /// <summary>Type → id, read without a lock (a Hashtable allows readers alongside one
    /// writer, who holds <see cref="Gate"/>); a ConcurrentDictionary's code would be compiled at
    /// the first bind, outside the ReadyToRun image.</summary>
    private static readonly Hashtable Ids = new();
    private static volatile Type[] byId = [];

    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    public static int Id(Type type)
    {
        // Every object returned to JavaScript asks, so the common case takes no lock.
        if (Ids[type] is int known)
        {
            return known;
        }
        lock (Gate)
        {
            if (Ids[type] is int id)
            {
                return id;
            }
            var next = new Type[byId.Length + 1];
            byId.CopyTo(next, 0);
            id = next.Length; // ids start at 1: 0 means "no type"
            next[id - 1] = type;
            byId = next;
            Ids[type] = id;
            return id;
        }
    }

    public static Type Get(int id)
    {
        var types = byId;
        return id >= 1 && id <= types.Length ? types[id - 1] : throw new ArgumentOutOfRangeException(nameof(id), id, "no such type id");
    }

    public static bool IsAssignable(int to, int from) => Get(to).IsAssignableFrom(Get(from));

    /// <summary><c>{"typeId": n}</c>, or a BindError description.</summary>
    public static string Find(int assemblyId, string name, string? typeArgumentsJson)
    {
        // Without an assembly (-1), names resolve among the framework's and every loaded one's.
        var assembly = assemblyId < 0 ? typeof(object).Assembly : Loader.Get(assemblyId);
        return Json.Object(json =>
        {
            try
            {
                var type = TypeNames.Resolve(name, assembly);
                if (typeArgumentsJson != null)
                {
                    var arguments = TypeNames.Arguments(typeArgumentsJson, assembly);
                    type = Close(type, arguments);
                }
                if (type.ContainsGenericParameters)
                {
                    var arity = type.GetGenericArguments().Length;
                    throw new TypeNameException("NotClosed",
                        $"{TypeNames.Display(type)} is generic: name its {arity} type argument{(arity == 1 ? "" : "s")}, e.g. type(\"{type.FullName?.Split('`')[0]}<int>\") or .of(\"int\")",
                        []);
                }
                json.WriteNumber("typeId", Id(type));
            }
            catch (TypeNameException error)
            {
                Binder.Error(json, error.Code, error.Message, error.Candidates);
            }
        });
    }

    public static Type Close(Type definition, Type[] arguments)
    {
        if (!definition.IsGenericTypeDefinition)
        {
            throw new TypeNameException("NotGeneric", $"{TypeNames.Display(definition)} is not a generic type definition", []);
        }
        var parameters = definition.GetGenericArguments();
        if (parameters.Length != arguments.Length)
        {
            throw new TypeNameException("WrongTypeArgumentCount",
                $"{definition.FullName} takes {parameters.Length} type argument(s), got {arguments.Length}", []);
        }
        try
        {
            return definition.MakeGenericType(arguments);
        }
        catch (ArgumentException violated)
        {
            throw new TypeNameException("TypeArgumentConstraint", violated.Message, []);
        }
    }

    /// <summary>The public types of an assembly, by full name (nested ones as Outer+Inner,
    /// generic definitions with their arity, as in Box`1).
    /// Read from metadata, so a type that cannot load does not hide the others. An assembly
    /// lists its own types and its dependencies'; -1 lists the shared framework's.</summary>
    public static string List(int assemblyId) => Json.Array(
        (assemblyId < 0 ? TypeIndex.Framework.SelectMany(listing => listing.Types) : Loader.TypeNames(assemblyId))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    /// <summary>What the TypeScript side needs to build a class for the type.</summary>
    public static string Describe(int id)
    {
        var type = Get(id);
        return Json.Object(json =>
        {
            json.WriteNumber("id", id);
            json.WriteString("name", TypeNames.Display(type));
            json.WriteString("fullName", type.FullName ?? type.Name);
            json.WriteString("category", Category(type));
            json.WriteBoolean("public", type.IsVisible);
            json.WriteBoolean("static", type.IsAbstract && type.IsSealed);
            json.WriteBoolean("abstract", type.IsAbstract);
            var baseType = PublicBase(type);
            if (baseType != null)
            {
                json.WriteNumber("baseTypeId", Id(baseType));
            }
            json.WriteStartArray("interfaces");
            foreach (var contract in PublicInterfaces(type))
            {
                json.WriteNumberValue(Id(contract));
            }
            json.WriteEndArray();
            json.WriteStartArray("assignableTo");
            foreach (var name in AssignableTo(type))
            {
                json.WriteStringValue(name);
            }
            json.WriteEndArray();
            json.WriteBoolean("disposable", typeof(IDisposable).IsAssignableFrom(type));
            json.WriteString("iteration", Iteration(type));
            json.WriteBoolean("asyncIterable", Implements(type, typeof(IAsyncEnumerable<>)));
            json.WriteNumber("constructors", type.IsAbstract ? 0 : type.GetConstructors().Length);
            if (type == typeof(string) || (type.IsValueType && Shapes.IsByValue(type)))
            {
                // Its values are JavaScript's own (a number, a string, a Date).
                json.WriteBoolean("byValue", true);
            }
            if (type.IsEnum)
            {
                WireJson.WriteEnum(json, type);
            }
            if (type.IsVisible && Category(type) == "delegate" && !type.ContainsGenericParameters)
            {
                json.WritePropertyName("wire");
                WireJson.Write(json, WireType.Classify(type, false));
            }
            json.WriteStartArray("nested");
            foreach (var nested in type.GetNestedTypes(BindingFlags.Public))
            {
                json.WriteStringValue(nested.FullName ?? nested.Name);
            }
            json.WriteEndArray();
            json.WriteStartArray("members");
            if (type.IsVisible && !type.IsEnum)
            {
                foreach (var member in Members(type))
                {
                    json.WriteStartObject();
                    json.WriteString("name", member.Name);
                    json.WriteString("kind", member.Kind);
                    json.WriteBoolean("static", member.IsStatic);
                    json.WriteBoolean("canRead", member.CanRead);
                    json.WriteBoolean("canWrite", member.CanWrite);
                    json.WriteBoolean("generic", member.IsGeneric);
                    json.WriteEndObject();
                }
            }
            json.WriteEndArray();
        });
    }

    internal static string Category(Type type) =>
        type.IsEnum ? "enum"
        : typeof(Delegate).IsAssignableFrom(type) ? "delegate"
        : type.IsInterface ? "interface"
        : type.IsValueType ? "struct"
        : "class";

    /// <summary>The nearest public base class, which the JavaScript class extends. Object
    /// itself has none.</summary>
    private static Type? PublicBase(Type type)
    {
        if (type == typeof(object) || type.IsInterface)
        {
            return null;
        }
        var candidate = type.BaseType;
        while (candidate != null && !candidate.IsVisible)
        {
            candidate = candidate.BaseType;
        }
        return candidate ?? typeof(object);
    }

    /// <summary>Generic interfaces first: their members (IEnumerator&lt;T&gt;.Current) win over
    /// the non-generic ones of the same name (IEnumerator.Current).</summary>
    private static IEnumerable<Type> PublicInterfaces(Type type) =>
        type.GetInterfaces().Where(contract => contract.IsVisible).OrderBy(contract => contract.IsGenericType ? 0 : 1);

    private static IEnumerable<string> AssignableTo(Type type)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        for (var current = type; current != null; current = current.BaseType)
        {
            names.Add(current.FullName ?? current.Name);
        }
        foreach (var contract in type.GetInterfaces())
        {
            names.Add(contract.FullName ?? contract.Name);
        }
        if (type.IsInterface)
        {
            names.Add(typeof(object).FullName!);
        }
        return names;
    }

    private static bool Implements(Type type, Type definition) =>
        type.GetInterfaces().Append(type).Any(contract => contract.IsGenericType && contract.GetGenericTypeDefinition() == definition);

    /// <summary>How JavaScript iterates it: "dictionary" ([key, value] pairs), "generic"
    /// (IEnumerable&lt;T&gt;), "plain" (IEnumerable) or "" (not at all).</summary>
    private static string Iteration(Type type)
    {
        if (Implements(type, typeof(IDictionary<,>)) || Implements(type, typeof(IReadOnlyDictionary<,>)))
        {
            return "dictionary";
        }
        if (Implements(type, typeof(IEnumerable<>)))
        {
            return "generic";
        }
        return typeof(IEnumerable).IsAssignableFrom(type) ? "plain" : "";
    }

    /// <summary>A user-defined operator (<c>op_Addition</c>, <c>op_Implicit</c> …): a static
    /// method JavaScript calls by its .NET name.</summary>
    public static bool IsOperator(MethodInfo method) =>
        method.IsSpecialName && method.IsStatic && method.Name.StartsWith("op_", StringComparison.Ordinal);

    internal sealed record MemberSummary(string Name, string Kind, bool IsStatic, bool CanRead, bool CanWrite, bool IsGeneric);

    /// <summary>What JavaScript sees of a declared member, or null for one it does not see
    /// (accessors, special names other than operators, static abstract interface members).
    /// The declaration generator (Surface.cs) lists members by the same rule.</summary>
    internal static MemberSummary? Summarize(MemberInfo member) => member switch
    {
        MethodInfo method when (!method.IsSpecialName || IsOperator(method)) && !(method.IsStatic && method.IsAbstract) =>
            new(method.Name, "method", method.IsStatic, false, false, method.IsGenericMethodDefinition),
        PropertyInfo property when property.GetIndexParameters().Length > 0 =>
            new("Item", "indexer", false, property.GetMethod?.IsPublic == true, property.SetMethod?.IsPublic == true, false),
        PropertyInfo property when (property.GetMethod ?? property.SetMethod) is { } accessor && !(accessor.IsStatic && accessor.IsAbstract) =>
            new(property.Name, "property", accessor.IsStatic, property.GetMethod?.IsPublic == true, property.SetMethod?.IsPublic == true, false),
        FieldInfo field when !field.IsSpecialName =>
            new(field.Name, "field", field.IsStatic, true, !field.IsInitOnly && !field.IsLiteral, false),
        EventInfo @event when @event.AddMethod is { } add =>
            new(@event.Name, "event", add.IsStatic, false, false, false),
        _ => null,
    };

    /// <summary>Members declared by this type (inherited ones come from the base class's
    /// JavaScript class). Overloads are one entry; accessors, operators and other special
    /// names are left out.</summary>
    private static IEnumerable<MemberSummary> Members(Type type)
    {
        var groups = new List<MemberSummary>();
        var index = new Dictionary<(string, string, bool), int>();
        foreach (var member in type.GetMembers(Declared))
        {
            var summary = Summarize(member);
            if (summary == null)
            {
                continue;
            }
            var key = (summary.Name, summary.Kind, summary.IsStatic);
            if (index.TryGetValue(key, out var at))
            {
                // One entry per overload group: generic if any overload is; an indexer's
                // accessors may differ per overload.
                var group = groups[at];
                groups[at] = group with
                {
                    IsGeneric = group.IsGeneric || summary.IsGeneric,
                    CanRead = group.CanRead || summary.CanRead,
                    CanWrite = group.CanWrite || summary.CanWrite,
                };
            }
            else
            {
                index[key] = groups.Count;
                groups.Add(summary);
            }
        }
        return groups;
    }
}

/// <summary>A type name that names nothing (or not what it must): a BindError code with the
/// types that do exist.</summary>
internal sealed class TypeNameException(string code, string message, IEnumerable<string> candidates) : Exception(message)
{
    public string Code { get; } = code;
    public IEnumerable<string> Candidates { get; } = candidates;
}

/// <summary>Small helpers for the JSON the bridge hands to JavaScript.</summary>
internal static class Json
{
    public static string Object(Action<ReplyWriter> write)
    {
        var json = new ReplyWriter();
        json.WriteStartObject();
        write(json);
        json.WriteEndObject();
        return json.ToString();
    }

    public static string Array(IEnumerable<string> items)
    {
        var json = new ReplyWriter();
        json.WriteStartArray();
        foreach (var item in items)
        {
            json.WriteStringValue(item);
        }
        json.WriteEndArray();
        return json.ToString();
    }
}
