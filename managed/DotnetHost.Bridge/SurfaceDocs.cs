using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml.Linq;

namespace DotnetHost.Bridge;

/// <summary>XML documentation for the declaration generator: the file next to an assembly
/// (<c>MyLib.xml</c>, written when a project sets <c>GenerateDocumentationFile</c>), and for
/// the framework the reference pack's files where the .NET SDK is installed. Members are
/// found by their documentation ID (C# spec, "Documentation comments", ID string format).</summary>
/// <param name="framework">Whether to read the reference pack's files too (off for output
/// that must not depend on the SDK installed, such as a test's snapshot).</param>
internal sealed class Docs(bool framework)
{
    private readonly Dictionary<string, Dictionary<string, XElement>?> files = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Writes <c>"doc": {...}</c> when the member has documentation.</summary>
    public void Write(ReplyWriter json, MemberInfo member)
    {
        string id;
        try
        {
            id = Id(member);
        }
        catch (NotSupportedException)
        {
            return;
        }
        var element = Find(member, id);
        if (element == null)
        {
            return;
        }
        json.WriteStartObject("doc");
        WriteText(json, "summary", element.Element("summary"));
        WriteText(json, "remarks", element.Element("remarks"));
        WriteText(json, "returns", element.Element("returns") ?? element.Element("value"));
        WriteNamed(json, "params", element.Elements("param"));
        WriteNamed(json, "typeParams", element.Elements("typeparam"));
        var exceptions = element.Elements("exception").ToList();
        if (exceptions.Count > 0)
        {
            json.WriteStartArray("exceptions");
            foreach (var exception in exceptions)
            {
                json.WriteStartObject();
                json.WriteString("type", CrefName((string?)exception.Attribute("cref") ?? ""));
                json.WriteString("text", Text(exception));
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteText(ReplyWriter json, string name, XElement? element)
    {
        if (element != null && Text(element) is { Length: > 0 } text)
        {
            json.WriteString(name, text);
        }
    }

    private static void WriteNamed(ReplyWriter json, string name, IEnumerable<XElement> elements)
    {
        var list = elements.Where(element => element.Attribute("name") != null).ToList();
        if (list.Count == 0)
        {
            return;
        }
        json.WriteStartObject(name);
        foreach (var element in list)
        {
            json.WriteString((string)element.Attribute("name")!, Text(element));
        }
        json.WriteEndObject();
    }

    private XElement? Find(MemberInfo member, string id)
    {
        var type = member as Type ?? member.DeclaringType;
        if (type == null)
        {
            return null;
        }
        foreach (var path in Candidates(type))
        {
            if (Load(path) is { } members && members.TryGetValue(id, out var element))
            {
                return element;
            }
        }
        return null;
    }

    /// <summary>The XML files that may document a type: next to its assembly, then the
    /// reference pack's file of its assembly, of System.Runtime, and of its namespace and
    /// the namespace's parents (System.Text.RegularExpressions.xml).</summary>
    private IEnumerable<string> Candidates(Type type)
    {
        var assembly = type.Assembly;
        if (!string.IsNullOrEmpty(assembly.Location))
        {
            yield return Path.ChangeExtension(assembly.Location, ".xml");
        }
        if (!framework || ReferencePack is not { } pack)
        {
            yield break;
        }
        yield return Path.Combine(pack, assembly.GetName().Name + ".xml");
        yield return Path.Combine(pack, "System.Runtime.xml");
        var space = type.Namespace ?? "";
        while (space.Length > 0)
        {
            yield return Path.Combine(pack, space + ".xml");
            var dot = space.LastIndexOf('.');
            space = dot < 0 ? "" : space[..dot];
        }
    }

    /// <summary><c>packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/net&lt;X.Y&gt;</c> of the
    /// running .NET's major.minor, the newest patch; null without an SDK.</summary>
    private static readonly string? ReferencePack = FindReferencePack();

    private static string? FindReferencePack()
    {
        try
        {
            var runtime = RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(runtime)));
            var version = Environment.Version;
            var packs = root == null ? null : Path.Combine(root, "packs", "Microsoft.NETCore.App.Ref");
            if (packs == null || !Directory.Exists(packs))
            {
                return null;
            }
            var prefix = $"{version.Major}.{version.Minor}.";
            var best = Directory.GetDirectories(packs)
                .Select(Path.GetFileName)
                .Where(name => name != null && name.StartsWith(prefix, StringComparison.Ordinal))
                .OrderByDescending(name => Version.TryParse(name!.Split('-')[0], out var parsed) ? parsed : new Version())
                .FirstOrDefault();
            var folder = best == null ? null : Path.Combine(packs, best, "ref", $"net{version.Major}.{version.Minor}");
            return folder != null && Directory.Exists(folder) ? folder : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    private Dictionary<string, XElement>? Load(string path)
    {
        if (files.TryGetValue(path, out var loaded))
        {
            return loaded;
        }
        Dictionary<string, XElement>? members = null;
        try
        {
            if (File.Exists(path))
            {
                // No DTDs or external entities: the file is input like any other.
                using var reader = System.Xml.XmlReader.Create(path, new System.Xml.XmlReaderSettings { DtdProcessing = System.Xml.DtdProcessing.Prohibit, XmlResolver = null });
                var document = XDocument.Load(reader);
                members = new(StringComparer.Ordinal);
                foreach (var member in document.Descendants("member"))
                {
                    if ((string?)member.Attribute("name") is { } name)
                    {
                        members.TryAdd(name, member);
                    }
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            members = null;
        }
        files[path] = members;
        return members;
    }

    /// <summary>An element's text for JSDoc: references by their short name, code in
    /// backticks, paragraphs and list items on lines of their own.</summary>
    private static string Text(XElement element)
    {
        var text = new StringBuilder();
        Append(text, element);
        var lines = text.ToString().Split('\n').Select(line => string.Join(' ', line.Split((char[])[' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries)));
        return string.Join('\n', lines).Trim().Replace("\n\n\n", "\n\n", StringComparison.Ordinal).Replace("*/", "*\u200B/", StringComparison.Ordinal);
    }

    private static void Append(StringBuilder text, XNode node)
    {
        switch (node)
        {
            case XText plain:
                text.Append(plain.Value.Replace('\n', ' '));
                break;
            case XElement element:
                switch (element.Name.LocalName)
                {
                    case "see" or "seealso":
                        var word = (string?)element.Attribute("langword") ?? (string?)element.Attribute("href");
                        text.Append(element.IsEmpty || element.Value.Length == 0
                            ? word ?? CrefName((string?)element.Attribute("cref") ?? "")
                            : element.Value);
                        return;
                    case "paramref" or "typeparamref":
                        text.Append((string?)element.Attribute("name"));
                        return;
                    case "c":
                        text.Append('`').Append(element.Value).Append('`');
                        return;
                    case "code":
                        text.Append("\n```\n").Append(element.Value.Trim('\n', '\r')).Append("\n```\n");
                        return;
                    case "para" or "list":
                        text.Append("\n\n");
                        break;
                    case "item":
                        text.Append("\n- ");
                        break;
                }
                foreach (var child in element.Nodes())
                {
                    Append(text, child);
                }
                if (element.Name.LocalName is "para")
                {
                    text.Append("\n\n");
                }
                break;
        }
    }

    /// <summary><c>T:System.Collections.Generic.List`1</c> → <c>List</c>;
    /// <c>M:System.String.Join(System.String,System.String[])</c> → <c>String.Join</c>.</summary>
    private static string CrefName(string cref)
    {
        var name = cref.Length > 2 && cref[1] == ':' ? cref[2..] : cref;
        var paren = name.IndexOf('(');
        if (paren >= 0)
        {
            name = name[..paren];
        }
        var parts = name.Split('.');
        var shown = cref.StartsWith("T:", StringComparison.Ordinal) || parts.Length < 2 ? parts[^1] : $"{parts[^2]}.{parts[^1]}";
        var tick = shown.IndexOf('`');
        return (tick < 0 ? shown : shown[..tick]).Replace("#ctor", "constructor", StringComparison.Ordinal);
    }

    /// <summary>A member's documentation ID.</summary>
    public static string Id(MemberInfo member) => member switch
    {
        Type type => "T:" + TypeId(type),
        ConstructorInfo constructor => $"M:{TypeId(constructor.DeclaringType!)}.{(constructor.IsStatic ? "#cctor" : "#ctor")}{ParameterList(constructor)}",
        MethodInfo method => $"M:{TypeId(method.DeclaringType!)}.{method.Name.Replace('.', '#')}"
            + (method.IsGenericMethodDefinition ? $"``{method.GetGenericArguments().Length}" : "")
            + ParameterList(method)
            + (method.Name is "op_Implicit" or "op_Explicit" ? "~" + Encode(method.ReturnType) : ""),
        PropertyInfo property => $"P:{TypeId(property.DeclaringType!)}.{property.Name.Replace('.', '#')}{ParameterList(property.GetIndexParameters())}",
        FieldInfo field => $"F:{TypeId(field.DeclaringType!)}.{field.Name}",
        EventInfo @event => $"E:{TypeId(@event.DeclaringType!)}.{@event.Name}",
        _ => throw new NotSupportedException(member.GetType().Name),
    };

    private static string TypeId(Type type) => (type.FullName ?? throw new NotSupportedException(type.Name)).Replace('+', '.');

    private static string ParameterList(MethodBase method) => ParameterList(method.GetParameters());

    private static string ParameterList(ParameterInfo[] parameters) =>
        parameters.Length == 0 ? "" : "(" + string.Join(",", parameters.Select(parameter => Encode(parameter.ParameterType))) + ")";

    private static string Encode(Type type)
    {
        if (type.IsByRef)
        {
            return Encode(type.GetElementType()!) + "@";
        }
        if (type.IsPointer)
        {
            return Encode(type.GetElementType()!) + "*";
        }
        if (type.IsArray)
        {
            var rank = type.GetArrayRank();
            return Encode(type.GetElementType()!) + (rank == 1 ? "[]" : "[" + string.Join(",", Enumerable.Repeat("0:", rank)) + "]");
        }
        if (type.IsGenericParameter)
        {
            return (type.DeclaringMethod != null ? "``" : "`") + type.GenericParameterPosition;
        }
        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            var name = TypeId(definition);
            var tick = name.LastIndexOf('`');
            return (tick < 0 ? name : name[..tick]) + "{" + string.Join(",", type.GetGenericArguments().Select(Encode)) + "}";
        }
        return TypeId(type);
    }
}
