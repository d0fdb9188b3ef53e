import type { DotnetClass } from "../../index.js";
import { compat } from "./harness.js";

const { lib, task } = compat("Yaml");

// C#'s conversion operators (`(string)node`) as the README writes them: lib.cast(value, type).
const cast = (value: unknown, type: string): any =>
  (lib as unknown as { cast(value: unknown, type: string): unknown }).cast(
    value,
    type,
  );
// lib.type() is typed as a class or an enum: the classes constructed here.
const classOf = (name: string) => lib.type(name) as DotnetClass;

const { DeserializerBuilder, SerializerBuilder } =
  lib.namespaces.YamlDotNet.Serialization;
const { LowerCaseNamingConvention } =
  lib.namespaces.YamlDotNet.Serialization.NamingConventions;
const {
  Parser,
  MergingParser,
  Emitter,
  ScalarStyle,
  AnchorName,
  TagName,
  ParserExtensions,
} = lib.namespaces.YamlDotNet.Core;
const {
  StreamStart,
  StreamEnd,
  DocumentStart,
  DocumentEnd,
  MappingStart,
  MappingEnd,
  SequenceStart,
  SequenceEnd,
  SequenceStyle,
  Scalar,
} = lib.namespaces.YamlDotNet.Core.Events;
const {
  YamlStream,
  YamlDocument,
  YamlMappingNode,
  YamlSequenceNode,
  YamlScalarNode,
} = lib.namespaces.YamlDotNet.RepresentationModel;
const Enumerable = lib.type("System.Linq.Enumerable");
const StringType = lib.type("System.String");
const DayOfWeek = lib.type("System.DayOfWeek");
const Version = classOf("System.Version");
const StringReader = classOf("System.IO.StringReader");
const StringWriter = classOf("System.IO.StringWriter");

const config = `server:
  host: example.org
  port: 8080
users:
  - name: ada
    roles: [admin, dev]
  - name: bob
    roles: [dev]
debug: false`;

task("deserialize-dictionary", () => {
  const deserializer = new DeserializerBuilder().build();
  const person = deserializer.deserialize.of(
    "System.Collections.Generic.Dictionary<string, string>",
  )("name: Ada\ncity: London\n");
  return [person.count, person.getItem("name"), person.getItem("city")];
});

task("deserialize-nested-generic", () => {
  const deserializer = new DeserializerBuilder().build();
  const groups = deserializer.deserialize.of(
    "System.Collections.Generic.Dictionary<string, System.Collections.Generic.List<int>>",
  )("evens: [2, 4, 6]\nodds:\n  - 1\n  - 3\n");
  return [
    Enumerable.sum(groups.getItem("evens")),
    groups.getItem("odds").count,
    StringType.join(",", groups.keys),
  ];
});

task("deserialize-list", () => {
  const deserializer = new DeserializerBuilder().build();
  const block = deserializer.deserialize.of(
    "System.Collections.Generic.List<int>",
  )("- 1\n- 2\n- 3\n");
  const flow = deserializer.deserialize.of(
    "System.Collections.Generic.List<string>",
  )(`[a, 'b c', "d"]`);
  return [Enumerable.sum(block), flow.count, flow.getItem(1)];
});

task("deserialize-with-type", () => {
  const deserializer = new DeserializerBuilder().build();
  const prices = deserializer.deserialize(
    "apple: 1.25\npear: 0.5\n",
    lib.type("System.Collections.Generic.Dictionary<string, double>"),
  );
  return [prices.count, prices.getItem("apple") + prices.getItem("pear")];
});

task("deserialize-from-reader", () => {
  const deserializer = new DeserializerBuilder().build();
  using reader = new StringReader("a: 1\nb: 2\n");
  const values = deserializer.deserialize.of(
    "System.Collections.Generic.Dictionary<string, int>",
  )(reader);
  return Enumerable.sum(values.values);
});

task("deserialize-untyped", () => {
  const deserializer = new DeserializerBuilder().build();
  const root = deserializer.deserialize(config);
  const server = root.getItem("server");
  const users = root.getItem("users");
  const first = users.getItem(0);
  return [
    root.count,
    server.getItem("port"),
    users.count,
    first.getItem("name"),
    first.getItem("roles").count,
    root.getItem("debug"),
  ];
});

task("deserialize-unquoted-types", () => {
  const deserializer = new DeserializerBuilder()
    .withAttemptingUnquotedStringTypeDeserialization()
    .build();
  const root = deserializer.deserialize(
    "n: 42\nx: 1.5\nok: true\ns: '42'\nnothing: null\n",
  );
  return Array.from(root);
});

task("serialize-dictionary", () => {
  const serializer = new SerializerBuilder().build();
  const langs = new (classOf("System.Collections.Generic.List<string>"))();
  langs.add("en");
  langs.add("fr");
  const person = new (classOf(
    "System.Collections.Generic.Dictionary<string, object>",
  ))();
  person.setItem("name", "Ada");
  person.setItem("age", 36);
  person.setItem("langs", langs);
  return serializer.serialize(person);
});

task("serialize-indented-sequences", () => {
  const serializer = new SerializerBuilder().withIndentedSequences().build();
  const langs = new (classOf("System.Collections.Generic.List<string>"))();
  langs.add("en");
  langs.add("fr");
  const data = new (classOf(
    "System.Collections.Generic.Dictionary<string, System.Collections.Generic.List<string>>",
  ))();
  data.setItem("langs", langs);
  return serializer.serialize(data);
});

task("serialize-scalar-styles", () => {
  const quoted = new SerializerBuilder()
    .withDefaultScalarStyle(ScalarStyle.DoubleQuoted)
    .build();
  const necessary = new SerializerBuilder()
    .withQuotingNecessaryStrings()
    .build();
  const values = new (classOf(
    "System.Collections.Generic.Dictionary<string, string>",
  ))();
  values.setItem("a", "plain");
  values.setItem("b", "yes");
  values.setItem("c", "123");
  values.setItem("d", "null");
  return [quoted.serialize(values), necessary.serialize(values)];
});

task("serialize-enum-naming", () => {
  const schedule = new (classOf(
    "System.Collections.Generic.Dictionary<string, System.DayOfWeek>",
  ))();
  schedule.setItem("start", DayOfWeek.Monday);
  schedule.setItem("end", DayOfWeek.Friday);
  const plain = new SerializerBuilder().build().serialize(schedule);
  const lower = new SerializerBuilder()
    .withEnumNamingConvention(LowerCaseNamingConvention.instance)
    .build()
    .serialize(schedule);
  return [plain, lower];
});

task("serialize-to-writer", () => {
  const serializer = new SerializerBuilder().build();
  const writer = new StringWriter();
  const numbers = new (classOf("System.Collections.Generic.List<int>"))();
  numbers.add(1);
  numbers.add(2);
  numbers.add(3);
  serializer.serialize(writer, numbers);
  return writer.toString();
});

task("yaml-to-json", () => {
  const yamlObject = new DeserializerBuilder()
    .build()
    .deserialize(new StringReader("name: Ada\nlangs: [en, fr]\nage: 36\n"));
  const serializer = new SerializerBuilder().jsonCompatible().build();
  return serializer.serialize(yamlObject);
});

task("custom-type-converter", () => {
  // IYamlTypeConverter as an object literal.
  const converter = {
    accepts: (type: any) => type.fullName === "System.Version",
    readYaml: (parser: any) =>
      Version.parse(ParserExtensions.consume.of(Scalar)(parser).value),
    writeYaml: (emitter: any, value: any) =>
      emitter.emit(new Scalar(value.toString())),
  };
  const serializer = new SerializerBuilder()
    .withTypeConverter(converter)
    .build();
  const deserializer = new DeserializerBuilder()
    .withTypeConverter(converter)
    .build();
  const versions = new (classOf(
    "System.Collections.Generic.Dictionary<string, System.Version>",
  ))();
  versions.setItem("app", new Version(1, 2, 3));
  const text = serializer.serialize(versions);
  const back = deserializer.deserialize.of(
    "System.Collections.Generic.Dictionary<string, System.Version>",
  )("min: 2.0.1\n");
  const min = back.getItem("min");
  return [text, min.major, min.build, min.toString()];
});

task("merge-keys", () => {
  const yaml = `base: &base
  color: red
  size: M
shirt:
  <<: *base
  size: L`;
  const deserializer = new DeserializerBuilder().build();
  const items = deserializer.deserialize.of(
    "System.Collections.Generic.Dictionary<string, System.Collections.Generic.Dictionary<string, string>>",
  )(new MergingParser(new Parser(new StringReader(yaml))));
  const shirt = items.getItem("shirt");
  return [shirt.getItem("color"), shirt.getItem("size"), shirt.count];
});

task("multiple-documents", () => {
  const deserializer = new DeserializerBuilder().build();
  const parser = new Parser(
    new StringReader("a: 1\n---\na: 2\nb: 3\n---\nc: 4\n"),
  );
  ParserExtensions.consume.of(StreamStart)(parser);
  const sums: number[] = [];
  // Accept<DocumentStart>(out _): without the out argument JavaScript would mean the
  // obsolete Accept<T>(IParser), so the out overload is picked by its parameter types;
  // it gives the result first, then the out value.
  const accept = lib.bind(
    "YamlDotNet.Core.ParserExtensions.Accept<YamlDotNet.Core.Events.DocumentStart>",
    ["YamlDotNet.Core.IParser", "out YamlDotNet.Core.Events.DocumentStart"],
  ) as (parser: unknown) => [boolean, unknown];
  while (accept(parser)[0]) {
    const doc = deserializer.deserialize.of(
      "System.Collections.Generic.Dictionary<string, int>",
    )(parser);
    sums.push(Enumerable.sum(doc.values));
  }
  return sums;
});

task("yamlstream-load", () => {
  const stream = new YamlStream();
  stream.load(new StringReader(config));
  const root = stream.documents.getItem(0).rootNode;
  const server = root.children.getItem(new YamlScalarNode("server"));
  const host = server.children.getItem(new YamlScalarNode("host"));
  const users = root.children.getItem(new YamlScalarNode("users"));
  const names = Array.from(
    users,
    (user: any) => user.children.getItem(new YamlScalarNode("name")).value,
  );
  return [stream.documents.count, host.value, users.children.count, names];
});

task("yaml-node-indexer", () => {
  const stream = new YamlStream();
  stream.load(new StringReader(config));
  const root = stream.documents.getItem(0).rootNode;
  return [
    cast(root.getItem("server").getItem("port"), "string"),
    cast(root.getItem("users").getItem(1).getItem("name"), "string"),
    cast(
      root.getItem("users").getItem(0).getItem("roles").getItem(1),
      "string",
    ),
  ];
});

task("yaml-mapping-entries", () => {
  const stream = new YamlStream();
  stream.load(new StringReader(config));
  const root = stream.documents.getItem(0).rootNode;
  const entries: unknown[] = [];
  for (const [key, value] of root.children) {
    entries.push([key.value, value.nodeType]);
  }
  return entries;
});

task("yaml-all-nodes", () => {
  const stream = new YamlStream();
  stream.load(new StringReader(config));
  const scalars = Array.from(
    Enumerable.ofType.of(YamlScalarNode)(stream.documents.getItem(0).allNodes),
    (n: any) => n.value as string,
  );
  return [scalars.length, scalars.join(",")];
});

task("yaml-anchors", () => {
  const stream = new YamlStream();
  stream.load(
    new StringReader("defaults: &d\n  retries: 3\nservice:\n  config: *d\n"),
  );
  const root = stream.documents.getItem(0).rootNode;
  const defaults = root.children.getItem(new YamlScalarNode("defaults"));
  const config = root.children
    .getItem(new YamlScalarNode("service"))
    .children.getItem(new YamlScalarNode("config"));
  return [
    defaults.anchor.value,
    defaults === config,
    defaults.start.line,
    defaults.start.column,
  ];
});

task("yaml-build-and-save", () => {
  const root = new YamlMappingNode(
    new YamlScalarNode("name"),
    new YamlScalarNode("Ada"),
  );
  root.add("city", "London");
  const langs = new YamlSequenceNode(
    new YamlScalarNode("en"),
    new YamlScalarNode("fr"),
  );
  langs.style = SequenceStyle.Flow;
  root.add("langs", langs);
  const motto = new YamlScalarNode("hello: world");
  motto.style = ScalarStyle.DoubleQuoted;
  root.add(new YamlScalarNode("motto"), motto);
  const writer = new StringWriter();
  new YamlStream(new YamlDocument(root)).save(writer, false);
  return writer.toString();
});

task("yamlstream-roundtrip", () => {
  const stream = new YamlStream();
  stream.load(new StringReader("name: app\nreplicas: 1\n"));
  const root = stream.documents.getItem(0).rootNode;
  root.children.setItem(
    new YamlScalarNode("replicas"),
    new YamlScalarNode("3"),
  );
  root.add("tags", new YamlSequenceNode(new YamlScalarNode("web")));
  const writer = new StringWriter();
  stream.save(writer, false);
  return writer.toString();
});

task("parser-events", () => {
  const parser = new Parser(new StringReader("a: [1, two]\nb: {c: d}\n"));
  const events: string[] = [];
  while (parser.moveNext()) {
    const current = parser.current;
    events.push(
      current instanceof Scalar
        ? `Scalar ${current.value}`
        : current.getType().name,
    );
  }
  return events;
});

task("parser-consume", () => {
  const parser = new Parser(new StringReader("x: 1\ny: 2\nz: 3\n"));
  ParserExtensions.consume.of(StreamStart)(parser);
  ParserExtensions.consume.of(DocumentStart)(parser);
  ParserExtensions.consume.of(MappingStart)(parser);
  const pairs: string[] = [];
  for (;;) {
    const [found, key] = ParserExtensions.tryConsume.of(Scalar)(parser);
    if (!found) break;
    const value = ParserExtensions.consume.of(Scalar)(parser);
    pairs.push(`${key.value}=${value.value}`);
  }
  ParserExtensions.consume.of(MappingEnd)(parser);
  return pairs;
});

task("emitter-events", () => {
  const writer = new StringWriter();
  const emitter = new Emitter(writer);
  emitter.emit(new StreamStart());
  emitter.emit(new DocumentStart());
  emitter.emit(new MappingStart());
  emitter.emit(new Scalar("title"));
  emitter.emit(
    new Scalar(
      AnchorName.empty,
      TagName.empty,
      "Hello, YAML",
      ScalarStyle.SingleQuoted,
      true,
      true,
    ),
  );
  emitter.emit(new Scalar("tags"));
  emitter.emit(
    new SequenceStart(
      AnchorName.empty,
      TagName.empty,
      true,
      SequenceStyle.Flow,
    ),
  );
  emitter.emit(new Scalar("a"));
  emitter.emit(new Scalar("b"));
  emitter.emit(new SequenceEnd());
  emitter.emit(new MappingEnd());
  emitter.emit(new DocumentEnd(true));
  emitter.emit(new StreamEnd());
  return writer.toString();
});

task(
  "syntax-error-throws",
  () =>
    new DeserializerBuilder()
      .build()
      .deserialize.of("System.Collections.Generic.Dictionary<string, string>")(
      "a: 'unterminated\nb: c\n",
    ).count,
);
task(
  "wrong-type-throws",
  () =>
    new DeserializerBuilder()
      .build()
      .deserialize.of("System.Collections.Generic.Dictionary<string, int>")(
      "a: x\n",
    ).count,
);
task(
  "duplicate-keys-throws",
  () =>
    new DeserializerBuilder()
      .withDuplicateKeyChecking()
      .build()
      .deserialize.of("System.Collections.Generic.Dictionary<string, int>")(
      "a: 1\na: 2\n",
    ).count,
);
