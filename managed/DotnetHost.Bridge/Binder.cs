using System.Reflection;
using System.Runtime.CompilerServices;

namespace DotnetHost.Bridge;

/// <summary>Finds members by name, classifies every overload's signature and compiles the
/// supported ones. The result, as JSON, lets the JavaScript side choose an overload per
/// call and convert values without asking .NET again.</summary>
internal static class Binder
{
    private static readonly object Gate = new();
    private static volatile Invoker[] invokers = [];

    /// <summary>Per invoker, for an argument that could not be read: its parameter (by slot)
    /// and the signature.</summary>
    private static readonly List<(string Signature, (string Name, string Type)[] Slots)> Described = [];

    public static (string Name, string Type, string Signature)? DescribeSlot(int id, int slot)
    {
        lock (Gate)
        {
            if (id < 0 || id >= Described.Count || slot < 0 || slot >= Described[id].Slots.Length)
            {
                return null;
            }
            var (signature, slots) = Described[id];
            return (slots[slot].Name, slots[slot].Type, signature);
        }
    }

    /// <summary>Compiled members never go away (a DynamicMethod lives as long as its
    /// delegate is referenced), so each is compiled once however often it is bound. One table
    /// per action: a tuple key's Dictionary would be compiled at the first bind, outside the
    /// ReadyToRun image.</summary>
    private static readonly Dictionary<MemberInfo, int>?[] Compiled = new Dictionary<MemberInfo, int>?[(int)TargetAction.DefaultValue + 1];

    public static Invoker[] Invokers => invokers;

    private static int Register(Invoker invoker)
    {
        lock (Gate)
        {
            var next = new Invoker[invokers.Length + 1];
            invokers.CopyTo(next, 0);
            next[^1] = invoker;
            invokers = next;
            return next.Length - 1;
        }
    }

    private const BindingFlags PublicStatic = BindingFlags.Public | BindingFlags.Static;

    /// <summary><c>assembly.bind("Namespace.Type.Method")</c>: the public static methods of
    /// that name (<c>Method&lt;int&gt;</c> closes a generic method).</summary>
    public static string Bind(int assemblyId, string typeName, string methodName, string[]? parameterTypes)
    {
        var assembly = Loader.Get(assemblyId);
        return Json.Object(json =>
        {
            Type? type;
            try
            {
                type = assembly.GetType(typeName, throwOnError: false) ?? TypeNames.Resolve(typeName, assembly);
            }
            catch (TypeNameException)
            {
                type = null;
            }
            if (type == null || !type.IsVisible)
            {
                Error(json, "TypeNotFound", type == null
                    ? $"{assembly.GetName().Name} has no type {typeName}"
                    : $"{typeName} is not public",
                    SimilarTypes(typeName));
                return;
            }
            try
            {
                var (name, typeArguments) = SplitGeneric(methodName, assembly);
                var named = Visible(type.GetMethods(PublicStatic | BindingFlags.FlattenHierarchy), method => method.Name == name);
                if (named.Count == 0)
                {
                    // Instance methods bind too: the bound function takes the object as `this`.
                    // Naming an accessor (get_Count) binds it, as it is what C# compiles to.
                    named = Visible(type.GetMethods(BindingFlags.Public | BindingFlags.Instance),
                        method => method.Name == name && (!method.IsSpecialName || name.Contains('_')));
                }
                if (named.Count == 0)
                {
                    Error(json, "MethodNotFound", $"{typeName} has no public method {name}", StaticMethodNames(type));
                    return;
                }
                json.WriteNumber("ownerId", Types.Id(type));
                json.WriteBoolean("static", named[0].IsStatic);
                WriteCandidates(json, $"{typeName}.{name}", Methods(named, typeArguments), parameterTypes);
            }
            catch (TypeNameException error)
            {
                Error(json, error.Code, error.Message, error.Candidates);
            }
        });
    }

    /// <summary>The names a <c>MethodNotFound</c> offers. Apart, so that the bind path's own
    /// methods reference no LINQ: a ReadyToRun method loads the assemblies it references when
    /// it first runs, and System.Linq otherwise stays out of a process that only binds and
    /// calls (bench/PROFILE.md).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static IEnumerable<string> StaticMethodNames(Type type) =>
        type.GetMethods(PublicStatic).Select(method => method.Name).Distinct().Order();

    /// <summary>A member of a type JavaScript holds: the overloads of a method or
    /// constructor, or the accessors of a property, indexer, field or event, each candidate
    /// marked with its <c>role</c> (call, get, set, add, remove).</summary>
    public static string BindMember(int typeId, string kind, string name, bool isStatic, string? typeArgumentsJson, string[]? parameterTypes)
    {
        var type = Types.Get(typeId);
        return Json.Object(json =>
        {
            try
            {
                var typeArguments = typeArgumentsJson == null ? null : TypeNames.Arguments(typeArgumentsJson, type.Assembly);
                var flags = BindingFlags.Public | (isStatic ? BindingFlags.Static | BindingFlags.FlattenHierarchy : BindingFlags.Instance);
                var display = $"{TypeNames.Display(type)}.{name}";
                IEnumerable<Overload>? overloads = kind switch
                {
                    "method" => Methods(Visible(type.GetMethods(flags), method => method.Name == name && (!method.IsSpecialName || Types.IsOperator(method))), typeArguments),
                    "constructor" => Constructors(type),
                    "property" => Accessors(MostDerived(type.GetProperties(flags).Where(property => property.Name == name && property.GetIndexParameters().Length == 0))),
                    "indexer" => Indexers(type, flags).SelectMany(Accessors),
                    "field" => Field(type.GetField(name, flags)),
                    "event" => Event(type.GetEvent(name, flags)),
                    "conversion" => ConversionOperators(type, name),
                    _ => throw new TypeNameException("InvalidMember", $"unknown member kind {kind}", []),
                };
                var list = overloads.ToList();
                if (list.Count == 0)
                {
                    var what = kind == "constructor" ? $"{TypeNames.Display(type)} has no public constructor" : $"{TypeNames.Display(type)} has no public {(isStatic ? "static" : "instance")} {kind} {name}";
                    Error(json, kind == "constructor" ? "NoConstructor" : "MemberNotFound", what,
                        type.GetMembers(flags).Select(member => member.Name).Where(member => !member.StartsWith("get_", StringComparison.Ordinal) && !member.StartsWith("set_", StringComparison.Ordinal)).Distinct().Order());
                    return;
                }
                WriteCandidates(json, display, list, parameterTypes);
            }
            catch (TypeNameException error)
            {
                Error(json, error.Code, error.Message, error.Candidates);
            }
        });
    }

    /// <summary>One callable form of a member: what to compile, its parameters and result.</summary>
    private sealed record Overload(Target Target, string Role, Param[] Parameters, Type Returns, string Signature)
    {
        public string? Unsupported { get; init; }

        /// <summary>A generic method closed over type arguments: C# prefers a non-generic
        /// overload with the same parameter types.</summary>
        public bool Generic { get; init; }

        /// <summary>A generic method definition: JavaScript asks for it closed over the type
        /// arguments its arguments imply (<see cref="Infer"/>).</summary>
        public bool Open { get; init; }
    }

    /// <summary>How a parameter is passed: by value, or by reference (<c>ref</c>, <c>out</c>,
    /// <c>in</c>/<c>ref readonly</c>).</summary>
    internal enum Passing
    {
        Value,
        Ref,
        Out,
        In,
    }

    /// <summary>Each slot's name and type, for errors naming a slot: the receiver first. A loop,
    /// where LINQ to tuples would be compiled at the first bind, outside the ReadyToRun image.</summary>
    private static (string Name, string Type)[] Slots(Target target, Param[] parameters)
    {
        var first = target.This is null ? 0 : 1;
        var slots = new (string Name, string Type)[parameters.Length + first];
        if (target.This is { } receiver)
        {
            slots[0] = ("this", TypeNames.Display(receiver));
        }
        for (var index = 0; index < parameters.Length; index++)
        {
            slots[index + first] = (parameters[index].Name, TypeNames.Display(parameters[index].Type));
        }
        return slots;
    }

    /// <summary>A parameter: <see cref="Type"/> is the element type of a by-reference one.</summary>
    internal sealed record Param(string Name, Type Type, bool HasDefault, object? Default)
    {
        public Passing Passing { get; init; }

        /// <summary>The last parameter is <c>params</c>: C# also passes its elements one by one.</summary>
        public bool IsParams { get; init; }
    }

    internal static Param[] Parameters(MethodBase method)
    {
        var parameters = method.GetParameters();
        var result = new Param[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            result[i] = new Param(
                parameter.Name ?? $"arg{parameter.Position}",
                parameter.ParameterType.IsByRef ? parameter.ParameterType.GetElementType()! : parameter.ParameterType,
                parameter.HasDefaultValue,
                parameter.HasDefaultValue ? DefaultValue(parameter) : null)
            {
                Passing = PassingOf(parameter),
                IsParams = parameter.IsDefined(typeof(ParamArrayAttribute), false)
                    || HasAttribute(parameter, "System.Runtime.CompilerServices.ParamCollectionAttribute"),
            };
        }
        return result;
    }

    /// <summary>Whether <paramref name="parameter"/> carries an attribute of one of these
    /// names (compiler attributes that older frameworks do not define as types).</summary>
    private static bool HasAttribute(ParameterInfo parameter, string name, string? other = null)
    {
        foreach (var attribute in parameter.GetCustomAttributes(false))
        {
            var fullName = attribute.GetType().FullName;
            if (fullName == name || (other != null && fullName == other))
            {
                return true;
            }
        }
        return false;
    }

    private static Passing PassingOf(ParameterInfo parameter)
    {
        if (!parameter.ParameterType.IsByRef)
        {
            return Passing.Value;
        }
        if (parameter.IsOut && !parameter.IsIn)
        {
            return Passing.Out;
        }
        // `in` and `ref readonly` are read by the callee only: a plain argument.
        return parameter.IsIn || HasAttribute(parameter, "System.Runtime.CompilerServices.RequiresLocationAttribute", "System.Runtime.CompilerServices.IsReadOnlyAttribute")
            ? Passing.In
            : Passing.Ref;
    }

    /// <summary>The methods <paramref name="keep"/> selects that a C# caller can see: a method
    /// hidden by one of the same signature in a more derived type (<c>new</c>, or an override)
    /// is left out. Loops rather than LINQ's GroupBy and OrderBy, whose generic types took
    /// about 4 ms to load in the first bind of a process (bench/PROFILE.md).</summary>
    private static List<MethodInfo> Visible(MethodInfo[] methods, Func<MethodInfo, bool> keep)
    {
        var kept = new List<MethodInfo>();
        foreach (var method in methods)
        {
            if (keep(method))
            {
                kept.Add(method);
            }
        }
        if (kept.Count < 2)
        {
            return kept;
        }
        // One per signature, in the order of first appearance; of the same depth, the first.
        var keys = new List<string>(kept.Count);
        var visible = new List<MethodInfo>(kept.Count);
        foreach (var method in kept)
        {
            var key = SignatureKey(method);
            var index = keys.IndexOf(key);
            if (index < 0)
            {
                keys.Add(key);
                visible.Add(method);
            }
            else if (Depth(method.DeclaringType) > Depth(visible[index].DeclaringType))
            {
                visible[index] = method;
            }
        }
        return visible;
    }

    private static string SignatureKey(MethodInfo method)
    {
        var parameters = method.GetParameters();
        var types = new string[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            types[i] = parameters[i].ParameterType.ToString();
        }
        return $"{(method.IsStatic ? "static " : "")}{method.GetGenericArguments().Length}({string.Join(",", types)})";
    }

    /// <summary>The member declared by the most derived type.</summary>
    private static T? MostDerived<T>(IEnumerable<T> members) where T : MemberInfo =>
        members.OrderByDescending(member => Depth(member.DeclaringType)).FirstOrDefault();

    private static int Depth(Type? type)
    {
        var depth = 0;
        for (; type != null; type = type.BaseType)
        {
            depth++;
        }
        return depth;
    }

    /// <summary>The public indexers, one per index signature (the most derived), declared by
    /// the type or its base types. Interfaces' indexers that a class implements explicitly
    /// are not its members, as in C#.</summary>
    private static IEnumerable<PropertyInfo> Indexers(Type type, BindingFlags flags)
    {
        var all = type.GetProperties(flags).AsEnumerable();
        if (type.IsInterface)
        {
            all = all.Concat(type.GetInterfaces().SelectMany(contract => contract.GetProperties(flags)));
        }
        return all.Where(property => property.GetIndexParameters().Length > 0)
            .GroupBy(property => string.Join(",", property.GetIndexParameters().Select(parameter => parameter.ParameterType.ToString())))
            .Select(group => MostDerived(group)!);
    }

    /// <summary>The user-defined conversions (<c>op_Implicit</c>, <c>op_Explicit</c>) to
    /// <paramref name="target"/>, declared by it or by the source type (id
    /// <paramref name="sourceId"/>, 0 for a JavaScript value) and its base types: what a
    /// C# cast <c>(T)value</c> may call.</summary>
    private static IEnumerable<Overload> ConversionOperators(Type target, string sourceId)
    {
        var owners = new List<Type> { target };
        if (int.TryParse(sourceId, out var id) && id > 0)
        {
            for (var type = Types.Get(id); type != null; type = type.BaseType)
            {
                owners.Add(type);
            }
        }
        return owners.Distinct()
            .SelectMany(owner => owner.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(method => method.Name is "op_Implicit" or "op_Explicit" && method.ReturnType == target && method.GetParameters().Length == 1)
            .Select(method => new Overload(new Target(method, TargetAction.Call), "call", Parameters(method), method.ReturnType, Signature(method)));
    }

    private static IEnumerable<Overload> Constructors(Type type)
    {
        if (type.IsAbstract || type.IsInterface)
        {
            yield break;
        }
        var constructors = type.GetConstructors();
        foreach (var constructor in constructors)
        {
            yield return new Overload(new Target(constructor, TargetAction.Construct), "call", Parameters(constructor), type,
                $"new {TypeNames.Display(type)}({ParameterList(constructor.GetParameters())})");
        }
        if (type.IsValueType && !constructors.Any(constructor => constructor.GetParameters().Length == 0))
        {
            // `new S()` of a struct is its default value.
            yield return new Overload(new Target(type, TargetAction.DefaultValue), "call", [], type, $"new {TypeNames.Display(type)}()");
        }
    }

    private static IEnumerable<Overload> Methods(List<MethodInfo> methods, Type[]? typeArguments)
    {
        foreach (var method in methods)
        {
            if (typeArguments != null)
            {
                if (!method.IsGenericMethodDefinition || method.GetGenericArguments().Length != typeArguments.Length)
                {
                    continue;
                }
                var (closed, violation) = Close(method, typeArguments);
                yield return closed == null
                    ? new Overload(new Target(method, TargetAction.Call), "call", [], typeof(void), Signature(method)) { Unsupported = violation }
                    : new Overload(new Target(closed, TargetAction.Call), "call", Parameters(closed), closed.ReturnType, Signature(closed)) { Generic = true };
            }
            else if (method.IsGenericMethodDefinition)
            {
                yield return new Overload(new Target(method, TargetAction.Call), "call", [], typeof(void), Signature(method))
                {
                    Unsupported = $"generic method: name its type arguments (bind(\"{method.DeclaringType?.FullName}.{method.Name}<int>\") or .of(\"int\")), or pass arguments they can be inferred from",
                    Open = true,
                };
            }
            else
            {
                yield return new Overload(new Target(method, TargetAction.Call), "call", Parameters(method), method.ReturnType, Signature(method));
            }
        }
        if (typeArguments != null)
        {
            CheckTypeArgumentCount(methods, typeArguments.Length);
        }
    }

    /// <summary>Throws when no method takes <paramref name="count"/> type arguments.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void CheckTypeArgumentCount(List<MethodInfo> methods, int count)
    {
        if (!methods.Any(method => method.IsGenericMethodDefinition && method.GetGenericArguments().Length == count))
        {
            var name = methods.FirstOrDefault()?.Name ?? "";
            throw new TypeNameException(methods.Any(method => method.IsGenericMethodDefinition) ? "WrongTypeArgumentCount" : "NotGeneric",
                $"{name} has no generic overload with {count} type argument(s)", methods.Select(Signature));
        }
    }

    private static (MethodInfo? Closed, string? Violation) Close(MethodInfo method, Type[] typeArguments)
    {
        try
        {
            return (method.MakeGenericMethod(typeArguments), null);
        }
        catch (ArgumentException violated)
        {
            return (null, violated.Message);
        }
    }

    private static IEnumerable<Overload> Accessors(PropertyInfo? property)
    {
        if (property == null)
        {
            yield break;
        }
        var index = property.GetIndexParameters();
        var indexList = index.Length == 0 ? "" : $"[{ParameterList(index)}]";
        var head = $"{TypeNames.Display(property.PropertyType)} {(index.Length == 0 ? property.Name : "this")}{indexList}";
        if (property.GetMethod is { IsPublic: true } getter)
        {
            yield return new Overload(new Target(getter, TargetAction.Call), "get", Parameters(getter), getter.ReturnType, $"{head} {{ get; }}");
        }
        if (property.SetMethod is { IsPublic: true } setter)
        {
            yield return new Overload(new Target(setter, TargetAction.Call), "set", Parameters(setter), typeof(void), $"{head} {{ set; }}");
        }
    }

    private static IEnumerable<Overload> Field(FieldInfo? field)
    {
        if (field == null)
        {
            yield break;
        }
        var head = $"{(field.IsLiteral ? "const " : field.IsInitOnly ? "readonly " : "")}{TypeNames.Display(field.FieldType)} {field.Name}";
        yield return new Overload(new Target(field, TargetAction.GetField), "get", [], field.FieldType, head);
        if (!field.IsLiteral && !field.IsInitOnly)
        {
            yield return new Overload(new Target(field, TargetAction.SetField), "set",
                [new Param("value", field.FieldType, false, null)], typeof(void), head);
        }
    }

    private static IEnumerable<Overload> Event(EventInfo? @event)
    {
        if (@event?.AddMethod is not { } add || @event.RemoveMethod is not { } remove)
        {
            yield break;
        }
        var head = $"event {TypeNames.Display(@event.EventHandlerType!)} {@event.Name}";
        yield return new Overload(new Target(add, TargetAction.Call), "add", Parameters(add), typeof(void), head);
        yield return new Overload(new Target(remove, TargetAction.Call), "remove", Parameters(remove), typeof(void), head);
    }

    private static (string Name, Type[]? TypeArguments) SplitGeneric(string methodName, Assembly assembly)
    {
        var open = methodName.IndexOf('<');
        if (open <= 0 || !methodName.EndsWith('>'))
        {
            return (methodName, null);
        }
        var arguments = TypeNames.SplitArguments(methodName[(open + 1)..^1]);
        var types = new Type[arguments.Count];
        for (var i = 0; i < types.Length; i++)
        {
            types[i] = TypeNames.Resolve(arguments[i], assembly);
        }
        return (methodName[..open], types);
    }

    private static void WriteCandidates(ReplyWriter json, string display, IEnumerable<Overload> overloads, string[]? parameterTypes)
    {
        var all = new List<Overload>(overloads);
        var matching = parameterTypes == null ? all : Matching(all, parameterTypes);
        if (matching.Count == 0)
        {
            Error(json, "NoMatchingOverload", $"no overload of {display} takes ({string.Join(", ", parameterTypes!)})",
                Signatures(all));
            return;
        }
        json.WriteStartArray("candidates");
        foreach (var overload in matching)
        {
            Candidate(json, overload);
        }
        json.WriteEndArray();
    }

    private static List<Overload> Matching(List<Overload> all, string[] parameterTypes) =>
        all.FindAll(overload => Matches(overload, parameterTypes));

    private static IEnumerable<string> Signatures(List<Overload> overloads) =>
        overloads.ConvertAll(overload => overload.Signature);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool Matches(Overload overload, string[] parameterTypes) =>
        overload.Parameters.Length == parameterTypes.Length
        && overload.Parameters.Zip(parameterTypes).All(pair => TypeNames.Matches(
            pair.First.Passing == Passing.Value ? pair.First.Type : pair.First.Type.MakeByRefType(), pair.Second));

    private static IEnumerable<string> SimilarTypes(string typeName) =>
        TypeNames.Similar(typeName[(typeName.LastIndexOfAny(['.', '+']) + 1)..]);

    private static string ParameterList(ParameterInfo[] parameters)
    {
        var shown = new string[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            shown[i] = $"{TypeNames.Display(parameters[i].ParameterType)} {parameters[i].Name}";
        }
        return string.Join(", ", shown);
    }

    public static string Signature(MethodInfo method)
    {
        var generic = method.IsGenericMethod ? $"<{string.Join(", ", Array.ConvertAll(method.GetGenericArguments(), TypeNames.Display))}>" : "";
        return $"{TypeNames.Display(method.ReturnType)} {method.Name}{generic}({ParameterList(method.GetParameters())})";
    }

    public static void Error(ReplyWriter json, string code, string message, IEnumerable<string> candidates)
    {
        json.WriteString("error", code);
        json.WriteString("message", message);
        json.WriteStartArray("candidates");
        foreach (var candidate in candidates)
        {
            json.WriteStringValue(candidate);
        }
        json.WriteEndArray();
    }

    private static void Candidate(ReplyWriter json, Overload overload)
    {
        json.WriteStartObject();
        json.WriteString("signature", overload.Signature);
        json.WriteString("role", overload.Role);
        try
        {
            if (overload.Unsupported != null)
            {
                throw new NotSupportedException(overload.Unsupported);
            }
            var target = overload.Target;
            var wires = Array.ConvertAll(overload.Parameters, parameter => WireType.Classify(parameter.Type, false));
            var result = WireType.Classify(overload.Returns, true);
            foreach (var parameter in overload.Parameters)
            {
                if (parameter.Passing is Passing.Ref or Passing.Out)
                {
                    // A by-reference value comes back to JavaScript as a result does.
                    WireType.Classify(parameter.Type, true);
                }
            }
            int id;
            lock (Gate)
            {
                var compiled = Compiled[(int)target.Action] ??= [];
                if (!compiled.TryGetValue(target.Member, out id))
                {
                    id = Register(Compiler.Compile(target, overload.Parameters, wires, result));
                    compiled[target.Member] = id;
                    Described.Add((overload.Signature, Slots(target, overload.Parameters)));
                }
            }
            json.WriteNumber("id", id);
            if (target.This is { } self)
            {
                json.WriteBoolean("instance", true);
                json.WriteNumber("thisTypeId", Types.Id(self));
                if (Compiler.NaturalReceiver(target) is { } receiver)
                {
                    json.WritePropertyName("thisWire");
                    WireJson.Write(json, receiver);
                }
            }
            if (overload.Generic)
            {
                json.WriteBoolean("generic", true);
            }
            json.WritePropertyName("returns");
            WireJson.Write(json, result);
            json.WriteStartArray("parameters");
            for (var i = 0; i < wires.Length; i++)
            {
                var parameter = overload.Parameters[i];
                json.WriteStartObject();
                json.WriteString("name", parameter.Name);
                json.WriteString("type", TypeNames.Display(parameter.Type));
                WireJson.WriteFields(json, wires[i]);
                if (parameter.HasDefault)
                {
                    json.WriteBoolean("optional", true);
                }
                if (parameter.Passing != Passing.Value)
                {
                    json.WriteString("passing", parameter.Passing.ToString().ToLowerInvariant());
                }
                if (parameter.IsParams && i == wires.Length - 1)
                {
                    json.WriteBoolean("params", true);
                }
                if (Compiler.WritesBackAsJson(parameter, wires[i]) && result.Kind != Kind.Task)
                {
                    json.WriteBoolean("writeBack", true);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        catch (NotSupportedException unsupported)
        {
            json.WriteString("unsupported", unsupported.Message);
            if (overload.Open)
            {
                json.WriteBoolean("open", true);
            }
        }
        json.WriteEndObject();
    }

    /// <summary>The generic methods called <paramref name="name"/> closed over the type
    /// arguments these JavaScript arguments imply, as C# infers them
    /// (<see cref="TypeInference"/>); those it cannot infer are left out.</summary>
    public static string Infer(int typeId, string name, bool isStatic, string argumentsJson)
    {
        var type = Types.Get(typeId);
        return Json.Object(json =>
        {
            var arguments = TypeInference.Arguments(argumentsJson);
            var flags = BindingFlags.Public | (isStatic ? BindingFlags.Static | BindingFlags.FlattenHierarchy : BindingFlags.Instance);
            var definitions = Visible(type.GetMethods(flags), method => method.Name == name && method.IsGenericMethodDefinition);
            var closed = new List<Overload>();
            foreach (var definition in definitions)
            {
                if (TypeInference.Infer(definition, arguments) is { } typeArguments && Close(definition, typeArguments) is ({ } method, null))
                {
                    closed.Add(new Overload(new Target(method, TargetAction.Call), "call", Parameters(method), method.ReturnType, Signature(method)) { Generic = true });
                }
            }
            json.WriteStartArray("candidates");
            foreach (var overload in closed)
            {
                Candidate(json, overload);
            }
            json.WriteEndArray();
        });
    }

    /// <summary>The value C# passes for a left-out optional parameter: its default, or the
    /// default of its type for <c>= default</c> of a struct.</summary>
    private static object? DefaultValue(ParameterInfo parameter)
    {
        var type = parameter.ParameterType.IsByRef ? parameter.ParameterType.GetElementType()! : parameter.ParameterType;
        var value = parameter.DefaultValue;
        if (value is DBNull || value == System.Reflection.Missing.Value)
        {
            value = null;
        }
        if (value == null && type.IsValueType && Nullable.GetUnderlyingType(type) == null)
        {
            // A ref struct (a span) cannot be boxed: its default is made in the invoker.
            return type.IsByRefLike ? null : Activator.CreateInstance(type);
        }
        if (value != null && type.IsEnum)
        {
            return Enum.ToObject(type, value);
        }
        return value;
    }
}
