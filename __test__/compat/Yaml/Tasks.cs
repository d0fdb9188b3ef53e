using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using Version = System.Version;

namespace Compat;

internal static class Yaml
{
    private const string Config = """
        server:
          host: example.org
          port: 8080
        users:
          - name: ada
            roles: [admin, dev]
          - name: bob
            roles: [dev]
        debug: false
        """;

    public static void Register(Oracle o)
    {
        // The README's quick start, with a framework type as the target.
        o.Task("deserialize-dictionary", () =>
        {
            var deserializer = new DeserializerBuilder().Build();
            var person = deserializer.Deserialize<Dictionary<string, string>>("name: Ada\ncity: London\n");
            return new object[] { person.Count, person["name"], person["city"] };
        });

        o.Task("deserialize-nested-generic", () =>
        {
            var deserializer = new DeserializerBuilder().Build();
            var groups = deserializer.Deserialize<Dictionary<string, List<int>>>("evens: [2, 4, 6]\nodds:\n  - 1\n  - 3\n");
            return new object[] { groups["evens"].Sum(), groups["odds"].Count, string.Join(",", groups.Keys) };
        });

        o.Task("deserialize-list", () =>
        {
            var deserializer = new DeserializerBuilder().Build();
            var block = deserializer.Deserialize<List<int>>("- 1\n- 2\n- 3\n");
            var flow = deserializer.Deserialize<List<string>>("[a, 'b c', \"d\"]");
            return new object[] { block.Sum(), flow.Count, flow[1] };
        });

        // Deserialize(string, Type) with typeof.
        o.Task("deserialize-with-type", () =>
        {
            var deserializer = new DeserializerBuilder().Build();
            var prices = (Dictionary<string, double>)deserializer.Deserialize("apple: 1.25\npear: 0.5\n", typeof(Dictionary<string, double>))!;
            return new object[] { prices.Count, prices["apple"] + prices["pear"] };
        });

        // Deserialize<T>(TextReader).
        o.Task("deserialize-from-reader", () =>
        {
            var deserializer = new DeserializerBuilder().Build();
            using var reader = new StringReader("a: 1\nb: 2\n");
            var values = deserializer.Deserialize<Dictionary<string, int>>(reader);
            return values.Values.Sum();
        });

        // Without a type: dictionaries of objects, lists of objects, strings.
        o.Task("deserialize-untyped", () =>
        {
            var deserializer = new DeserializerBuilder().Build();
            var root = (Dictionary<object, object>)deserializer.Deserialize(Config)!;
            var server = (Dictionary<object, object>)root["server"];
            var users = (List<object>)root["users"];
            var first = (Dictionary<object, object>)users[0];
            return new object[] { root.Count, server["port"], users.Count, first["name"], ((List<object>)first["roles"]).Count, root["debug"] };
        });

        // WithAttemptingUnquotedStringTypeDeserialization: plain scalars become numbers and booleans.
        o.Task("deserialize-unquoted-types", () =>
        {
            var deserializer = new DeserializerBuilder().WithAttemptingUnquotedStringTypeDeserialization().Build();
            var root = (Dictionary<object, object>)deserializer.Deserialize("n: 42\nx: 1.5\nok: true\ns: '42'\nnothing: null\n")!;
            return root.Select(pair => new[] { pair.Key, pair.Value }).ToArray();
        });

        // Serializing framework collections.
        o.Task("serialize-dictionary", () =>
        {
            var serializer = new SerializerBuilder().Build();
            var person = new Dictionary<string, object> { ["name"] = "Ada", ["age"] = 36, ["langs"] = new List<string> { "en", "fr" } };
            return serializer.Serialize(person);
        });

        o.Task("serialize-indented-sequences", () =>
        {
            var serializer = new SerializerBuilder().WithIndentedSequences().Build();
            var data = new Dictionary<string, List<string>> { ["langs"] = new() { "en", "fr" } };
            return serializer.Serialize(data);
        });

        o.Task("serialize-scalar-styles", () =>
        {
            var quoted = new SerializerBuilder().WithDefaultScalarStyle(ScalarStyle.DoubleQuoted).Build();
            var necessary = new SerializerBuilder().WithQuotingNecessaryStrings().Build();
            var values = new Dictionary<string, string> { ["a"] = "plain", ["b"] = "yes", ["c"] = "123", ["d"] = "null" };
            return new[] { quoted.Serialize(values), necessary.Serialize(values) };
        });

        // Enum values through an enum naming convention.
        o.Task("serialize-enum-naming", () =>
        {
            var schedule = new Dictionary<string, DayOfWeek> { ["start"] = DayOfWeek.Monday, ["end"] = DayOfWeek.Friday };
            var plain = new SerializerBuilder().Build().Serialize(schedule);
            var lower = new SerializerBuilder().WithEnumNamingConvention(LowerCaseNamingConvention.Instance).Build().Serialize(schedule);
            return new[] { plain, lower };
        });

        // Serialize(TextWriter, object).
        o.Task("serialize-to-writer", () =>
        {
            var serializer = new SerializerBuilder().Build();
            var writer = new StringWriter();
            serializer.Serialize(writer, new List<int> { 1, 2, 3 });
            return writer.ToString();
        });

        // The YAML-to-JSON recipe: deserialize untyped, serialize JSON-compatible.
        o.Task("yaml-to-json", () =>
        {
            var yamlObject = new DeserializerBuilder().Build().Deserialize(new StringReader("name: Ada\nlangs: [en, fr]\nage: 36\n"));
            var serializer = new SerializerBuilder().JsonCompatible().Build();
            return serializer.Serialize(yamlObject!);
        });

        // A custom IYamlTypeConverter (System.Version as a scalar).
        o.Task("custom-type-converter", () =>
        {
            var converter = new VersionConverter();
            var serializer = new SerializerBuilder().WithTypeConverter(converter).Build();
            var deserializer = new DeserializerBuilder().WithTypeConverter(converter).Build();
            var text = serializer.Serialize(new Dictionary<string, Version> { ["app"] = new Version(1, 2, 3) });
            var back = deserializer.Deserialize<Dictionary<string, Version>>("min: 2.0.1\n");
            return new object[] { text, back["min"].Major, back["min"].Build, back["min"].ToString() };
        });

        // Merge keys (<<) through MergingParser.
        o.Task("merge-keys", () =>
        {
            const string yaml = """
                base: &base
                  color: red
                  size: M
                shirt:
                  <<: *base
                  size: L
                """;
            var deserializer = new DeserializerBuilder().Build();
            var items = deserializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(new MergingParser(new Parser(new StringReader(yaml))));
            return new object[] { items["shirt"]["color"], items["shirt"]["size"], items["shirt"].Count };
        });

        // Several documents in one stream, read with the parser.
        o.Task("multiple-documents", () =>
        {
            var deserializer = new DeserializerBuilder().Build();
            var parser = new Parser(new StringReader("a: 1\n---\na: 2\nb: 3\n---\nc: 4\n"));
            parser.Consume<StreamStart>();
            var sums = new List<int>();
            while (parser.Accept<DocumentStart>(out _))
            {
                sums.Add(deserializer.Deserialize<Dictionary<string, int>>(parser).Values.Sum());
            }
            return sums;
        });

        // The representation model: YamlStream, YamlMappingNode, Children, casts.
        o.Task("yamlstream-load", () =>
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(Config));
            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            var server = (YamlMappingNode)root.Children[new YamlScalarNode("server")];
            var host = (YamlScalarNode)server.Children[new YamlScalarNode("host")];
            var users = (YamlSequenceNode)root.Children[new YamlScalarNode("users")];
            var names = users.Select(user => ((YamlScalarNode)((YamlMappingNode)user).Children[new YamlScalarNode("name")]).Value).ToArray();
            return new object?[] { stream.Documents.Count, host.Value, users.Children.Count, names };
        });

        // The node indexer with strings (implicit conversion) and the explicit string conversion.
        o.Task("yaml-node-indexer", () =>
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(Config));
            var root = stream.Documents[0].RootNode;
            return new object?[] { (string?)root["server"]["port"], (string?)root["users"][1]["name"], (string?)root["users"][0]["roles"][1] };
        });

        // Iterating a mapping's entries (KeyValuePair<YamlNode, YamlNode>) and NodeType.
        o.Task("yaml-mapping-entries", () =>
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(Config));
            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            var entries = new List<object[]>();
            foreach (var entry in root.Children)
            {
                entries.Add(new object[] { ((YamlScalarNode)entry.Key).Value!, entry.Value.NodeType });
            }
            return entries;
        });

        // AllNodes with LINQ's OfType<T>.
        o.Task("yaml-all-nodes", () =>
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(Config));
            var scalars = stream.Documents[0].AllNodes.OfType<YamlScalarNode>().Select(n => n.Value).ToArray();
            return new object[] { scalars.Length, string.Join(",", scalars) };
        });

        // Anchors and aliases: one node, two places; Start marks.
        o.Task("yaml-anchors", () =>
        {
            var stream = new YamlStream();
            stream.Load(new StringReader("defaults: &d\n  retries: 3\nservice:\n  config: *d\n"));
            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            var defaults = root.Children[new YamlScalarNode("defaults")];
            var config = ((YamlMappingNode)root.Children[new YamlScalarNode("service")]).Children[new YamlScalarNode("config")];
            return new object[] { defaults.Anchor.Value, ReferenceEquals(defaults, config), defaults.Start.Line, defaults.Start.Column };
        });

        // Building a document and saving it.
        o.Task("yaml-build-and-save", () =>
        {
            var root = new YamlMappingNode(new YamlScalarNode("name"), new YamlScalarNode("Ada"));
            root.Add("city", "London");
            root.Add("langs", new YamlSequenceNode(new YamlScalarNode("en"), new YamlScalarNode("fr")) { Style = SequenceStyle.Flow });
            root.Add(new YamlScalarNode("motto"), new YamlScalarNode("hello: world") { Style = ScalarStyle.DoubleQuoted });
            var writer = new StringWriter();
            new YamlStream(new YamlDocument(root)).Save(writer, false);
            return writer.ToString();
        });

        // Load, edit the tree, save again.
        o.Task("yamlstream-roundtrip", () =>
        {
            var stream = new YamlStream();
            stream.Load(new StringReader("name: app\nreplicas: 1\n"));
            var root = (YamlMappingNode)stream.Documents[0].RootNode;
            root.Children[new YamlScalarNode("replicas")] = new YamlScalarNode("3");
            root.Add("tags", new YamlSequenceNode(new YamlScalarNode("web")));
            var writer = new StringWriter();
            stream.Save(writer, false);
            return writer.ToString();
        });

        // The low-level parser: every event.
        o.Task("parser-events", () =>
        {
            var parser = new Parser(new StringReader("a: [1, two]\nb: {c: d}\n"));
            var events = new List<string>();
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                events.Add(current is Scalar scalar ? "Scalar " + scalar.Value : current.GetType().Name);
            }
            return events;
        });

        // Consume<T> and TryConsume<T>(out T) from ParserExtensions.
        o.Task("parser-consume", () =>
        {
            var parser = new Parser(new StringReader("x: 1\ny: 2\nz: 3\n"));
            parser.Consume<StreamStart>();
            parser.Consume<DocumentStart>();
            parser.Consume<MappingStart>();
            var pairs = new List<string>();
            while (parser.TryConsume<Scalar>(out var key))
            {
                var value = parser.Consume<Scalar>();
                pairs.Add(key.Value + "=" + value.Value);
            }
            parser.Consume<MappingEnd>();
            return pairs;
        });

        // The low-level emitter.
        o.Task("emitter-events", () =>
        {
            var writer = new StringWriter();
            var emitter = new Emitter(writer);
            emitter.Emit(new StreamStart());
            emitter.Emit(new DocumentStart());
            emitter.Emit(new MappingStart());
            emitter.Emit(new Scalar("title"));
            emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, "Hello, YAML", ScalarStyle.SingleQuoted, true, true));
            emitter.Emit(new Scalar("tags"));
            emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, true, SequenceStyle.Flow));
            emitter.Emit(new Scalar("a"));
            emitter.Emit(new Scalar("b"));
            emitter.Emit(new SequenceEnd());
            emitter.Emit(new MappingEnd());
            emitter.Emit(new DocumentEnd(true));
            emitter.Emit(new StreamEnd());
            return writer.ToString();
        });

        // Errors: bad syntax, a scalar that is not an int, duplicate keys when checked.
        o.Task("syntax-error-throws", () => new DeserializerBuilder().Build().Deserialize<Dictionary<string, string>>("a: 'unterminated\nb: c\n").Count);
        o.Task("wrong-type-throws", () => new DeserializerBuilder().Build().Deserialize<Dictionary<string, int>>("a: x\n").Count);
        o.Task("duplicate-keys-throws", () => new DeserializerBuilder().WithDuplicateKeyChecking().Build().Deserialize<Dictionary<string, int>>("a: 1\na: 2\n").Count);
    }

    private sealed class VersionConverter : IYamlTypeConverter
    {
        public bool Accepts(Type type) => type == typeof(Version);

        public object? ReadYaml(IParser parser, Type type, ObjectDeserializer rootDeserializer) => Version.Parse(parser.Consume<Scalar>().Value);

        public void WriteYaml(IEmitter emitter, object? value, Type type, ObjectSerializer serializer) => emitter.Emit(new Scalar(((Version)value!).ToString()));
    }
}
