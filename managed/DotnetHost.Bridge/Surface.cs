using System.Reflection;

namespace DotnetHost.Bridge;

/// <summary>An assembly's public surface as the TypeScript declaration generator needs it
/// (lib/typings/): every public type with its members, each parameter and result described
/// by the same classification the calls use (<see cref="WireType.Classify"/>), so the
/// declarations say what actually crosses. Types the surface refers to from other assemblies
/// (the framework, dependencies) are described too, one level deep; base types always.</summary>
internal static class Surface
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The surface of an assembly, and with <paramref name="withDependencies"/> of
    /// every assembly its .deps.json lists (a folder made by <c>dotnet-host add</c>).</summary>
    public static string Describe(int assemblyId, bool withDependencies, bool frameworkDocs)
    {
        var assembly = Loader.Get(assemblyId);
        var walk = new Walk(new Docs(frameworkDocs));
        var failures = new List<(string Name, string Reason)>();
        IEnumerable<Type> roots;
        if (withDependencies)
        {
            var found = new List<Type>();
            foreach (var name in Loader.TypeNames(assemblyId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                try
                {
                    if (Loader.FindType(name) is { } type)
                    {
                        found.Add(type);
                    }
                }
                catch (Exception exception) when (exception is TypeLoadException or FileNotFoundException or FileLoadException or BadImageFormatException)
                {
                    failures.Add((name, exception.Message));
                }
            }
            roots = found;
        }
        else
        {
            roots = Exported(assembly, failures);
        }
        foreach (var type in roots.Where(type => type.IsVisible))
        {
            walk.Own(type);
        }
        return Json.Object(json =>
        {
            json.WriteString("assembly", assembly.GetName().Name);
            json.WriteString("path", assembly.Location);
            walk.Write(json);
            json.WriteStartArray("failures");
            foreach (var (name, reason) in failures)
            {
                json.WriteStartObject();
                json.WriteString("type", name);
                json.WriteString("reason", reason);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    private static IEnumerable<Type> Exported(Assembly assembly, List<(string, string)> failures)
    {
        try
        {
            return assembly.GetExportedTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            foreach (var error in partial.LoaderExceptions.OfType<Exception>())
            {
                failures.Add(("?", error.Message));
            }
            return partial.Types.OfType<Type>();
        }
    }

    /// <summary>The types to describe, in order: the assembly's own, then those they refer to.</summary>
    private sealed class Walk(Docs docs)
    {
        private readonly Dictionary<Type, int> depth = [];
        private readonly Queue<Type> queue = new();
        private readonly NullabilityInfoContext nullability = new();

        public void Own(Type type) => Add(Definition(type), 0);

        private static Type Definition(Type type) => type.IsGenericType && !type.IsGenericTypeDefinition ? type.GetGenericTypeDefinition() : type;

        private void Add(Type type, int level)
        {
            type = Definition(type);
            if (!type.IsVisible || type.IsGenericParameter || type.IsArray || type.IsByRef || type.IsPointer || type.IsByRefLike)
            {
                return;
            }
            if (depth.TryGetValue(type, out var known) && known <= level)
            {
                return;
            }
            var first = !depth.ContainsKey(type);
            depth[type] = level;
            if (first)
            {
                queue.Enqueue(type);
            }
        }

        /// <summary>A type a member refers to: declared when it is one level from the
        /// assembly's own; its base classes always (a declared class extends them).</summary>
        private void Refer(Type type, int from)
        {
            if (from < 1)
            {
                Add(type, from + 1);
            }
        }

        public void Write(ReplyWriter json)
        {
            json.WriteStartArray("types");
            var written = new HashSet<Type>();
            while (queue.Count > 0)
            {
                var type = queue.Dequeue();
                if (!written.Add(type))
                {
                    continue;
                }
                try
                {
                    json.WriteRawValue(Render(part => WriteType(part, type, depth[type])));
                }
                catch (Exception exception) when (exception is TypeLoadException or FileNotFoundException or FileLoadException or NotSupportedException)
                {
                    // The type is left out; its name still says why in the declarations.
                    json.WriteStartObject();
                    json.WriteString("fullName", type.FullName ?? type.Name);
                    json.WriteString("error", exception.Message);
                    json.WriteEndObject();
                }
            }
            json.WriteEndArray();
            json.WriteStartArray("declared");
            foreach (var type in written)
            {
                json.WriteStringValue(type.FullName ?? type.Name);
            }
            json.WriteEndArray();
        }

        private void WriteType(ReplyWriter json, Type type, int level)
        {
            var own = level == 0;
            json.WriteStartObject();
            json.WriteString("fullName", type.FullName ?? type.Name);
            json.WriteString("namespace", type.Namespace ?? "");
            json.WriteString("name", SimpleName(type));
            if (type.DeclaringType is { } outer)
            {
                json.WriteString("outer", outer.FullName);
            }
            json.WriteString("category", Types.Category(type));
            json.WriteBoolean("own", own);
            json.WriteBoolean("static", type.IsAbstract && type.IsSealed);
            json.WriteBoolean("abstract", type.IsAbstract && !type.IsInterface);
            if (Shapes.IsByValue(type) || (type.IsGenericTypeDefinition && Shapes.IsRecord(type)))
            {
                json.WriteString("crosses", type.IsValueType || type == typeof(string) ? "value" : "json");
            }
            WriteGenericParameters(json, type.GetGenericArguments(), level);
            if (type.BaseType is { } baseType && !type.IsValueType && !type.IsInterface && baseType != typeof(object) && !typeof(Delegate).IsAssignableFrom(type))
            {
                var visible = baseType;
                while (visible != null && !visible.IsVisible)
                {
                    visible = visible.BaseType;
                }
                if (visible != null && visible != typeof(object))
                {
                    Add(visible, Math.Max(level, 1));
                    json.WritePropertyName("base");
                    WriteRef(json, visible, null, true, level);
                }
            }
            json.WriteStartArray("interfaces");
            // An enum's or delegate's interfaces (IComparable, ICloneable …) are not how
            // JavaScript sees it.
            foreach (var contract in type.IsEnum || Types.Category(type) == "delegate" ? [] : type.GetInterfaces().Where(contract => contract.IsVisible))
            {
                Refer(contract, level);
                WriteRef(json, contract, null, true, level);
            }
            json.WriteEndArray();
            WriteIteration(json, type, level);
            json.WriteBoolean("disposable", typeof(IDisposable).IsAssignableFrom(type));
            if (type.IsEnum)
            {
                WireJson.WriteEnum(json, type);
            }
            if (Types.Category(type) == "delegate" && type.GetMethod("Invoke") is { } invoke)
            {
                json.WritePropertyName("invoke");
                WriteSignature(json, invoke, level, callback: true);
            }
            docs.Write(json, type);
            json.WriteStartArray("members");
            if (!type.IsEnum && Types.Category(type) != "delegate")
            {
                WriteMembers(json, type, level);
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }

        private void WriteIteration(ReplyWriter json, Type type, int level)
        {
            var dictionary = Closed(type, typeof(IDictionary<,>)) ?? Closed(type, typeof(IReadOnlyDictionary<,>));
            var enumerable = Closed(type, typeof(IEnumerable<>));
            var asyncEnumerable = Closed(type, typeof(IAsyncEnumerable<>));
            if (dictionary != null)
            {
                json.WriteStartArray("pairs");
                foreach (var argument in dictionary.GetGenericArguments())
                {
                    WriteRef(json, argument, null, true, level);
                }
                json.WriteEndArray();
            }
            else if (enumerable != null)
            {
                json.WritePropertyName("items");
                WriteRef(json, enumerable.GetGenericArguments()[0], null, true, level);
            }
            else if (typeof(System.Collections.IEnumerable).IsAssignableFrom(type))
            {
                json.WritePropertyName("items");
                WriteRef(json, typeof(object), null, true, level);
            }
            if (asyncEnumerable != null)
            {
                json.WritePropertyName("asyncItems");
                WriteRef(json, asyncEnumerable.GetGenericArguments()[0], null, true, level);
            }
        }

        private void WriteGenericParameters(ReplyWriter json, Type[] parameters, int level)
        {
            json.WriteStartArray("generic");
            foreach (var parameter in parameters.Where(parameter => parameter.IsGenericParameter))
            {
                json.WriteStartObject();
                json.WriteString("name", parameter.Name);
                json.WriteStartArray("constraints");
                foreach (var constraint in parameter.GetGenericParameterConstraints().Where(constraint => constraint != typeof(ValueType)))
                {
                    Refer(constraint, level);
                    WriteRef(json, constraint, null, true, level);
                }
                json.WriteEndArray();
                var attributes = parameter.GenericParameterAttributes;
                json.WriteBoolean("struct", attributes.HasFlag(GenericParameterAttributes.NotNullableValueTypeConstraint));
                json.WriteBoolean("class", attributes.HasFlag(GenericParameterAttributes.ReferenceTypeConstraint));
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }

        private void WriteMembers(ReplyWriter json, Type type, int level)
        {
            var groups = new Dictionary<(string, string, bool), List<MemberInfo>>();
            var order = new List<(string, string, bool)>();
            foreach (var member in type.GetMembers(Declared))
            {
                if (Types.Summarize(member) is not { } summary)
                {
                    continue;
                }
                var key = (summary.Name, summary.Kind, summary.IsStatic);
                if (!groups.TryGetValue(key, out var list))
                {
                    groups[key] = list = [];
                    order.Add(key);
                }
                list.Add(member);
            }
            var constructors = type.IsAbstract || type.IsInterface ? [] : type.GetConstructors();
            if (constructors.Length > 0)
            {
                json.WriteStartObject();
                json.WriteString("name", ".ctor");
                json.WriteString("kind", "constructor");
                json.WriteBoolean("static", true);
                json.WriteStartArray("overloads");
                foreach (var constructor in constructors)
                {
                    WriteSignature(json, constructor, level, callback: false);
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
            foreach (var key in order)
            {
                var (name, kind, isStatic) = key;
                var members = groups[key];
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("kind", kind);
                json.WriteBoolean("static", isStatic);
                switch (kind)
                {
                    case "method":
                        json.WriteStartArray("overloads");
                        foreach (var method in members.Cast<MethodInfo>())
                        {
                            WriteSignature(json, method, level, callback: false);
                        }
                        json.WriteEndArray();
                        break;
                    case "indexer":
                        json.WriteStartArray("overloads");
                        foreach (var property in members.Cast<PropertyInfo>())
                        {
                            if (property.GetMethod is { IsPublic: true } getter)
                            {
                                WriteSignature(json, getter, level, callback: false, role: "get");
                            }
                            if (property.SetMethod is { IsPublic: true } setter)
                            {
                                WriteSignature(json, setter, level, callback: false, role: "set");
                            }
                        }
                        json.WriteEndArray();
                        break;
                    case "property":
                        var property1 = (PropertyInfo)members[0];
                        json.WriteBoolean("canRead", property1.GetMethod?.IsPublic == true);
                        json.WriteBoolean("canWrite", property1.SetMethod?.IsPublic == true);
                        WriteValue(json, property1.PropertyType, nullability.Create(property1), level, property1);
                        docs.Write(json, property1);
                        break;
                    case "field":
                        var field = (FieldInfo)members[0];
                        json.WriteBoolean("canRead", true);
                        json.WriteBoolean("canWrite", !field.IsInitOnly && !field.IsLiteral);
                        WriteValue(json, field.FieldType, nullability.Create(field), level, field);
                        docs.Write(json, field);
                        break;
                    case "event":
                        var @event = (EventInfo)members[0];
                        if (@event.EventHandlerType is { } handler)
                        {
                            Refer(handler, level);
                            json.WritePropertyName("type");
                            WriteRef(json, handler, null, false, level);
                            if (handler.GetMethod("Invoke") is { } invoke)
                            {
                                json.WritePropertyName("invoke");
                                WriteSignature(json, invoke, level, callback: true);
                            }
                        }
                        docs.Write(json, @event);
                        break;
                }
                json.WriteEndObject();
            }
        }

        /// <summary>A property's or field's type, read (out) and written (in) as the same wire.</summary>
        private void WriteValue(ReplyWriter json, Type type, NullabilityInfo info, int level, MemberInfo member)
        {
            try
            {
                json.WritePropertyName("type");
                WriteRef(json, type, info, true, level);
            }
            catch (NotSupportedException unsupported)
            {
                json.WriteNullValue();
                json.WriteString("unsupported", $"{member.Name}: {unsupported.Message}");
            }
        }

        /// <summary>A method, constructor or delegate's Invoke. For a delegate (a JavaScript
        /// function called by .NET) parameters are what .NET gives and the result what it takes.</summary>
        private void WriteSignature(ReplyWriter json, MethodBase method, int level, bool callback, string? role = null)
        {
            json.WriteStartObject();
            if (role != null)
            {
                json.WriteString("role", role);
            }
            if (method is MethodInfo { IsGenericMethodDefinition: true } generic)
            {
                WriteGenericParameters(json, generic.GetGenericArguments(), level);
            }
            var parameters = Binder.Parameters(method);
            var infos = method.GetParameters();
            string? unsupported = null;
            json.WriteStartArray("parameters");
            for (var index = 0; index < parameters.Length; index++)
            {
                var parameter = parameters[index];
                json.WriteStartObject();
                json.WriteString("name", parameter.Name);
                if (parameter.HasDefault)
                {
                    json.WriteBoolean("optional", true);
                }
                if (parameter.Passing != Binder.Passing.Value)
                {
                    json.WriteString("passing", parameter.Passing.ToString().ToLowerInvariant());
                }
                if (parameter.IsParams)
                {
                    json.WriteBoolean("params", true);
                }
                json.WritePropertyName("type");
                try
                {
                    WriteRef(json, parameter.Type, nullability.Create(infos[index]), callback, level);
                }
                catch (NotSupportedException error)
                {
                    json.WriteNullValue();
                    unsupported ??= $"{parameter.Name}: {error.Message}";
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WritePropertyName("returns");
            try
            {
                var info = method as MethodInfo;
                // A result is classified as one whichever way it goes: a JavaScript function's
                // result is what a delegate returns to .NET.
                WriteRef(json, info?.ReturnType ?? typeof(void), info == null ? null : nullability.Create(info.ReturnParameter), true, level);
            }
            catch (NotSupportedException error)
            {
                json.WriteNullValue();
                unsupported ??= $"result: {error.Message}";
            }
            if (unsupported != null)
            {
                json.WriteString("unsupported", unsupported);
            }
            docs.Write(json, method);
            json.WriteEndObject();
        }

        /// <summary>How a type crosses: its wire kind (<see cref="Kind"/>), C# name and
        /// nullability, and the types it is made of. <paramref name="isReturn"/> is the
        /// direction: from .NET to JavaScript.</summary>
        private void WriteRef(ReplyWriter json, Type type, NullabilityInfo? info, bool isReturn, int level) =>
            // Rendered whole first: a part that cannot cross throws before anything is written.
            json.WriteRawValue(Render(part => WriteRefObject(part, type, info, isReturn, level)));

        private void WriteRefObject(ReplyWriter json, Type type, NullabilityInfo? info, bool isReturn, int level)
        {
            json.WriteStartObject();
            json.WriteString("cs", TypeNames.Display(type));
            // A bare type parameter carries no nullability of its own: its argument decides
            // (Box<string?> or Box<string>).
            var nullable = Nullable.GetUnderlyingType(type) != null
                || (!type.IsValueType && !type.IsGenericParameter && info != null
                    && (isReturn ? info.ReadState : info.WriteState) == NullabilityState.Nullable);
            if (nullable)
            {
                json.WriteBoolean("nullable", true);
            }
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            if (underlying.IsGenericParameter)
            {
                json.WriteString("parameter", underlying.Name);
                json.WriteEndObject();
                return;
            }
            if (underlying.ContainsGenericParameters)
            {
                WriteOpen(json, underlying, info, isReturn, level);
                json.WriteEndObject();
                return;
            }
            var wire = WireType.Classify(underlying, isReturn);
            json.WriteNumber("kind", (int)wire.Kind);
            if (underlying.IsEnum)
            {
                json.WriteString("enum", underlying.FullName);
                Refer(underlying, level);
            }
            switch (wire.Kind)
            {
                case Kind.Array or Kind.Span or Kind.ReadOnlySpan or Kind.Memory or Kind.ReadOnlyMemory when wire.ElementKind != Kind.Void:
                    json.WriteNumber("elementKind", (int)wire.ElementKind);
                    break;
                case Kind.Task:
                    json.WritePropertyName("inner");
                    WriteRef(json, wire.Inner!.Type, Inner(info, 0), isReturn, level);
                    break;
                case Kind.Json when underlying.IsArray:
                    json.WritePropertyName("element");
                    WriteRef(json, underlying.GetElementType()!, info?.ElementType, isReturn, level);
                    json.WriteNumber("rank", underlying.GetArrayRank());
                    break;
                case Kind.Json or Kind.Object or Kind.Delegate:
                    WriteNamed(json, underlying, info, isReturn, level);
                    break;
            }
            if (wire.Kind == Kind.Object)
            {
                WriteCollection(json, underlying, isReturn, level);
            }
            if (wire.Element != null && wire.Kind is not Kind.Json)
            {
                json.WritePropertyName("element");
                WriteRef(json, wire.Element.Type, info?.ElementType ?? Inner(info, 0), isReturn, level);
            }
            json.WriteEndObject();
        }

        private static NullabilityInfo? Inner(NullabilityInfo? info, int index) =>
            info != null && index < info.GenericTypeArguments.Length ? info.GenericTypeArguments[index] : null;

        /// <summary>A named type: its definition's full name and its type arguments.</summary>
        private void WriteNamed(ReplyWriter json, Type type, NullabilityInfo? info, bool isReturn, int level)
        {
            if (type == typeof(object))
            {
                json.WriteBoolean("dynamic", true);
                return;
            }
            Refer(type, level);
            json.WriteString("type", Definition(type).FullName);
            if (type.IsGenericType)
            {
                json.WriteStartArray("arguments");
                var arguments = type.GetGenericArguments();
                for (var index = 0; index < arguments.Length; index++)
                {
                    try
                    {
                        WriteRef(json, arguments[index], Inner(info, index), isReturn, level);
                    }
                    catch (NotSupportedException)
                    {
                        // A type argument that cannot cross alone (a ref struct, a pointer)
                        // still names the type; JavaScript sees it as unknown.
                        json.WriteStartObject();
                        json.WriteString("cs", TypeNames.Display(arguments[index]));
                        json.WriteEndObject();
                    }
                }
                json.WriteEndArray();
            }
        }

        /// <summary>Inside JSON (a record's property) a collection is not a wrapper but a
        /// JSON array, and a dictionary a JSON object (ObjectReferences.CanConvert): the
        /// items' type, for the record's declaration.</summary>
        private void WriteCollection(ReplyWriter json, Type type, bool isReturn, int level)
        {
            // A type that is a collection of itself (a tree node enumerating its children)
            // is described once.
            if (!typeof(System.Collections.IEnumerable).IsAssignableFrom(type) || !collecting.Add(type))
            {
                return;
            }
            try
            {
                WriteItems(json, type, isReturn, level);
            }
            finally
            {
                collecting.Remove(type);
            }
        }

        private readonly HashSet<Type> collecting = [];

        private void WriteItems(ReplyWriter json, Type type, bool isReturn, int level)
        {
            var dictionary = Closed(type, typeof(IDictionary<,>)) ?? Closed(type, typeof(IReadOnlyDictionary<,>));
            var enumerable = Closed(type, typeof(IEnumerable<>));
            json.WriteString("collection", dictionary != null ? "dictionary" : "list");
            var items = dictionary?.GetGenericArguments()[1] ?? enumerable?.GetGenericArguments()[0] ?? typeof(object);
            json.WritePropertyName("items");
            try
            {
                WriteRef(json, items, null, isReturn, level);
            }
            catch (NotSupportedException)
            {
                WriteRef(json, typeof(object), null, isReturn, level);
            }
        }

        /// <summary>A type built from generic parameters (<c>List&lt;T&gt;</c>, <c>T[]</c>,
        /// <c>Task&lt;T&gt;</c>): its wire is decided per closed type at run time, so it is
        /// described by its shape.</summary>
        private void WriteOpen(ReplyWriter json, Type type, NullabilityInfo? info, bool isReturn, int level)
        {
            if (type.IsArray)
            {
                json.WriteNumber("kind", (int)Kind.Json);
                json.WriteBoolean("open", true);
                json.WritePropertyName("element");
                WriteRef(json, type.GetElementType()!, info?.ElementType, isReturn, level);
                json.WriteNumber("rank", type.GetArrayRank());
                return;
            }
            if (type.IsByRef || type.IsPointer)
            {
                throw new NotSupportedException($"{TypeNames.Display(type)}: pointers and ref returns cannot cross");
            }
            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(Task<>) || definition == typeof(ValueTask<>))
            {
                json.WriteNumber("kind", (int)Kind.Task);
                json.WritePropertyName("inner");
                WriteRef(json, type.GetGenericArguments()[0], Inner(info, 0), isReturn, level);
                return;
            }
            if (definition == typeof(Span<>) || definition == typeof(ReadOnlySpan<>) || definition == typeof(Memory<>) || definition == typeof(ReadOnlyMemory<>))
            {
                json.WriteNumber("kind", (int)(definition == typeof(Span<>) ? Kind.Span : definition == typeof(ReadOnlySpan<>) ? Kind.ReadOnlySpan : definition == typeof(Memory<>) ? Kind.Memory : Kind.ReadOnlyMemory));
                json.WritePropertyName("element");
                WriteRef(json, type.GetGenericArguments()[0], Inner(info, 0), isReturn, level);
                return;
            }
            var isDelegate = typeof(Delegate).IsAssignableFrom(type);
            var kind = isDelegate && !isReturn ? Kind.Delegate : Shapes.IsRecord(definition) ? Kind.Json : Kind.Object;
            json.WriteNumber("kind", (int)kind);
            WriteNamed(json, type, info, isReturn, level);
            if (kind == Kind.Object)
            {
                WriteCollection(json, type, isReturn, level);
            }
            if (WireType.ElementOf(type) is { } element)
            {
                json.WritePropertyName("element");
                WriteRef(json, element, Inner(info, 0), isReturn, level);
            }
        }
    }

    /// <summary>The type itself or the interface it implements that closes <paramref name="definition"/>
    /// (<c>IEnumerable&lt;string&gt;</c> of a <c>List&lt;string&gt;</c>), or null.</summary>
    private static Type? Closed(Type type, Type definition) =>
        type.GetInterfaces().Append(type).FirstOrDefault(contract => contract.IsGenericType && contract.GetGenericTypeDefinition() == definition);

    private static string Render(Action<ReplyWriter> write)
    {
        var json = new ReplyWriter();
        write(json);
        return json.ToString();
    }

    /// <summary><c>Inner</c> of <c>Outer+Inner`1</c>.</summary>
    private static string SimpleName(Type type)
    {
        var tick = type.Name.IndexOf('`');
        return tick < 0 ? type.Name : type.Name[..tick];
    }
}
