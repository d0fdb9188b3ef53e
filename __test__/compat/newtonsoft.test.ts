import type { DotnetClass } from "../../index.js";
import { compat } from "./harness.js";

const { lib, task } = compat("Newtonsoft");

// C#'s conversion operators (`(string)token`) as the README writes them: lib.cast(value, type).
const cast = (value: unknown, type: string): any =>
  (lib as unknown as { cast(value: unknown, type: string): unknown }).cast(
    value,
    type,
  );
// lib.type() is typed as a class or an enum: the classes constructed here.
const classOf = (name: string) => lib.type(name) as DotnetClass;

const {
  JObject,
  JArray,
  JProperty,
  JValue,
  JToken,
  JsonMergeSettings,
  MergeArrayHandling,
  Extensions,
} = lib.namespaces.Newtonsoft.Json.Linq;
const {
  JsonConvert,
  JsonSerializer,
  JsonSerializerSettings,
  JsonTextReader,
  JsonTextWriter,
  Formatting,
  DateParseHandling,
  StringEscapeHandling,
} = lib.namespaces.Newtonsoft.Json;
const { StringEnumConverter } = lib.namespaces.Newtonsoft.Json.Converters;
const { CamelCasePropertyNamesContractResolver } =
  lib.namespaces.Newtonsoft.Json.Serialization;
const Enumerable = lib.type("System.Linq.Enumerable");
const StringType = lib.type("System.String");
const StringComparison = lib.type("System.StringComparison");
const DayOfWeek = lib.type("System.DayOfWeek");
const StringReader = classOf("System.IO.StringReader");
const StringWriter = classOf("System.IO.StringWriter");
const ListOfInt = "System.Collections.Generic.List<int>";

const store = `{
  "store": {
    "book": [
      { "category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95 },
      { "category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99 },
      { "category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99 }
    ],
    "bicycle": { "color": "red", "price": 19.95 }
  }
}`;

const orders = `{ "orders": [
  { "id": 1, "total": 20.5, "status": "paid" },
  { "id": 2, "total": 7.25, "status": "open" },
  { "id": 3, "total": 12.0, "status": "paid" }
] }`;

task("jobject-parse-cast", () => {
  const person = JObject.parse(
    `{ "name": "Ada", "age": 36, "admin": true, "score": 9.5, "born": 1815 }`,
  );
  return [
    cast(person.getItem("name"), "string"),
    cast(person.getItem("age"), "int"),
    cast(person.getItem("admin"), "bool"),
    cast(person.getItem("score"), "double"),
    cast(person.getItem("born"), "long"),
  ];
});

task("jtoken-value-of-t", () => {
  const item = JObject.parse(
    `{ "id": 7, "price": "12.50", "tags": ["a", "b", "c"], "ratio": 0.25 }`,
  );
  return [
    item.value.of("int")("id"),
    item.value.of("decimal")("price"),
    item.value.of("string")("id"),
    Array.from(item.getItem("tags").values.of("string")()),
    Extensions.value.of("double")(item.getItem("ratio")),
  ];
});

task("select-token-jsonpath", () => {
  const doc = JObject.parse(store);
  const firstTitle = cast(doc.selectToken("$.store.book[0].title"), "string");
  const prices = Array.from(doc.selectTokens("$..price"), (t) =>
    cast(t, "double"),
  );
  const cheap = Array.from(
    doc.selectTokens("$.store.book[?(@.price < 10)].title"),
    (t) => cast(t, "string"),
  );
  const missing = doc.selectToken("$.store.car");
  return [firstTitle, prices, cheap, missing === null];
});

task("jobject-build-modify", () => {
  const product = new JObject();
  product.setItem("name", "Widget");
  product.add("count", 3);
  product.setItem("tags", new JArray("tools", "home"));
  product.add(new JProperty("price", 9.99));
  product.remove("count");
  product.setItem("name", "Gadget");
  return [
    product.toString(Formatting.None),
    product.count,
    product.containsKey("count"),
  ];
});

task("jobject-functional-construction", () => {
  const ids = [1, 2, 3];
  const rss = new JObject(
    new JProperty(
      "channel",
      new JObject(
        new JProperty("title", "News"),
        new JProperty(
          "items",
          new JArray(
            ids.map(
              (id) =>
                new JObject(
                  new JProperty("id", id),
                  new JProperty("title", `Item ${id}`),
                ),
            ),
          ),
        ),
      ),
    ),
  );
  return rss.toString(Formatting.None);
});

task("jobject-fromobject", () => {
  const json = JObject.fromObject({
    name: "Ada",
    langs: ["en", "fr"],
    age: 36,
  });
  return [
    json.toString(Formatting.None),
    json.getItem("langs").type,
    json.getItem("age").type,
  ];
});

task("jobject-iterate-pairs", () => {
  const obj = JObject.parse(`{ "a": 1, "b": "two", "c": 3.5 }`);
  const lines: string[] = [];
  for (const [key, value] of obj) {
    lines.push(`${key}=${value.toString()}`);
  }
  return lines;
});

task("jtoken-types", () => {
  const obj = JObject.parse(
    `{ "s": "x", "i": 1, "f": 1.5, "b": false, "n": null, "a": [], "o": {}, "d": "2024-01-02T03:04:05Z" }`,
  );
  return Array.from(obj.properties(), (p: any) => [p.name, p.value.type]);
});

task("jtoken-dates", () => {
  const json = `{ "created": "2024-03-01T12:30:00Z" }`;
  const parsed = JObject.parse(json);
  const created = cast(parsed.getItem("created"), "System.DateTime");
  const settings = new JsonSerializerSettings();
  settings.dateParseHandling = DateParseHandling.None;
  const raw = JsonConvert.deserializeObject.of(JObject)(json, settings);
  return [
    created,
    parsed.getItem("created").type,
    raw.getItem("created").type,
    cast(raw.getItem("created"), "string"),
  ];
});

task("jobject-try-get-value", () => {
  const obj = JObject.parse(`{ "Name": "Ada" }`);
  const [found, name] = obj.tryGetValue("Name");
  const [missing, none] = obj.tryGetValue("name");
  const ignoringCase = obj.getValue("name", StringComparison.OrdinalIgnoreCase);
  return [
    found,
    cast(name, "string"),
    missing,
    none === null,
    cast(ignoringCase, "string"),
  ];
});

task("jarray-manipulate", () => {
  const numbers = JArray.parse("[1, 2, 3]");
  numbers.add(4);
  numbers.insert(0, 0);
  numbers.removeAt(2);
  numbers.setItem(1, 10);
  return [
    numbers.count,
    cast(numbers.getItem(1), "int"),
    numbers.toString(Formatting.None),
    Enumerable.sum(numbers.values.of("int")()),
  ];
});

task("linq-query-tokens", () => {
  const doc = JObject.parse(orders);
  const paid = Array.from(
    Enumerable.where(
      doc.getItem("orders"),
      (t: any) => cast(t.getItem("status"), "string") === "paid",
    ),
    (t: any) => cast(t.getItem("id"), "int"),
  );
  let total = 0;
  for (const t of doc.getItem("orders"))
    total += cast(t.getItem("total"), "double");
  return [paid, total];
});

task("jtoken-navigation", () => {
  const doc = JObject.parse(`{ "a": { "b": [10, 20, 30] } }`);
  const token = doc.selectToken("a.b[1]");
  return [
    token.path,
    cast(token.next, "int?"),
    cast(token.previous, "int?"),
    token.parent.type,
    token.root === doc,
    Array.from(token.ancestors()).length,
    token.parent.parent.name,
  ];
});

task("merge-jobjects", () => {
  const left = JObject.parse(
    `{ "name": "a", "tags": ["x"], "meta": { "v": 1 } }`,
  );
  const right = JObject.parse(`{ "tags": ["y", "x"], "meta": { "w": 2 } }`);
  const settings = new JsonMergeSettings();
  settings.mergeArrayHandling = MergeArrayHandling.Union;
  left.merge(right, settings);
  return left.toString(Formatting.None);
});

task("deep-clone-equals", () => {
  const original = JObject.parse(`{ "x": 1, "list": [1, 2, { "y": true }] }`);
  const copy = original.deepClone();
  const same = JToken.deepEquals(original, copy);
  copy.setItem("x", 2);
  return [
    same,
    JToken.deepEquals(original, copy),
    cast(original.getItem("x"), "int"),
    cast(copy.getItem("x"), "int"),
  ];
});

task("jvalue-create", () => {
  const values = [
    new JValue(5),
    new JValue(2.5),
    new JValue(true),
    new JValue("text"),
    JValue.createNull(),
    JValue.createString("s"),
  ];
  return values.map((v) => [v.type, v.value]);
});

task("jobject-property-changed-event", () => {
  const obj = JObject.parse(`{ "a": 1 }`);
  const changed: (string | null)[] = [];
  obj.on("PropertyChanged", (_sender: unknown, e: any) =>
    changed.push(e.propertyName),
  );
  obj.setItem("a", 2);
  obj.setItem("b", 3);
  obj.setItem("a", 4);
  return changed;
});

task("serialize-dictionary-indented", () => {
  const langs = new (classOf("System.Collections.Generic.List<string>"))();
  langs.add("en");
  langs.add("fr");
  const person = new (classOf(
    "System.Collections.Generic.Dictionary<string, object>",
  ))();
  person.setItem("name", "Ada");
  person.setItem("langs", langs);
  person.setItem("age", 36);
  return JsonConvert.serializeObject(person, Formatting.Indented);
});

task("deserialize-dictionary-generic", () => {
  const counts = JsonConvert.deserializeObject.of(
    "System.Collections.Generic.Dictionary<string, int>",
  )(`{ "a": 1, "b": 2, "c": 3 }`);
  return [
    counts.count,
    counts.getItem("b"),
    Enumerable.sum(counts.values),
    counts.containsKey("c"),
  ];
});

task("deserialize-nested-generic", () => {
  const groups = JsonConvert.deserializeObject.of(
    "System.Collections.Generic.Dictionary<string, System.Collections.Generic.List<int>>",
  )(`{ "evens": [2, 4, 6], "odds": [1, 3] }`);
  return [
    Enumerable.sum(groups.getItem("evens")),
    groups.getItem("odds").count,
    StringType.join(",", groups.keys),
  ];
});

task("deserialize-with-type", () => {
  const list = JsonConvert.deserializeObject("[1, 2, 3]", lib.type(ListOfInt));
  return [list.count, list.getItem(2), list.getType().name];
});

task("deserialize-untyped", () => {
  const value = JsonConvert.deserializeObject(`{ "a": 1, "b": [true] }`);
  return [
    value.getType().fullName,
    cast(value.getItem("a"), "int"),
    value.getItem("b").type,
  ];
});

task("settings-formatting", () => {
  const settings = new JsonSerializerSettings();
  settings.formatting = Formatting.Indented;
  settings.stringEscapeHandling = StringEscapeHandling.EscapeNonAscii;
  settings.dateFormatString = "yyyy-MM-dd";
  const names = new (classOf(
    "System.Collections.Generic.Dictionary<string, string>",
  ))();
  names.setItem("name", "Zoë");
  const dates = new (classOf(
    "System.Collections.Generic.Dictionary<string, System.DateTime>",
  ))();
  dates.setItem("when", new Date(Date.UTC(2024, 4, 6)));
  return [
    JsonConvert.serializeObject(names, settings),
    JsonConvert.serializeObject(dates, settings),
    JsonConvert.serializeObject(names),
  ];
});

task("settings-camelcase-resolver", () => {
  const settings = new JsonSerializerSettings();
  settings.contractResolver = new CamelCasePropertyNamesContractResolver();
  const data = new (classOf(
    "System.Collections.Generic.Dictionary<string, int>",
  ))();
  data.setItem("FirstName", 1);
  data.setItem("LastName", 2);
  return JsonConvert.serializeObject(data, settings);
});

task("string-enum-converter", () => {
  const schedule = new (classOf(
    "System.Collections.Generic.Dictionary<string, System.DayOfWeek>",
  ))();
  schedule.setItem("start", DayOfWeek.Monday);
  schedule.setItem("end", DayOfWeek.Friday);
  const asNames = JsonConvert.serializeObject(
    schedule,
    new StringEnumConverter(),
  );
  const asNumbers = JsonConvert.serializeObject(schedule);
  const back = JsonConvert.deserializeObject.of(
    "System.Collections.Generic.Dictionary<string, System.DayOfWeek>",
  )(`{ "day": "Saturday" }`);
  return [asNames, asNumbers, back.getItem("day")];
});

task("settings-error-callback", () => {
  const errors: string[] = [];
  const settings = new JsonSerializerSettings();
  settings.error = (_sender: unknown, args: any) => {
    errors.push(args.errorContext.path ?? "");
    args.errorContext.handled = true;
  };
  const numbers = JsonConvert.deserializeObject.of(ListOfInt)(
    `[1, "two", 3]`,
    settings,
  );
  return [Array.from(numbers), errors];
});

task("populate-object", () => {
  const config = new (classOf(
    "System.Collections.Generic.Dictionary<string, int>",
  ))();
  config.setItem("a", 1);
  config.setItem("b", 1);
  JsonConvert.populateObject(`{ "b": 2, "c": 3 }`, config);
  return [config.count, config.getItem("b"), config.getItem("c")];
});

task("jsonconvert-tostring", () => [
  JsonConvert.toString('he said "hi"'),
  JsonConvert.toString(42),
  JsonConvert.toString(1.5),
  JsonConvert.toString(true),
  JsonConvert.toString(new Date(Date.UTC(2024, 0, 2, 3, 4, 5))),
]);

task("json-serializer-instance", () => {
  const settings = new JsonSerializerSettings();
  settings.formatting = Formatting.Indented;
  const serializer = JsonSerializer.create(settings);
  serializer.converters.add(new StringEnumConverter());
  const writer = new StringWriter();
  const schedule = new (classOf(
    "System.Collections.Generic.Dictionary<string, System.DayOfWeek>",
  ))();
  schedule.setItem("day", DayOfWeek.Sunday);
  schedule.setItem("next", DayOfWeek.Monday);
  serializer.serialize(writer, schedule);
  const list = serializer.deserialize(
    new StringReader("[4, 5]"),
    lib.type(ListOfInt),
  );
  return [writer.toString(), Enumerable.sum(list)];
});

task("jtoken-to-object", () => {
  const doc = JObject.parse(
    `{ "scores": { "x": 1, "y": 2 }, "names": ["a", "b"] }`,
  );
  const scores = doc
    .getItem("scores")
    .toObject.of("System.Collections.Generic.Dictionary<string, int>")();
  const names = doc
    .getItem("names")
    .toObject.of("System.Collections.Generic.List<string>")();
  return [scores.getItem("y"), names.count, names.getItem(1)];
});

task("json-text-reader", () => {
  using reader = new JsonTextReader(
    new StringReader(`{ "a": 1, "b": [true, "s", 2.5], "c": null }`),
  );
  const tokens: unknown[] = [];
  while (reader.read()) {
    tokens.push([reader.tokenType, reader.value, reader.path]);
  }
  return tokens;
});

task("json-text-writer", () => {
  const text = new StringWriter();
  {
    using writer = new JsonTextWriter(text);
    writer.formatting = Formatting.Indented;
    writer.indentation = 4;
    writer.writeStartObject();
    writer.writePropertyName("id");
    writer.writeValue(42);
    writer.writePropertyName("big");
    writer.writeValue(9007199254740993n);
    writer.writePropertyName("price");
    // 19.99m: JavaScript has no decimal literal, so the overload is fixed by name.
    lib
      .bind("Newtonsoft.Json.JsonTextWriter.WriteValue", ["decimal"])
      .call(writer, "19.99");
    writer.writePropertyName("name");
    writer.writeValue("Ada");
    writer.writePropertyName("ok");
    writer.writeValue(true);
    writer.writePropertyName("ratio");
    writer.writeValue(0.5);
    writer.writePropertyName("tags");
    writer.writeStartArray();
    writer.writeValue("a");
    writer.writeNull();
    writer.writeEndArray();
    writer.writeEndObject();
  }
  return text.toString();
});

task("jobject-load-async", async () => {
  using reader = new JsonTextReader(
    new StringReader(`{ "name": "Ada", "langs": ["en"] }`),
  );
  const obj = await JObject.loadAsync(reader);
  const text = new StringWriter();
  const writer = new JsonTextWriter(text);
  await obj.writeToAsync(writer);
  await writer.flushAsync();
  return [cast(obj.getItem("name"), "string"), text.toString()];
});

task("xml-conversion", () => {
  const doc = new (classOf("System.Xml.XmlDocument"))();
  doc.loadXml(
    `<person id="1"><name>Ada</name><lang>en</lang><lang>fr</lang></person>`,
  );
  const json = JsonConvert.serializeXmlNode(doc);
  const back = JsonConvert.deserializeXmlNode(
    `{ "root": { "a": "1", "b": ["x", "y"] } }`,
  );
  return [json, back.outerXml];
});

task("parse-invalid-throws", () => JObject.parse(`{ "a": 1, `).toString());
task(
  "deserialize-wrong-type-throws",
  () =>
    JsonConvert.deserializeObject.of(
      "System.Collections.Generic.Dictionary<string, int>",
    )(`{ "a": "x" }`).count,
);
task("jarray-parse-object-throws", () => JArray.parse("{}").count);
task("cast-invalid-throws", () =>
  cast(JObject.parse(`{ "name": "Ada" }`).getItem("name"), "int"),
);
