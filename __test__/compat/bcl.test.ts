// The base class library as C# users use it, driven from TypeScript: every task is the
// twin of one in Bcl/Tasks.cs, translated as the README's table says.
import { DotnetException } from "../../index.js";
import { compat } from "./harness.js";

const { lib, task } = compat("Bcl");

/** A .NET type by its C# name; its members are the .NET type's (typed `any`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const type = (name: string): any => lib.type(name);

/** C#'s `(T)value` through a conversion operator: `lib.cast(value, "T")`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const cast = (value: unknown, typeName: string): any =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (lib as unknown as { cast(value: unknown, typeName: string): any }).cast(
    value,
    typeName,
  );

/**
 * An instance method of a type that crosses by value (DateTime, Guid, TimeSpan, double,
 * enums): `value.Method(args)` in C# is `instance("System.DateTime.AddDays")(value, args)`.
 */
const instance =
  (name: string) =>
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  (self: unknown, ...args: unknown[]): any =>
    lib.bind(name).call(self, ...args);

task("string-join", () => type("System.String").join(",", ["a", "b"]));
task("path-combine-params", () =>
  type("System.IO.Path").combine("a", "b", "c", "d", "e"),
);
task("timespan-from-minutes", () => type("System.TimeSpan").fromMinutes(90));
task("int-tryparse", () => type("System.Int32").tryParse("42"));
task("stringbuilder", () => {
  const StringBuilder = type("System.Text.StringBuilder");
  return new StringBuilder()
    .append("a")
    .append(1)
    .append("c")
    .append(2.5)
    .toString();
});

// System.Text.Json

task("json-serialize-dictionary", () => {
  const { JsonSerializer } = lib.namespaces.System.Text.Json;
  const Dictionary = type("System.Collections.Generic.Dictionary<string, int>");
  const counts = new Dictionary();
  counts.setItem("a", 1);
  counts.setItem("b", 2);
  return JsonSerializer.serialize(counts);
});

task("json-serialize-object", () => {
  const { JsonSerializer } = lib.namespaces.System.Text.Json;
  const payload = {
    name: "Ada",
    age: 36,
    tags: ["math", "engines"],
    active: true,
  };
  return JsonSerializer.serialize(payload);
});

task("json-serialize-options", () => {
  const { JsonSerializer, JsonSerializerOptions, JsonNamingPolicy } =
    lib.namespaces.System.Text.Json;
  const options = new JsonSerializerOptions();
  options.writeIndented = true;
  options.dictionaryKeyPolicy = JsonNamingPolicy.camelCase;
  const Dictionary = type("System.Collections.Generic.Dictionary<string, int>");
  const values = new Dictionary();
  values.setItem("FirstValue", 1);
  values.setItem("SecondValue", 2);
  return JsonSerializer.serialize(values, options);
});

task("json-serialize-values", () => {
  const { JsonSerializer } = lib.namespaces.System.Text.Json;
  const { TimeSpan, DayOfWeek } = lib.namespaces.System;
  return [
    JsonSerializer.serialize(42),
    JsonSerializer.serialize(2.5),
    JsonSerializer.serialize('say "hi" <b>'),
    JsonSerializer.serialize(true),
    JsonSerializer.serialize(Int32Array.from([1, 2, 3])),
    JsonSerializer.serialize.of("decimal")("12.50"),
    JsonSerializer.serialize(new Date(Date.UTC(2024, 0, 2, 3, 4, 5))),
    JsonSerializer.serialize.of("System.TimeSpan")(TimeSpan.fromMinutes(90)),
    JsonSerializer.serialize.of(DayOfWeek)(DayOfWeek.Friday),
  ];
});

task("json-deserialize-dictionary", () => {
  const { JsonSerializer } = lib.namespaces.System.Text.Json;
  const { Enumerable } = lib.namespaces.System.Linq;
  const stock = JsonSerializer.deserialize.of(
    "System.Collections.Generic.Dictionary<string, int>",
  )('{"apples":3,"pears":5}');
  return [
    stock.count,
    stock.getItem("pears"),
    stock.containsKey("plums"),
    Enumerable.sum(stock.values),
  ];
});

task("json-deserialize-list", () => {
  const { JsonSerializer } = lib.namespaces.System.Text.Json;
  const list = JsonSerializer.deserialize.of(
    "System.Collections.Generic.List<string>",
  )('["x","y","z"]');
  list.add("w");
  return [list.count, list.getItem(1), type("System.String").join("|", list)];
});

task("json-deserialize-web-options", () => {
  const {
    JsonSerializer,
    JsonSerializerOptions,
    JsonSerializerDefaults,
    JsonCommentHandling,
  } = lib.namespaces.System.Text.Json;
  const options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
  options.allowTrailingCommas = true;
  options.readCommentHandling = JsonCommentHandling.Skip;
  const values = JsonSerializer.deserialize.of(
    "System.Collections.Generic.Dictionary<string, int>",
  )('{ "a": "5", /* note */ "b": 6, }', options);
  return [values.getItem("a"), values.getItem("b"), values.count];
});

task("json-deserialize-invalid", () => {
  const { JsonSerializer } = lib.namespaces.System.Text.Json;
  const list = JsonSerializer.deserialize.of(
    "System.Collections.Generic.List<int>",
  )('[1, "two"]');
  return [...list];
});

task("jsondocument-navigate", () => {
  const { JsonDocument } = lib.namespaces.System.Text.Json;
  using document = JsonDocument.parse(
    '{"user":{"name":"Ada","age":36,"langs":["C#","F#"]}}',
  );
  const root = document.rootElement;
  const user = root.getProperty("user");
  const [found] = root.tryGetProperty("missing");
  return [
    user.getProperty("name").getString(),
    user.getProperty("age").getInt32(),
    user.getProperty("langs").getArrayLength(),
    user.getProperty("langs").getItem(1).getString(),
    user.getProperty("age").valueKind,
    found,
  ];
});

task("jsondocument-enumerate", () => {
  const { JsonDocument } = lib.namespaces.System.Text.Json;
  using document = JsonDocument.parse(
    '{"scores":[3,5,8],"name":"x","ok":true}',
  );
  const names: string[] = [];
  for (const property of document.rootElement.enumerateObject()) {
    names.push(property.name);
  }
  let sum = 0;
  for (const item of document.rootElement
    .getProperty("scores")
    .enumerateArray()) {
    sum += item.getInt32();
  }
  return [names, sum];
});

task("jsonnode-navigate", () => {
  const { JsonNode } = lib.namespaces.System.Text.Json.Nodes;
  const node = JsonNode.parse('{"a":{"b":[10,20,30]},"c":"text"}');
  const array = node.getItem("a").getItem("b").asArray();
  return [
    array.getItem(2).getValue.of("int")(),
    array.count,
    node.getItem("c").getValue.of("string")(),
    array.getItem(0).getPath(),
    node.getItem("missing") === null,
  ];
});

task("jsonnode-edit", () => {
  const { JsonNode, JsonArray, JsonObject } =
    lib.namespaces.System.Text.Json.Nodes;
  const person = JsonNode.parse('{"name":"Ada","year":1815}').asObject();
  person.setItem("year", 1816);
  const tags = new JsonArray();
  tags.add("math");
  tags.add("poetry");
  person.setItem("tags", tags);
  person.remove("name");
  const nested = new JsonObject();
  nested.setItem("deep", true);
  person.setItem("nested", nested);
  return person.toJsonString();
});

task("jsonnode-cast", () => {
  const { JsonNode } = lib.namespaces.System.Text.Json.Nodes;
  const node = JsonNode.parse('{"name":"Ada","age":36,"ratio":0.25}');
  const name = cast(node.getItem("name"), "string");
  const age = cast(node.getItem("age"), "int");
  const ratio = cast(node.getItem("ratio"), "double");
  return [name, age + 1, ratio * 2];
});

task("utf8jsonwriter", () => {
  const { Utf8JsonWriter } = lib.namespaces.System.Text.Json;
  const { MemoryStream } = lib.namespaces.System.IO;
  const { Encoding } = lib.namespaces.System.Text;
  using stream = new MemoryStream();
  {
    using writer = new Utf8JsonWriter(stream);
    writer.writeStartObject();
    writer.writeString("id", "A-1");
    writer.writeNumber("count", 3);
    writer.writeNumber("price", 9.5);
    writer.writeBoolean("paid", false);
    writer.writeStartArray("items");
    writer.writeStringValue("pen");
    writer.writeNumberValue(2);
    writer.writeEndArray();
    writer.writeNull("note");
    writer.writeEndObject();
  }
  return Encoding.utf8.getString(stream.toArray());
});

// Collections

task("list-basics", () => {
  const List = type("System.Collections.Generic.List<int>");
  const list = new List();
  for (const n of [5, 3, 8]) list.add(n);
  list.add(1);
  list.insert(0, 9);
  list.remove(3);
  list.removeAt(list.count - 1);
  list.addRange(Int32Array.from([7, 7]));
  return [
    list.count,
    list.getItem(0),
    list.indexOf(8),
    list.lastIndexOf(7),
    list.contains(5),
    list.toArray(),
  ];
});

task("list-sort-comparison", () => {
  const { String: NetString } = lib.namespaces.System;
  const List = type("System.Collections.Generic.List<string>");
  const words = new List();
  for (const word of ["pear", "fig", "banana", "kiwi", "apple"])
    words.add(word);
  words.sort((a: string, b: string) =>
    a.length !== b.length
      ? a.length - b.length
      : NetString.compareOrdinal(a, b),
  );
  return [...words];
});

task("bytes-results", () => {
  const { Convert } = lib.namespaces.System;
  const utf8 = lib.namespaces.System.Text.Encoding.utf8;
  const a = utf8.getBytes("abc");
  const b = utf8.getBytes("xyz");
  a[0] = 65;
  const big = utf8.getBytes("q".repeat(5000) + "!");
  const decoded = Convert.fromBase64String("AAEC/w==");
  if (![a, b, big, decoded].every((bytes) => Buffer.isBuffer(bytes)))
    throw new Error("a byte[] result is a Buffer");
  return [a, b, big.length, big[0], big[5000], decoded, utf8.getString(a)];
});

task("array-reverse-strings", () => {
  const {
    Array: NetArray,
    String: NetString,
    StringComparer,
  } = lib.namespaces.System;
  const words = ["pear", "fig", "banana", "kiwi"];
  const before = NetString.join(",", words);
  NetArray.sort(words, StringComparer.ordinal);
  const sorted = NetString.join(",", words);
  NetArray.reverse(words);
  return [before, sorted, words, NetArray.indexOf(words, "fig")];
});

task("list-sort-icomparer", () => {
  const List = type("System.Collections.Generic.List<int>");
  const list = new List();
  for (const n of [3, 1, 4, 1, 5, 9, 2, 6]) list.add(n);
  list.sort({ compare: (x: number, y: number) => y - x });
  return [...list];
});

task("list-binarysearch", () => {
  const List = type("System.Collections.Generic.List<int>");
  const list = new List();
  for (const n of [1, 3, 5, 7, 9]) list.add(n);
  const hit = list.binarySearch(7);
  const miss = list.binarySearch(4);
  list.insert(~miss, 4);
  return [hit, miss, [...list]];
});

task("list-predicates", () => {
  const List = type("System.Collections.Generic.List<int>");
  const list = new List();
  for (const n of [4, 8, 15, 16, 23, 42]) list.add(n);
  const firstOdd = list.find((x: number) => x % 2 === 1);
  const index = list.findIndex((x: number) => x > 15);
  const allPositive = list.trueForAll((x: number) => x > 0);
  const anyLarge = list.exists((x: number) => x > 40);
  const removed = list.removeAll((x: number) => x % 2 === 0);
  const labels = list.convertAll.of("string")((x: number) => `#${x}`);
  return [firstOdd, index, allPositive, anyLarge, removed, [...labels]];
});

task("list-copyto-buffer", () => {
  const List = type("System.Collections.Generic.List<int>");
  const list = new List();
  for (const n of [1, 2, 3]) list.add(n);
  const target = new Int32Array(6);
  list.copyTo(target, 2);
  list.copyTo(1, target, 0, 2);
  return target;
});

task("dictionary-basics", () => {
  const Dictionary = type("System.Collections.Generic.Dictionary<string, int>");
  const stock = new Dictionary();
  stock.setItem("apple", 1);
  stock.setItem("pear", 2);
  stock.setItem("apple", stock.getItem("apple") + 10);
  stock.add("plum", 3);
  const [found, pears] = stock.tryGetValue("pear");
  const [missing, kiwis] = stock.tryGetValue("kiwi");
  const removed = stock.remove("plum");
  const added = stock.tryAdd("pear", 99);
  return [
    stock.count,
    stock.getItem("apple"),
    found,
    pears,
    missing,
    kiwis,
    removed,
    added,
    stock.containsKey("plum"),
    stock.containsValue(2),
  ];
});

task("dictionary-iterate", () => {
  const { String: NetString } = lib.namespaces.System;
  const { Enumerable } = lib.namespaces.System.Linq;
  const Dictionary = type("System.Collections.Generic.Dictionary<string, int>");
  const ages = new Dictionary();
  ages.setItem("ann", 31);
  ages.setItem("bob", 25);
  ages.setItem("cy", 40);
  const parts: string[] = [];
  for (const [name, age] of ages) {
    parts.push(`${name}=${age}`);
  }
  for (const [key, value] of ages) {
    if (value > 30) parts.push(key.toUpperCase());
  }
  return [
    NetString.join(";", parts),
    NetString.join(",", ages.keys),
    Enumerable.max(ages.values),
  ];
});

task("dictionary-keynotfound", () => {
  const Dictionary = type("System.Collections.Generic.Dictionary<string, int>");
  const prices = new Dictionary();
  prices.setItem("a", 1);
  return prices.getItem("b");
});

task("dictionary-comparer", () => {
  const { StringComparer } = lib.namespaces.System;
  const Dictionary = type(
    "System.Collections.Generic.Dictionary<string, string>",
  );
  const headers = new Dictionary(StringComparer.ordinalIgnoreCase);
  headers.setItem("Content-Type", "text/plain");
  headers.setItem("content-type", "application/json");
  return [
    headers.count,
    headers.getItem("CONTENT-TYPE"),
    headers.containsKey("content-TYPE"),
  ];
});

task("concurrentdictionary", () => {
  const ConcurrentDictionary = type(
    "System.Collections.Concurrent.ConcurrentDictionary<string, int>",
  );
  const counts = new ConcurrentDictionary();
  for (const word of ["a", "b", "a", "c", "a"]) {
    counts.addOrUpdate(word, 1, (_key: string, n: number) => n + 1);
  }
  const length = counts.getOrAdd("hello", (key: string) => key.length);
  const existing = counts.getOrAdd("a", 100);
  const [removed, bCount] = counts.tryRemove("b");
  return [counts.getItem("a"), length, existing, removed, bCount, counts.count];
});

task("hashset-ops", () => {
  const { Enumerable } = lib.namespaces.System.Linq;
  const HashSet = type("System.Collections.Generic.HashSet<int>");
  const a = new HashSet();
  for (const n of [1, 2, 3, 4]) a.add(n);
  const b = new HashSet();
  for (const n of [3, 4, 5]) b.add(n);
  const addedAgain = a.add(2);
  const union = new HashSet(a);
  union.unionWith(b);
  const common = new HashSet(a);
  common.intersectWith(b);
  const onlyA = new HashSet(a);
  onlyA.exceptWith(b);
  return [
    addedAgain,
    Enumerable.toArray(Enumerable.order(union)),
    Enumerable.toArray(Enumerable.order(common)),
    Enumerable.toArray(Enumerable.order(onlyA)),
    a.overlaps(b),
    b.isSupersetOf(Int32Array.from([3, 5])),
    a.setEquals(Int32Array.from([4, 3, 2, 1, 1])),
  ];
});

task("queue-stack", () => {
  const Queue = type("System.Collections.Generic.Queue<string>");
  const Stack = type("System.Collections.Generic.Stack<int>");
  const queue = new Queue();
  queue.enqueue("first");
  queue.enqueue("second");
  queue.enqueue("third");
  const dequeued = queue.dequeue();
  const peeked = queue.peek();
  const [took, next] = queue.tryDequeue();
  const stack = new Stack();
  for (const n of [1, 2, 3]) stack.push(n);
  const popped = stack.pop();
  const [hasTop, top] = stack.tryPeek();
  return [
    dequeued,
    peeked,
    took,
    next,
    queue.count,
    popped,
    hasTop,
    top,
    stack.toArray(),
  ];
});

task("priorityqueue", () => {
  const PriorityQueue = type(
    "System.Collections.Generic.PriorityQueue<string, int>",
  );
  const queue = new PriorityQueue();
  queue.enqueue("write docs", 3);
  queue.enqueue("fix bug", 1);
  queue.enqueue("review", 2);
  const first = queue.dequeue();
  const [, second, priority] = queue.tryDequeue();
  return [first, second, priority, queue.count, queue.peek()];
});

task("sorteddictionary", () => {
  const { String: NetString } = lib.namespaces.System;
  const { Enumerable } = lib.namespaces.System.Linq;
  const SortedDictionary = type(
    "System.Collections.Generic.SortedDictionary<string, decimal>",
  );
  const prices = new SortedDictionary();
  prices.setItem("pear", "1.25");
  prices.setItem("apple", "0.5");
  prices.setItem("fig", "2");
  const first = Enumerable.first(prices);
  return [
    NetString.join(",", prices.keys),
    first.key,
    first.value,
    Enumerable.sum(prices.values),
  ];
});

task("sortedset", () => {
  const { Enumerable } = lib.namespaces.System.Linq;
  const SortedSet = type("System.Collections.Generic.SortedSet<int>");
  const set = new SortedSet();
  for (const n of [42, 7, 19, 3, 25]) set.add(n);
  const view = set.getViewBetween(5, 30);
  return [
    set.min,
    set.max,
    view.count,
    Enumerable.toArray(view),
    set.remove(7),
    Enumerable.first(set.reverse()),
  ];
});

task("linkedlist", () => {
  const { String: NetString } = lib.namespaces.System;
  const LinkedList = type("System.Collections.Generic.LinkedList<string>");
  const list = new LinkedList();
  list.addLast("b");
  list.addFirst("a");
  const d = list.addLast("d");
  list.addBefore(d, "c");
  list.addLast("e");
  list.removeFirst();
  list.remove("e");
  return [
    list.count,
    list.first.value,
    list.last.previous.value,
    NetString.join("-", list),
    list.find("c") !== null,
  ];
});

task("array-sort-reverse", () => {
  const { Array: NetArray } = lib.namespaces.System;
  const numbers = Int32Array.from([5, 2, 9, 1, 7]);
  NetArray.sort(numbers);
  const sorted = numbers.slice();
  NetArray.reverse(numbers);
  return [
    sorted,
    numbers,
    NetArray.indexOf(numbers, 7),
    NetArray.binarySearch(sorted, 7),
    NetArray.indexOf(numbers, 3),
  ];
});

task("array-sort-strings", () => {
  const { Array: NetArray, StringComparer } = lib.namespaces.System;
  const names = ["bob", "Alice", "dave", "Carol"];
  NetArray.sort(names, StringComparer.ordinalIgnoreCase);
  const byLength = [...names];
  NetArray.sort(byLength, (x: string, y: string) => x.length - y.length);
  return [names, byLength];
});

task("array-fill-find", () => {
  const { Array: NetArray } = lib.namespaces.System;
  const cells = new Int32Array(6);
  NetArray.fill(cells, 7);
  cells[2] = 1;
  cells[4] = 3;
  return [
    cells,
    NetArray.exists(cells, (x: number) => x === 1),
    NetArray.findIndex(cells, (x: number) => x < 5),
    NetArray.findLastIndex(cells, (x: number) => x < 5),
    NetArray.trueForAll(cells, (x: number) => x > 0),
    NetArray.findAll(cells, (x: number) => x !== 7),
  ];
});

// LINQ (the static form of the extension methods)

task("linq-where-select", () => {
  const { Enumerable } = lib.namespaces.System.Linq;
  const multiples = Enumerable.where(
    Enumerable.range(1, 10),
    (x: number) => x % 3 === 0,
  );
  return Enumerable.toArray(
    Enumerable.select.of("int", "int")(multiples, (x: number) => x * x),
  );
});

task("linq-orderby-thenby", () => {
  const { Enumerable } = lib.namespaces.System.Linq;
  const { StringComparer } = lib.namespaces.System;
  const words = ["pear", "Fig", "banana", "kiwi", "apple", "date"];
  const byLength = Enumerable.orderBy.of("string", "int")(
    words,
    (w: string) => w.length,
  );
  const ordered = Enumerable.toList(
    Enumerable.thenBy.of("string", "string")(
      byLength,
      (w: string) => w,
      StringComparer.ordinal,
    ),
  );
  const longest = Enumerable.first(
    Enumerable.orderByDescending.of("string", "int")(
      words,
      (w: string) => w.length,
    ),
  );
  return [[...ordered], longest];
});

task("linq-groupby", () => {
  const { Enumerable } = lib.namespaces.System.Linq;
  const { String: NetString } = lib.namespaces.System;
  const words = [
    "apple",
    "avocado",
    "banana",
    "blueberry",
    "cherry",
    "apricot",
  ];
  const groups = Enumerable.groupBy.of("string", "char")(
    words,
    (w: string) => w[0],
  );
  return [...groups].map(
    (g) => `${g.key}:${Enumerable.count(g)}:${NetString.join("/", g)}`,
  );
});

task("linq-aggregate", () => {
  const { Enumerable } = lib.namespaces.System.Linq;
  const { Char } = lib.namespaces.System;
  const product = Enumerable.aggregate(
    Enumerable.range(1, 5),
    (a: number, b: number) => a * b,
  );
  const initials = Enumerable.aggregate(
    ["dotnet", "host", "node"],
    "",
    (acc: string, w: string) => acc + Char.toUpperInvariant(w[0]),
  );
  const longest = Enumerable.aggregate.of("string", "string", "string")(
    ["a", "abc", "ab"],
    "",
    (best: string, w: string) => (w.length > best.length ? w : best),
    (best: string) => best.toUpperCase(),
  );
  return [product, initials, longest];
});

task("linq-numeric", () => {
  const { Enumerable } = lib.namespaces.System.Linq;
  const values = Int32Array.from([4, 8, 15, 16, 23, 42]);
  return [
    Enumerable.sum(values),
    Enumerable.max(values),
    Enumerable.min(values),
    Enumerable.average(values),
    Enumerable.count(values, (v: number) => v > 10),
  ];
});

task("linq-distinct-zip", () => {
  const { Enumerable } = lib.namespaces.System.Linq;
  const numbers = Int32Array.from([1, 2, 2, 3, 3, 3]);
  const distinct = Enumerable.toArray(Enumerable.distinct(numbers));
  const words = ["one", "two", "three"];
  const labelled = Enumerable.toArray(
    Enumerable.zip.of("int", "string", "string")(
      distinct,
      words,
      (n: number, w: string) => `${n}=${w}`,
    ),
  );
  const pairs = [...Enumerable.zip(distinct, words)].map(
    (p) => p.item2 + p.item1,
  );
  return [distinct, labelled, pairs];
});

task("linq-todictionary-lookup", () => {
  const { Enumerable } = lib.namespaces.System.Linq;
  const words = ["alpha", "beta", "gamma"];
  const lengths = Enumerable.toDictionary.of("string", "string", "int")(
    words,
    (w: string) => w,
    (w: string) => w.length,
  );
  const byLength = Enumerable.toLookup.of("string", "int")(
    words,
    (w: string) => w.length,
  );
  return [
    Object.fromEntries(lengths),
    Enumerable.count(byLength.getItem(5)),
    byLength.contains(4),
    byLength.count,
  ];
});

task("linq-quantifiers", () => {
  const { Enumerable } = lib.namespaces.System.Linq;
  const range = Enumerable.range(0, 20);
  return [
    Enumerable.any(range, (x: number) => x > 18),
    Enumerable.all(range, (x: number) => x >= 0),
    Enumerable.first(range, (x: number) => x > 5),
    Enumerable.firstOrDefault(range, (x: number) => x > 100),
    Enumerable.toArray(Enumerable.take(Enumerable.skip(range, 5), 3)),
    Enumerable.toArray(Enumerable.take(Enumerable.reverse(range), 2)),
    Enumerable.contains(range, 7),
    Enumerable.last(range),
  ];
});

task("linq-selectmany", () => {
  const { Enumerable } = lib.namespaces.System.Linq;
  const lines = ["the quick fox", "the lazy dog"];
  const words = Enumerable.selectMany.of("string", "string")(
    lines,
    (line: string) => line.split(" "),
  );
  return Enumerable.toArray(
    Enumerable.orderBy.of("string", "string")(
      Enumerable.distinct(words),
      (w: string) => w,
    ),
  );
});

task("linq-first-empty", () => {
  const { Enumerable } = lib.namespaces.System.Linq;
  const List = type("System.Collections.Generic.List<int>");
  return Enumerable.first(new List());
});

task("linq-string-chars", () => {
  const { Enumerable } = lib.namespaces.System.Linq;
  const { String: NetString } = lib.namespaces.System;
  return [
    NetString.concat(Enumerable.distinct("Mississippi")),
    Enumerable.count("Mississippi", (c: string) => c === "s"),
  ];
});

// System.Numerics

task("biginteger-arithmetic", () => {
  const { BigInteger } = lib.namespaces.System.Numerics;
  const a = BigInteger.parse("123456789012345678901234567890");
  const b = new BigInteger(987654321);
  return [
    BigInteger.op_Multiply(a, b).toString(),
    BigInteger.op_Division(a, b).toString(),
    BigInteger.op_Modulus(a, b).toString(),
    BigInteger.op_Subtraction(a, BigInteger.op_Multiply(b, b)).toString(),
    BigInteger.pow(2, 100).toString(),
    BigInteger.op_UnaryNegation(a).sign,
  ];
});

task("biginteger-modpow", () => {
  const { BigInteger } = lib.namespaces.System.Numerics;
  const modPow = BigInteger.modPow(4, 13, 497);
  const gcd = BigInteger.greatestCommonDivisor(BigInteger.parse("1071"), 462);
  const [parsed, bad] = BigInteger.tryParse("12x");
  const big = BigInteger.parse("-99999999999999999999");
  return [
    modPow.toString(),
    gcd.toString(),
    parsed,
    bad.isZero,
    big.sign,
    BigInteger.abs(big).toString(),
    cast(BigInteger.op_Division(big, BigInteger.pow(10, 10)), "long"),
    BigInteger.compare(big, BigInteger.minusOne),
    big.isEven,
  ];
});

task("biginteger-factorial", () => {
  const { BigInteger } = lib.namespaces.System.Numerics;
  let factorial = BigInteger.one;
  for (let i = 2; i <= 30; i++) {
    factorial = BigInteger.op_Multiply(factorial, i);
  }
  return [
    factorial.toString(),
    factorial.toString().length,
    factorial.toByteArray().length,
    BigInteger.op_Modulus(factorial, 1_000_007).toString(),
  ];
});

task("complex-arithmetic", () => {
  const { Complex } = lib.namespaces.System.Numerics;
  const z = new Complex(3, 4);
  const w = new Complex(1, -2);
  const product = Complex.op_Multiply(z, w);
  const quotient = Complex.op_Division(z, w);
  return [
    z.magnitude,
    product.real,
    product.imaginary,
    quotient.real,
    quotient.imaginary,
    Complex.conjugate(z).imaginary,
    Complex.abs(z),
    Complex.op_Addition(z, 1).real,
    Complex.sqrt(new Complex(-4, 0)).imaginary,
  ];
});

task("vector3-ops", () => {
  const { Vector3 } = lib.namespaces.System.Numerics;
  const a = new Vector3(1, 2, 2);
  const b = new Vector3(0.5, 0, 1);
  const sum = Vector3.op_Addition(a, b);
  const scaled = Vector3.op_Multiply(a, 2);
  const cross = Vector3.cross(a, b);
  return [
    a.length(),
    Vector3.dot(a, b),
    sum.x,
    sum.y,
    sum.z,
    scaled.y,
    cross.x,
    cross.y,
    cross.z,
    Vector3.distance(a, b),
    Vector3.normalize(a).x,
    Vector3.op_Subtraction(a, b).lengthSquared(),
  ];
});

task("matrix4x4", () => {
  const { Matrix4x4, Vector3 } = lib.namespaces.System.Numerics;
  const m = Matrix4x4.op_Multiply(
    Matrix4x4.createTranslation(1, 2, 3),
    Matrix4x4.createScale(2),
  );
  const p = Vector3.transform(new Vector3(1, 1, 1), m);
  const [inverted, inverse] = Matrix4x4.invert(m);
  const back = Vector3.transform(p, inverse);
  return [
    p.x,
    p.y,
    p.z,
    m.m41,
    m.m11,
    Matrix4x4.identity.isIdentity,
    m.isIdentity,
    inverted,
    inverse.m11,
    back.z,
  ];
});

task("vector2-equality", () => {
  const { Vector2 } = lib.namespaces.System.Numerics;
  const { CultureInfo } = lib.namespaces.System.Globalization;
  const v = new Vector2(3, 4);
  return [
    v.equals(new Vector2(3, 4)),
    Vector2.op_Equality(v, new Vector2(3, 4)),
    v.toString("F1", CultureInfo.invariantCulture),
    Vector2.max(v, new Vector2(5, 1)).toString(
      "F0",
      CultureInfo.invariantCulture,
    ),
    v.length(),
  ];
});

// Regular expressions

task("regex-ismatch", () => {
  const { Regex, RegexOptions } = lib.namespaces.System.Text.RegularExpressions;
  return [
    Regex.isMatch("Hello World", "^hello", RegexOptions.IgnoreCase),
    Regex.isMatch("Hello World", "^hello"),
    Regex.isMatch("abc123", String.raw`^\d+$`),
    Regex.matches("one\ntwo\nthree", "^t", RegexOptions.Multiline).count,
    Regex.isMatch(
      "A b",
      "a b",
      RegexOptions.IgnoreCase | RegexOptions.CultureInvariant,
    ),
  ];
});

task("regex-match-groups", () => {
  const { Regex } = lib.namespaces.System.Text.RegularExpressions;
  const m = Regex.match(
    "Order #1234 placed on 2024-03-15",
    String.raw`#(?<id>\d+).*?(\d{4})-(\d{2})-(\d{2})`,
  );
  return [
    m.success,
    m.groups.getItem("id").value,
    m.groups.getItem(1).value,
    m.groups.getItem(3).value,
    m.groups.count,
    m.index,
    m.length,
    m.groups.getItem("id").index,
    Regex.match("none", String.raw`\d`).success,
  ];
});

task("regex-matches-iterate", () => {
  const { Regex } = lib.namespaces.System.Text.RegularExpressions;
  const matches = Regex.matches("a1b22c333d", String.raw`\d+`);
  const found: string[] = [];
  for (const match of matches) {
    found.push(`${match.value}@${match.index}`);
  }
  return [matches.count, matches.getItem(1).value, found];
});

task("regex-replace-evaluator", () => {
  const { Regex } = lib.namespaces.System.Text.RegularExpressions;
  const { Int32 } = lib.namespaces.System;
  const doubled = Regex.replace(
    "price: 10, tax: 3",
    String.raw`\d+`,
    (match: { value: string }) => String(Int32.parse(match.value) * 2),
  );
  const titled = Regex.replace(
    "hello big world",
    String.raw`\b\w`,
    (match: { value: string }) => match.value.toUpperCase(),
  );
  return [doubled, titled];
});

task("regex-replace-pattern", () => {
  const { Regex, RegexOptions } = lib.namespaces.System.Text.RegularExpressions;
  return [
    Regex.replace("2024-03-15", String.raw`(\d+)-(\d+)-(\d+)`, "$3/$2/$1"),
    new Regex(String.raw`\s+`).replace("a   b \t c", " "),
    Regex.replace("x-y-z", "-", "+", RegexOptions.None),
    new Regex("o").replace("foo boo", "0", 2),
  ];
});

task("regex-split", () => {
  const { Regex } = lib.namespaces.System.Text.RegularExpressions;
  return [
    Regex.split("one, two;three  four", String.raw`[,;\s]+`),
    Regex.split("a1b2c", String.raw`(\d)`),
    new Regex(",").split("a,b,c,d", 2),
  ];
});

task("regex-named-dictionary", () => {
  const { Regex, RegexOptions } = lib.namespaces.System.Text.RegularExpressions;
  const pattern = new Regex(
    String.raw`(?<key>\w+)=(?<value>[^;]*)`,
    RegexOptions.Compiled,
  );
  const Dictionary = type(
    "System.Collections.Generic.Dictionary<string, string>",
  );
  const settings = new Dictionary();
  for (const m of pattern.matches("host=localhost;port=8080;debug=")) {
    settings.setItem(
      m.groups.getItem("key").value,
      m.groups.getItem("value").value,
    );
  }
  return [
    Object.fromEntries(settings),
    pattern.getGroupNames(),
    pattern.options,
  ];
});

task("regex-escape", () => {
  const { Regex } = lib.namespaces.System.Text.RegularExpressions;
  return [
    Regex.escape("1+1=2? (yes) [a.b]"),
    Regex.unescape(String.raw`tab\there\u0041`),
    Regex.isMatch("a.b", Regex.escape("a.b")),
    Regex.isMatch("axb", Regex.escape("a.b")),
  ];
});

task("regex-invalid", () => {
  const { Regex } = lib.namespaces.System.Text.RegularExpressions;
  return new Regex("(unclosed").toString();
});

// StringBuilder, string and char statics

task("stringbuilder-insert-replace", () => {
  const { StringBuilder } = lib.namespaces.System.Text;
  const sb = new StringBuilder("hello world");
  sb.insert(0, "[").append("]");
  sb.replace("world", "there");
  sb.insert(1, 42);
  sb.setItem(0, "(");
  sb.remove(sb.length - 1, 1).append(")");
  sb.appendLine().append("line2");
  return [sb.toString(), sb.length, sb.toString(1, 2), sb.getItem(3)];
});

task("stringbuilder-appendformat", () => {
  const { StringBuilder } = lib.namespaces.System.Text;
  const { CultureInfo } = lib.namespaces.System.Globalization;
  const sb = new StringBuilder();
  sb.appendFormat("{0} + {1} = {2}", 1, 2, 3).appendLine();
  sb.appendFormat("{0}{1}{2}{3}", "a", "b", "c", "d").appendLine();
  sb.appendFormat(
    CultureInfo.invariantCulture,
    "{0:N2} | {1,6:F1} | {2:X}",
    1234.5,
    3.14159,
    255,
  );
  return sb.toString();
});

task("stringbuilder-appendjoin", () => {
  const { StringBuilder } = lib.namespaces.System.Text;
  const List = type("System.Collections.Generic.List<int>");
  const sb = new StringBuilder();
  sb.appendJoin(", ", "a", "b", "c").append(" | ");
  sb.appendJoin("-", 1, 2, 3).append(" | ");
  const list = new List();
  list.add(4);
  list.add(5);
  sb.appendJoin("; ", list);
  return sb.toString();
});

task("string-format-params", () => {
  const {
    String: NetString,
    Math: NetMath,
    DateTime,
    DateTimeKind,
  } = lib.namespaces.System;
  const { CultureInfo } = lib.namespaces.System.Globalization;
  return [
    NetString.format("{0}-{1}-{2}-{3}", "a", 1, true, 2.5),
    NetString.format("[{0,5}|{1,-5}]", "x", "y"),
    NetString.format(
      CultureInfo.invariantCulture,
      "{0:F3} {1:P1} {2:X4}",
      NetMath.pi,
      0.256,
      255,
    ),
    NetString.format(
      CultureInfo.invariantCulture,
      "{0:yyyy-MM-dd HH:mm}",
      new DateTime(2024, 3, 15, 8, 30, 0, DateTimeKind.Utc),
    ),
    NetString.format("{0} items", 3),
  ];
});

// A synchronous call reads its string arguments into 512 units of room on its stack (one
// Node-API call each) while they fit beside Node's terminator, and each other one into a
// buffer of its own: strings on both sides of the room, a long one, and calls whose later
// arguments no longer fit.
task("string-arguments-around-512-units", () => {
  const { String: NetString } = lib.namespaces.System;
  return [
    NetString.concat("a".repeat(508) + "🎉", "b"),
    NetString.concat("a".repeat(509) + "🎉", "b"),
    NetString.concat("a".repeat(510) + "🎉", "b"),
    NetString.concat("a".repeat(511) + "🎉", "b"),
    NetString.concat("q".repeat(100_000), "b"),
    NetString.concat("c".repeat(300), "d".repeat(300)),
    NetString.concat("e".repeat(200), "f".repeat(200), "g".repeat(200)),
    NetString.concat("é\0x", ""),
  ];
});

// ASCII results cross as bytes in the same room (512 of them); others as UTF-16 units
// when they fit, else pinned.
task("string-results-ascii-around-512-bytes", () => {
  const { String: NetString } = lib.namespaces.System;
  return [
    NetString.new("a", 511),
    NetString.new("b", 512),
    NetString.new("c", 513),
    NetString.concat(NetString.new("d", 511), "é"),
    NetString.concat(NetString.new("e", 255), "é"),
    NetString.concat("é", NetString.new("f", 300)),
    NetString.concat(NetString.new("g", 300), "\u007f\0"),
    NetString.concat(NetString.new("h", 200), "\u0080"),
    NetString.concat("", ""),
    NetString.join(",", type("System.Linq.Enumerable").range(0, 120)),
  ];
});

task("string-results-around-256-units", () => {
  const { String: NetString, Decimal, Guid } = lib.namespaces.System;
  const padLeft = instance("System.String.PadLeft");
  const padRight = instance("System.String.PadRight");
  return [
    padRight(padLeft("ж", 255, "€"), 256, "é"),
    NetString.new("x", 256),
    NetString.concat(NetString.new("y", 255), "🎉"),
    NetString.new("z", 257),
    NetString.join("", type("System.Linq.Enumerable").repeat("ab", 200)),
    Decimal.parse("79228162514264337593543950335"),
    Guid.new("3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
  ];
});

task("string-join-concat", () => {
  const { String: NetString } = lib.namespaces.System;
  const List = type("System.Collections.Generic.List<int>");
  const list = new List();
  for (const n of [1, 2, 3]) list.add(n);
  return [
    NetString.join(", ", list),
    NetString.join("-", "a", "b", "c"),
    NetString.join("+", 1, "x", true),
    NetString.join("/", ["p", "q", "r"], 1, 2),
    NetString.concat("a", "b", "c", "d"),
    NetString.concat(1, 2),
    NetString.concat(["x", "y", "z"]),
  ];
});

task("string-split-options", () => {
  const { StringSplitOptions } = lib.namespaces.System;
  const split = instance("System.String.Split");
  return [
    split(
      "a, b,,c ,",
      ",",
      // A [Flags] value competing with an int overload goes by name.
      "RemoveEmptyEntries, TrimEntries",
    ),
    // 2 is also a StringSplitOptions value: the count overload is named by its types.
    lib
      .bind("System.String.Split", [
        "string",
        "int",
        "System.StringSplitOptions",
      ])
      .call("k=v=w", "=", 2),
    split("a--b--c", "--"),
    split("a b  c", [" "], StringSplitOptions.RemoveEmptyEntries),
  ];
});

// Overload choices are remembered per argument shape: strings of ever new text still find
// theirs, and where an enum parameter reads names, the text is part of the shape.
task("overloads-with-ever-new-strings", () => {
  const { String: NetString, Math: NetMath, Char } = lib.namespaces.System;
  const builder = new (type("System.Text.StringBuilder"))();
  for (let i = 0; i < 300; i++)
    builder.append(`w${i}`).append(i % 7 === 0 ? "x" : "yz");
  return [
    builder.toString(),
    NetString.compare("apple", "APPLE", "Ordinal"),
    NetString.compare("apple", "APPLE", "OrdinalIgnoreCase"),
    NetMath.sign(NetString.compare("a", "B", "InvariantCulture")),
    NetMath.sign(NetString.compare("a", "B", "InvariantCultureIgnoreCase")),
    Char.isDigit("7"),
    Char.isDigit("a"),
    Char.isDigit("a7", 1),
  ];
});

task("string-compare", () => {
  const {
    String: NetString,
    Math: NetMath,
    StringComparison,
  } = lib.namespaces.System;
  const { CultureInfo, CompareOptions } = lib.namespaces.System.Globalization;
  return [
    NetString.compare("apple", "APPLE", StringComparison.OrdinalIgnoreCase),
    NetMath.sign(NetString.compare("a", "B", StringComparison.Ordinal)),
    NetMath.sign(
      NetString.compare("a", "B", StringComparison.InvariantCultureIgnoreCase),
    ),
    NetString.equals("Hello", "HELLO", StringComparison.OrdinalIgnoreCase),
    NetString.compare(
      "résumé",
      "resume",
      CultureInfo.invariantCulture,
      CompareOptions.IgnoreNonSpace,
    ),
    NetMath.sign(NetString.compareOrdinal("abc", "abd")),
    NetString.compare("file10", "file9", StringComparison.Ordinal) < 0,
  ];
});

task("char-statics", () => {
  const { Char } = lib.namespaces.System;
  return [
    Char.isDigit("7"),
    Char.isLetter("x"),
    Char.isWhiteSpace("\t"),
    Char.toUpperInvariant("q"),
    Char.getNumericValue("8"),
    Char.isUpper("aBc", 1),
    Char.convertFromUtf32(0x1f600),
    Char.convertToUtf32("😀", 0),
    Char.isSurrogatePair("😀", 0),
  ];
});

// Path, File, Directory

task("path-parts", () => {
  const { Path } = lib.namespaces.System.IO;
  const file = "/var/data/archive.tar.gz";
  return [
    Path.getExtension(file),
    Path.getFileNameWithoutExtension(file),
    Path.getFileName(file),
    Path.getDirectoryName(file),
    Path.changeExtension("notes/readme.txt", ".md"),
    Path.join("a", "b", "c"),
    Path.isPathRooted("/x"),
    Path.getFullPath("/a/b/../c"),
    Path.hasExtension("Makefile"),
    Path.directorySeparatorChar,
  ];
});

task("file-text-roundtrip", () => {
  const { Path, File, Directory, FileInfo } = lib.namespaces.System.IO;
  const { Guid } = lib.namespaces.System;
  const dir = Path.combine(Path.getTempPath(), "compat-" + Guid.newGuid());
  Directory.createDirectory(dir);
  try {
    const path = Path.combine(dir, "notes.txt");
    File.writeAllText(path, "one\ntwo\n");
    File.appendAllText(path, "three\n");
    File.appendAllLines(path, ["four", "five"]);
    const lines = File.readAllLines(path);
    const text = File.readAllText(path);
    return [
      lines,
      text.length,
      File.exists(path),
      new FileInfo(path).length,
      Path.getFileName(path),
    ];
  } finally {
    Directory.delete(dir, true);
  }
});

task("directory-getfiles", () => {
  const { Path, File, Directory, SearchOption } = lib.namespaces.System.IO;
  const { Guid } = lib.namespaces.System;
  const { Enumerable } = lib.namespaces.System.Linq;
  const dir = Path.combine(Path.getTempPath(), "compat-" + Guid.newGuid());
  const sub = Directory.createDirectory(Path.combine(dir, "sub"));
  try {
    for (const name of ["b.txt", "a.txt", "c.log"]) {
      File.writeAllText(Path.combine(dir, name), name);
    }
    File.writeAllText(Path.combine(sub.fullName, "d.txt"), "d");
    const names: string[] = Directory.getFiles(dir, "*.txt").map((f: string) =>
      Path.getFileName(f),
    );
    names.sort();
    const deep = Directory.getFiles(
      dir,
      "*.txt",
      SearchOption.AllDirectories,
    ).length;
    const dirs = Directory.getDirectories(dir).map((d: string) =>
      Path.getFileName(d),
    );
    const count = Enumerable.count(Directory.enumerateFiles(dir));
    const parentMatches = sub.parent.fullName === dir;
    Directory.delete(dir, true);
    return [
      names,
      deep,
      dirs,
      count,
      sub.name,
      parentMatches,
      Directory.exists(dir),
    ];
  } finally {
    if (Directory.exists(dir)) Directory.delete(dir, true);
  }
});

task("file-bytes-stream", () => {
  const { Path, File } = lib.namespaces.System.IO;
  const { Guid } = lib.namespaces.System;
  const path = Path.combine(
    Path.getTempPath(),
    "compat-" + Guid.newGuid() + ".bin",
  );
  try {
    File.writeAllBytes(path, Buffer.from([1, 2, 3, 250]));
    const bytes = File.readAllBytes(path);
    using stream = File.openRead(path);
    const buffer = Buffer.alloc(8);
    const read = stream.read(buffer, 0, buffer.length);
    const again = stream.read(buffer, 0, buffer.length);
    return [bytes, read, again, buffer, stream.length, stream.position];
  } finally {
    File.delete(path);
  }
});

task("file-not-found", () => {
  const { Path, File } = lib.namespaces.System.IO;
  const { Guid } = lib.namespaces.System;
  return File.readAllText(
    Path.combine(
      Path.getTempPath(),
      "compat-missing-" + Guid.newGuid() + ".txt",
    ),
  );
});

task("streamwriter-file", () => {
  const { Path, File, StreamWriter, StreamReader } = lib.namespaces.System.IO;
  const { Guid } = lib.namespaces.System;
  const path = Path.combine(
    Path.getTempPath(),
    "compat-" + Guid.newGuid() + ".txt",
  );
  try {
    {
      using writer = new StreamWriter(path);
      writer.writeLine("alpha");
      writer.write(42);
      writer.write(" ");
      writer.write(true);
      writer.writeLine();
      writer.writeLine("{0}-{1}", "x", 7);
    }
    const lines: string[] = [];
    {
      using reader = new StreamReader(path);
      let line: string | null;
      while ((line = reader.readLine()) !== null) {
        lines.push(line);
      }
    }
    return lines;
  } finally {
    File.delete(path);
  }
});

task("file-async", async () => {
  const { Path, File } = lib.namespaces.System.IO;
  const { Guid } = lib.namespaces.System;
  const path = Path.combine(
    Path.getTempPath(),
    "compat-" + Guid.newGuid() + ".txt",
  );
  try {
    await File.writeAllTextAsync(path, "line one\nline two");
    await File.appendAllTextAsync(path, "\nline three");
    const lines = await File.readAllLinesAsync(path);
    const text = await File.readAllTextAsync(path);
    return [lines, text.length];
  } finally {
    File.delete(path);
  }
});

// Streams and readers

task("memorystream-read-chunks", () => {
  const { MemoryStream } = lib.namespaces.System.IO;
  const { Encoding } = lib.namespaces.System.Text;
  using stream = new MemoryStream(Encoding.utf8.getBytes("hello stream!"));
  const buffer = Buffer.alloc(5);
  const chunks: string[] = [];
  let read: number;
  while ((read = stream.read(buffer, 0, buffer.length)) > 0) {
    chunks.push(Encoding.utf8.getString(buffer, 0, read));
  }
  return [chunks, stream.position, stream.length];
});

task("memorystream-write", () => {
  const { MemoryStream, SeekOrigin } = lib.namespaces.System.IO;
  using stream = new MemoryStream();
  stream.write(Buffer.from([1, 2, 3]), 0, 3);
  stream.writeByte(9);
  stream.position = 1;
  const b = stream.readByte();
  stream.seek(0, SeekOrigin.End);
  stream.write(Buffer.from([7, 8]));
  return [stream.toArray(), stream.length, b, stream.position];
});

task("memorystream-readasync", async () => {
  const { MemoryStream } = lib.namespaces.System.IO;
  const { Encoding } = lib.namespaces.System.Text;
  using stream = new MemoryStream(Encoding.ascii.getBytes("async bytes"));
  const buffer = Buffer.alloc(5);
  const read = await stream.readAsync(buffer, 0, buffer.length);
  return [read, Encoding.ascii.getString(buffer)];
});

task("stringreader-lines", () => {
  const { StringReader } = lib.namespaces.System.IO;
  using reader = new StringReader("first\nsecond\r\nthird");
  const lines: string[] = [];
  let line: string | null;
  while ((line = reader.readLine()) !== null) {
    lines.push(line);
  }
  return [lines, reader.peek(), reader.readToEnd()];
});

task("streamreader-memorystream", () => {
  const { MemoryStream, StreamReader } = lib.namespaces.System.IO;
  const { Encoding } = lib.namespaces.System.Text;
  const bytes = Encoding.utf8.getBytes("ä first\nsecond\nthird");
  using reader = new StreamReader(new MemoryStream(bytes), Encoding.utf8);
  const first = reader.readLine();
  const rest = reader.readToEnd();
  return [first, rest, reader.endOfStream, bytes.length];
});

task("stream-closed-by-reader", () => {
  const { MemoryStream, StreamReader } = lib.namespaces.System.IO;
  const stream = new MemoryStream(Buffer.from([1, 2, 3]));
  const reader = new StreamReader(stream);
  reader.dispose();
  return stream.readByte();
});

task("gzip-roundtrip", () => {
  const { MemoryStream } = lib.namespaces.System.IO;
  const { GZipStream, CompressionLevel, CompressionMode } =
    lib.namespaces.System.IO.Compression;
  const { Encoding } = lib.namespaces.System.Text;
  const { String: NetString } = lib.namespaces.System;
  const { Enumerable } = lib.namespaces.System.Linq;
  const original = Encoding.utf8.getBytes(
    NetString.concat(Enumerable.repeat("compress me ", 50)),
  );
  using compressed = new MemoryStream();
  {
    using gzip = new GZipStream(compressed, CompressionLevel.Optimal, true);
    gzip.write(original, 0, original.length);
  }
  compressed.position = 0;
  using gunzip = new GZipStream(compressed, CompressionMode.Decompress);
  using output = new MemoryStream();
  gunzip.copyTo(output);
  return [
    original.length,
    compressed.length < original.length,
    Encoding.utf8.getString(output.toArray()) ===
      Encoding.utf8.getString(original),
    output.length,
  ];
});

// DateTime, DateTimeOffset, TimeSpan, DateOnly, TimeOnly

task("datetime-parse-exact", () => {
  const { DateTime } = lib.namespaces.System;
  const { CultureInfo } = lib.namespaces.System.Globalization;
  const addDays = instance("System.DateTime.AddDays");
  const toString = instance("System.DateTime.ToString");
  const d = DateTime.parseExact(
    "15/03/2024 14:30",
    "dd/MM/yyyy HH:mm",
    CultureInfo.invariantCulture,
  );
  return [
    d,
    toString(addDays(d, 20), "yyyy-MM-dd", CultureInfo.invariantCulture),
    toString(d, "dddd, MMMM d", CultureInfo.invariantCulture),
  ];
});

task("datetime-dayofweek", () => {
  const { DateTime } = lib.namespaces.System;
  const { CultureInfo } = lib.namespaces.System.Globalization;
  const addYears = instance("System.DateTime.AddYears");
  const toString = instance("System.DateTime.ToString");
  const leap: Date = new DateTime(2024, 2, 29);
  return [
    instance("System.DateTime.get_DayOfWeek")(leap),
    DateTime.isLeapYear(2024),
    DateTime.daysInMonth(2023, 2),
    toString(addYears(leap, 1), "yyyy-MM-dd", CultureInfo.invariantCulture),
  ];
});

task("datetime-arithmetic", () => {
  const { DateTime, DateTimeKind, TimeSpan } = lib.namespaces.System;
  const { CultureInfo } = lib.namespaces.System.Globalization;
  const addHours = instance("System.DateTime.AddHours");
  const addMinutes = instance("System.DateTime.AddMinutes");
  const toString = instance("System.DateTime.ToString");
  const start = new DateTime(2024, 1, 1, 8, 0, 0, DateTimeKind.Utc);
  const end = addMinutes(addHours(start, 30), 15);
  const elapsed: number = DateTime.op_Subtraction(end, start);
  return [
    end,
    elapsed,
    elapsed / 3_600_000,
    DateTime.op_LessThan(start, end),
    DateTime.compare(end, start),
    toString(
      DateTime.op_Subtraction(end, TimeSpan.fromDays(1)),
      "o",
      CultureInfo.invariantCulture,
    ),
  ];
});

task("datetime-tostring-formats", () => {
  const { DateTime, DateTimeKind } = lib.namespaces.System;
  const { CultureInfo } = lib.namespaces.System.Globalization;
  const toString = instance("System.DateTime.ToString");
  const d = new DateTime(2024, 7, 4, 9, 5, 3, DateTimeKind.Utc);
  const inv = CultureInfo.invariantCulture;
  return [
    "o",
    "s",
    "u",
    "D",
    "ddd, dd MMM yyyy HH:mm",
    "R",
    "yyyyMMdd'T'HHmmss",
    "t",
  ].map((format) => toString(d, format, inv));
});

task("datetime-tryparse", () => {
  const { DateTime } = lib.namespaces.System;
  const { CultureInfo, DateTimeStyles } = lib.namespaces.System.Globalization;
  const [ok, parsed] = DateTime.tryParse(
    "2024-02-29T10:00:00Z",
    CultureInfo.invariantCulture,
    DateTimeStyles.AdjustToUniversal,
  );
  const [bad, invalid] = DateTime.tryParse(
    "2023-02-29",
    CultureInfo.invariantCulture,
    DateTimeStyles.None,
  );
  return [ok, parsed, bad, DateTime.op_Equality(invalid, DateTime.minValue)];
});

task("datetimeoffset-unix", () => {
  const { DateTimeOffset } = lib.namespaces.System;
  const { CultureInfo } = lib.namespaces.System.Globalization;
  const toUnixTimeSeconds = instance("System.DateTimeOffset.ToUnixTimeSeconds");
  const dto = DateTimeOffset.parse(
    "2024-03-15T10:00:00+02:00",
    CultureInfo.invariantCulture,
  );
  const fromUnix = DateTimeOffset.fromUnixTimeSeconds(1_700_000_000);
  return [
    dto,
    toUnixTimeSeconds(dto),
    instance("System.DateTimeOffset.ToUnixTimeMilliseconds")(dto),
    fromUnix,
    toUnixTimeSeconds(instance("System.DateTimeOffset.AddHours")(fromUnix, 1)),
  ];
});

task("dateonly-timeonly", () => {
  const { DateOnly, TimeOnly, DateTime } = lib.namespaces.System;
  const { CultureInfo } = lib.namespaces.System.Globalization;
  // DateOnly and TimeOnly cross as ISO strings; their members take the value as `this`.
  const day = DateOnly.fromDateTime(new DateTime(2024, 3, 15, 18, 45, 0));
  const later = instance("System.DateOnly.AddDays")(day, 30);
  const meeting = TimeOnly.new(14, 30);
  const end = instance("System.TimeOnly.AddMinutes")(meeting, 45);
  const dayNumber = instance("System.DateOnly.get_DayNumber");
  return [
    instance("System.DateOnly.ToString")(
      later,
      "yyyy-MM-dd",
      CultureInfo.invariantCulture,
    ),
    dayNumber(later) - dayNumber(day),
    dayNumber(day),
    instance("System.DateOnly.get_DayOfWeek")(later),
    instance("System.TimeOnly.ToString")(
      end,
      "HH:mm",
      CultureInfo.invariantCulture,
    ),
    instance("System.TimeOnly.get_Hour")(end),
    instance("System.TimeOnly.IsBetween")(
      meeting,
      TimeOnly.new(9, 0),
      TimeOnly.new(17, 0),
    ),
    instance("System.DateOnly.get_DayOfYear")(
      DateOnly.parseExact(
        "2024-12-25",
        "yyyy-MM-dd",
        CultureInfo.invariantCulture,
      ),
    ),
    instance("System.DateOnly.ToDateTime")(day, meeting),
  ];
});

task("timespan-overloads", () => {
  const { TimeSpan } = lib.namespaces.System;
  // TimeSpan crosses as milliseconds: TotalHours is the milliseconds / 3 600 000.
  return [
    TimeSpan.fromSeconds(90.5),
    TimeSpan.fromMinutes(1.5),
    TimeSpan.fromHours(2),
    TimeSpan.fromDays(1) / 3_600_000,
    TimeSpan.fromMinutes(90) / 3_600_000,
    TimeSpan.fromMilliseconds(1500) / 1000,
  ];
});

task("timespan-parse-format", () => {
  const { TimeSpan } = lib.namespaces.System;
  const { CultureInfo } = lib.namespaces.System.Globalization;
  const toString = instance("System.TimeSpan.ToString");
  const span = TimeSpan.parseExact(
    "1:02:03",
    String.raw`h\:mm\:ss`,
    CultureInfo.invariantCulture,
  );
  const total = TimeSpan.op_Addition(span, TimeSpan.fromSeconds(57));
  const [parsed, bad] = TimeSpan.tryParse("nope");
  return [
    span,
    toString(total, String.raw`hh\:mm\:ss`, CultureInfo.invariantCulture),
    TimeSpan.parse("2.03:04:05", CultureInfo.invariantCulture),
    TimeSpan.compare(span, total),
    toString(total, "c"),
    parsed,
    bad,
  ];
});

// Guid

task("guid-parse-formats", () => {
  const { Guid } = lib.namespaces.System;
  const toString = instance("System.Guid.ToString");
  const g = Guid.parse("{0F8FAD5B-D9CB-469F-A165-70867728950E}");
  return [
    g,
    toString(g, "N"),
    toString(g, "B"),
    toString(g, "X"),
    instance("System.Guid.ToByteArray")(g),
    Guid.op_Equality(g, Guid.parse("0f8fad5bd9cb469fa16570867728950e")),
    Guid.empty,
  ];
});

task("guid-tryparse", () => {
  const { Guid } = lib.namespaces.System;
  const [ok, parsed] = Guid.tryParse("0f8fad5b-d9cb-469f-a165-70867728950e");
  const [bad, empty] = Guid.tryParse("not-a-guid");
  const [exact, fromN] = Guid.tryParseExact(
    "0f8fad5bd9cb469fa16570867728950e",
    "N",
  );
  return [ok, parsed, bad, empty, exact, fromN];
});

task("guid-newguid-shape", () => {
  const { Guid } = lib.namespaces.System;
  const g = Guid.newGuid();
  const text: string = g;
  return [
    text.length,
    text[14],
    text.split("-").length - 1,
    Guid.op_Inequality(g, Guid.empty),
    Guid.op_Inequality(Guid.newGuid(), g),
    instance("System.Guid.ToByteArray")(g).length,
    Guid.op_Equality(Guid.parse(text), g),
  ];
});

// Encoding, Base64, hex, hashes

task("encoding-utf8", () => {
  const { Encoding } = lib.namespaces.System.Text;
  const bytes = Encoding.utf8.getBytes("héllo €");
  return [
    bytes,
    bytes.length,
    Encoding.utf8.getString(bytes),
    Encoding.utf8.getByteCount("€"),
    Encoding.ascii.getString(Buffer.from([72, 105])),
    Encoding.unicode.getBytes("A€"),
    Encoding.latin1.getBytes("é"),
    Encoding.utf8.getString(bytes, 1, 2),
  ];
});

task("encoding-getbytes-buffer", () => {
  const { Encoding } = lib.namespaces.System.Text;
  const buffer = Buffer.alloc(10);
  const written = Encoding.utf8.getBytes("añb€", 0, 3, buffer, 2);
  const chars = new Uint16Array(4);
  const decoded = Encoding.utf8.getChars(buffer, 2, written, chars, 0);
  return [
    written,
    buffer,
    decoded,
    String.fromCharCode(...chars.subarray(0, decoded)),
  ];
});

task("base64-hex", () => {
  const { Convert } = lib.namespaces.System;
  const { Encoding } = lib.namespaces.System.Text;
  const bytes = Encoding.utf8.getBytes("hello world");
  return [
    Convert.toBase64String(bytes),
    Convert.toBase64String(bytes, 0, 5),
    Encoding.utf8.getString(Convert.fromBase64String("ZG90bmV0LWhvc3Q=")),
    Convert.toHexString(Buffer.from([0xde, 0xad, 0xbe, 0xef])),
    Convert.fromHexString("CAFE"),
    Convert.toHexString(bytes, 0, 2),
  ];
});

task("base64-invalid", () =>
  lib.namespaces.System.Convert.fromBase64String("not base64!"),
);

task("hash-sha256-hmac", () => {
  const { SHA256, MD5, HMACSHA256 } =
    lib.namespaces.System.Security.Cryptography;
  const { Convert } = lib.namespaces.System;
  const { Encoding } = lib.namespaces.System.Text;
  const data = Encoding.utf8.getBytes("abc");
  using hmac = new HMACSHA256(Encoding.utf8.getBytes("key"));
  return [
    Convert.toHexString(SHA256.hashData(data)),
    Convert.toHexString(MD5.hashData(data)),
    Convert.toHexString(hmac.computeHash(data)),
    SHA256.hashData(data).length,
  ];
});

// The TryParse family (out parameters)

task("double-decimal-tryparse", () => {
  const { Double, Decimal } = lib.namespaces.System;
  const { CultureInfo, NumberStyles } = lib.namespaces.System.Globalization;
  const [okDouble, d] = Double.tryParse(
    "3.25",
    NumberStyles.Float,
    CultureInfo.invariantCulture,
  );
  const [okDecimal, m] = Decimal.tryParse(
    "19.99",
    NumberStyles.Number,
    CultureInfo.invariantCulture,
  );
  const [badDouble, zero] = Double.tryParse(
    "3,25x",
    NumberStyles.Float,
    CultureInfo.invariantCulture,
  );
  return [okDouble, d, okDecimal, m, badDouble, zero];
});

task("int-long-bool-tryparse", () => {
  const { Int32, Int64, Boolean: NetBoolean } = lib.namespaces.System;
  const { CultureInfo, NumberStyles } = lib.namespaces.System.Globalization;
  const [badInt, zero] = Int32.tryParse("12abc");
  const [okLong, big] = Int64.tryParse("9007199254740993");
  const [okHex, hex] = Int32.tryParse(
    "ff",
    NumberStyles.HexNumber,
    CultureInfo.invariantCulture,
  );
  const [okBool, flag] = NetBoolean.tryParse("True");
  return [badInt, zero, okLong, big, okHex, hex, okBool, flag];
});

task("enum-tryparse-generic", () => {
  const { Enum, DayOfWeek } = lib.namespaces.System;
  const [ok, day] = Enum.tryParse.of(DayOfWeek)("friday", true);
  const [bad, none] = Enum.tryParse.of(DayOfWeek)("Someday");
  const [numeric, wednesday] = Enum.tryParse.of(DayOfWeek)("3");
  return [ok, day, bad, none, numeric, wednesday];
});

// Interlocked (ref parameters), Math, BitConverter, Convert

task("interlocked-ref", () => {
  const { Interlocked } = lib.namespaces.System.Threading;
  let counter = 5;
  let incremented: unknown;
  [incremented, counter] = Interlocked.increment(counter);
  [, counter] = Interlocked.add(counter, 10);
  let original: unknown;
  [original, counter] = Interlocked.exchange(counter, 100);
  let seen: unknown;
  [seen, counter] = Interlocked.compareExchange(counter, 200, 100);
  let missed: unknown;
  [missed, counter] = Interlocked.compareExchange(counter, 300, 100);
  let total = 0n;
  [, total] = Interlocked.add(total, 5_000_000_000n);
  let decremented: unknown;
  [decremented, total] = Interlocked.decrement(total);
  return [incremented, original, seen, missed, counter, total, decremented];
});

task("math-overloads", () => {
  const { Math: NetMath } = lib.namespaces.System;
  return [
    NetMath.max(3, 7),
    NetMath.max(2.5, 1.5),
    NetMath.max(10n, 3n),
    NetMath.min(-1, 4),
    NetMath.abs(-7),
    NetMath.abs(-2.5),
    NetMath.clamp(15, 0, 10),
    NetMath.clamp(-0.5, 0.0, 1.0),
    NetMath.sign(-3.2),
    lib.bind("System.Math.Max", ["decimal", "decimal"])("1.5", "2.25"),
  ];
});

task("math-round-midpoint", () => {
  const { Math: NetMath, MidpointRounding } = lib.namespaces.System;
  return [
    NetMath.round(2.5),
    NetMath.round(3.5),
    NetMath.round(2.5, MidpointRounding.AwayFromZero),
    NetMath.round(-2.5, MidpointRounding.ToZero),
    NetMath.round(2.345, 2),
    lib.bind("System.Math.Round", [
      "decimal",
      "int",
      "System.MidpointRounding",
    ])("1.2345", 2, MidpointRounding.AwayFromZero),
    lib.bind("System.Math.Round", ["decimal", "int"])("2.125", 2),
    NetMath.floor(-1.5),
    NetMath.ceiling(1.2),
    NetMath.truncate(-2.7),
  ];
});

task("math-functions", () => {
  const { Math: NetMath, MathF } = lib.namespaces.System;
  return [
    MathF.sqrt(16),
    MathF.max(1.5, 2.5),
    NetMath.pow(2, 10),
    NetMath.log(NetMath.e),
    NetMath.log10(1000),
    NetMath.log(8, 2),
    NetMath.sqrt(2),
    NetMath.cbrt(27),
    NetMath.bigMul(100000, 100000),
  ];
});

task("bitconverter", () => {
  const { BitConverter } = lib.namespaces.System;
  return [
    BitConverter.getBytes(258),
    BitConverter.getBytes(1.5),
    BitConverter.getBytes(true),
    lib.bind("System.BitConverter.GetBytes", ["short"])(-2),
    BitConverter.toInt32(Buffer.from([1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]), 4),
    BitConverter.toString(Buffer.from([1, 171, 255])),
    BitConverter.isLittleEndian,
    BitConverter.doubleToInt64Bits(1.0),
    BitConverter.toUInt16(Buffer.from([0x34, 0x12]), 0),
  ];
});

task("convert-toint32", () => {
  const { Convert } = lib.namespaces.System;
  const { CultureInfo } = lib.namespaces.System.Globalization;
  return [
    Convert.toInt32("42"),
    Convert.toInt32(3.7),
    Convert.toInt32(2.5),
    Convert.toInt32(3.5),
    Convert.toInt32("ff", 16),
    Convert.toInt32(true),
    lib.bind("System.Convert.ToInt32", ["char"])("A"),
    Convert.toString(255, 2),
    Convert.toDouble("1.5", CultureInfo.invariantCulture),
    Convert.toBoolean("true"),
    Convert.toInt64(1e10),
  ];
});

task("convert-changetype", () => {
  const { Convert, TypeCode } = lib.namespaces.System;
  const { CultureInfo } = lib.namespaces.System.Globalization;
  return [
    Convert.changeType("42", lib.type("int")),
    Convert.changeType(3.99, lib.type("int")),
    Convert.changeType("true", lib.type("bool")),
    Convert.changeType(5, lib.type("string")),
    Convert.changeType("2.5", lib.type("double"), CultureInfo.invariantCulture),
    Convert.changeType("12", lib.type("long")),
    Convert.changeType(7, TypeCode.Decimal),
  ];
});

task("convert-overflow", () => lib.namespaces.System.Convert.toByte(300));

// Enums

task("enum-parse-names", () => {
  const { Enum, DayOfWeek } = lib.namespaces.System;
  return [
    Enum.parse.of(DayOfWeek)("Tuesday"),
    Enum.parse(DayOfWeek, "saturday", true),
    Enum.getNames.of(DayOfWeek)(),
    Enum.getName.of(DayOfWeek)(DayOfWeek.Monday),
    Enum.getName(DayOfWeek, 3),
    Enum.isDefined(DayOfWeek, 7),
  ];
});

task("enum-getvalues-type", () => {
  const { Enum, DayOfWeek, ConsoleColor } = lib.namespaces.System;
  // Enum values cross as their names: the numbers come from the underlying values.
  const values = Enum.getValues(DayOfWeek);
  const numbers = [...Enum.getValuesAsUnderlyingType(DayOfWeek)];
  const names: string[] = [];
  let index = 0;
  for (const value of values) {
    names.push(`${numbers[index++]}:${value}`);
  }
  return [
    values.length,
    names,
    Enum.getUnderlyingType(DayOfWeek).name,
    Enum.getValues.of(ConsoleColor)().length,
  ];
});

task.failing(
  "enum-flags",
  "an enum value is a number or a name in JavaScript, without its type: System.Enum's instance methods (HasFlag, ToString) have no receiver",
  () => {
    const { Enum } = lib.namespaces.System;
    const { FileAttributes, FileAccess } = lib.namespaces.System.IO;
    const hasFlag = instance("System.Enum.HasFlag");
    const attributes = FileAttributes.Hidden | FileAttributes.ReadOnly;
    const access = FileAccess.ReadWrite;
    return [
      hasFlag(attributes, FileAttributes.Hidden),
      hasFlag(attributes, FileAttributes.Archive),
      instance("System.Enum.ToString")(attributes),
      hasFlag(access, FileAccess.Write),
      attributes,
      Enum.parse.of(FileAttributes)("Hidden, System"),
    ];
  },
);

// Exceptions

task("int-parse-format-exception", () =>
  lib.namespaces.System.Int32.parse("x"),
);

// The message quotes the input: quotes, backslashes, controls, HTML-sensitive and
// non-ASCII characters cross in the exception's description.
task("exception-message-escapes", () =>
  lib.namespaces.System.Int32.parse("é\"\\\u0001<>&'+`🎉\u007f ok"),
);

task("argument-null-paramname", () => {
  const { Path } = lib.namespaces.System.IO;
  try {
    Path.combine(null, "b");
    return "no exception";
  } catch (error) {
    if (
      !(error instanceof DotnetException) ||
      error.dotnetType !== "System.ArgumentNullException"
    )
      throw error;
    // ArgumentException.Message ends with " (Parameter 'name')".
    return [
      error.dotnetType,
      /\(Parameter '([^']*)'\)/.exec(error.dotnetMessage)?.[1] ?? null,
    ];
  }
});

task("argument-null-throws", () => lib.namespaces.System.Int32.parse(null));

task("list-index-out-of-range", () => {
  const List = type("System.Collections.Generic.List<int>");
  const list = new List();
  list.add(1);
  list.add(2);
  return list.getItem(5);
});

task("decimal-divide-by-zero", () => {
  const { Decimal } = lib.namespaces.System;
  const total = "10";
  const count = 0;
  return Decimal.op_Division(total, count);
});

// Type arguments and reflection

task("activator-createinstance", () => {
  const { Activator } = lib.namespaces.System;
  const { StringBuilder } = lib.namespaces.System.Text;
  const sb = Activator.createInstance(StringBuilder);
  sb.append("made");
  const list = Activator.createInstance(
    lib.type("System.Collections.Generic.List<int>"),
  );
  list.add(3);
  const seeded = Activator.createInstance(StringBuilder, "seed");
  return [sb.toString(), list.count, seeded.toString()];
});

task("type-reflection", () => {
  const { Type, Activator, String: NetString } = lib.namespaces.System;
  const t = Type.getType("System.Text.StringBuilder");
  const append = t.getMethod("Append", [NetString]);
  const sb = Activator.createInstance(t);
  append.invoke(sb, ["via reflection"]);
  return [
    t.name,
    t.namespace,
    t.isClass,
    append.returnType.name,
    sb.toString(),
  ];
});

// Random, Uri, Version, cultures, Lazy, tuples

task("random-seeded", () => {
  const { Random } = lib.namespaces.System;
  const random = new Random(42);
  const first = random.next(100);
  const ranged = random.next(10, 20);
  const fraction = random.nextDouble();
  const bytes = Buffer.alloc(6);
  random.nextBytes(bytes);
  const big = random.nextInt64(1_000_000_000_000);
  const deck = Int32Array.from([1, 2, 3, 4, 5, 6]);
  random.shuffle(deck);
  return [
    first,
    ranged,
    fraction,
    bytes,
    big,
    deck,
    new Random(42).next(100) === first,
  ];
});

task("uri-parts", () => {
  const { Uri, UriPartial } = lib.namespaces.System;
  const uri = new Uri(
    "https://user@example.com:8443/a/b/page.html?q=1&x=y#frag",
  );
  return [
    uri.scheme,
    uri.host,
    uri.port,
    uri.absolutePath,
    uri.query,
    uri.fragment,
    uri.segments,
    uri.userInfo,
    uri.isDefaultPort,
    uri.getLeftPart(UriPartial.Authority),
  ];
});

task("uri-combine", () => {
  const { Uri, UriKind } = lib.namespaces.System;
  const baseUri = new Uri("https://example.com/api/v1/");
  const relative = new Uri(baseUri, "users/42?full=true");
  const up = new Uri(baseUri, "../v2/items");
  const [created, bad] = Uri.tryCreate("not a uri", UriKind.Absolute);
  return [
    relative.toString(),
    up.absoluteUri,
    baseUri.makeRelativeUri(relative).toString(),
    Uri.escapeDataString("a b&c"),
    created,
    bad === null,
  ];
});

task("version-parse-compare", () => {
  const { Version } = lib.namespaces.System;
  const a = Version.parse("1.2.10");
  const b = new Version(1, 2, 9, 5);
  const [parsed, bad] = Version.tryParse("1.x");
  return [
    a.compareTo(b),
    Version.op_GreaterThan(a, b),
    a.major,
    a.build,
    a.revision,
    b.toString(2),
    parsed,
    bad === null,
  ];
});

task("culture-formatting", () => {
  const { String: NetString, Double, DateTime } = lib.namespaces.System;
  const { CultureInfo } = lib.namespaces.System.Globalization;
  const german = new CultureInfo("de-DE");
  const us = CultureInfo.getCultureInfo("en-US");
  const amount = 1234567.891;
  const doubleToString = instance("System.Double.ToString");
  return [
    doubleToString(amount, "N2", german),
    doubleToString(amount, "N2", CultureInfo.invariantCulture),
    NetString.format(german, "{0:C}", 1234.5),
    instance("System.Decimal.ToString")("1234.5", "C", us),
    instance("System.DateTime.ToString")(
      new DateTime(2024, 3, 15),
      "d",
      german,
    ),
    german.numberFormat.numberDecimalSeparator,
    Double.parse("1.234,5", german),
    german.textInfo.toTitleCase("hello world"),
    german.name,
  ];
});

task("lazy-value", () => {
  const Lazy = type("System.Lazy<int>");
  let calls = 0;
  const lazy = new Lazy(() => {
    calls++;
    return 42;
  });
  const before = lazy.isValueCreated;
  const first = lazy.value;
  const second = lazy.value;
  return [before, first, second, calls, lazy.isValueCreated];
});

task("tuple-returns", () => {
  const { Math: NetMath } = lib.namespaces.System;
  const tuple = type("System.Tuple").create("a", 1, true);
  const pair = type("System.ValueTuple").create(2.5, "b");
  const division = NetMath.divRem(17, 5);
  const kv = type("System.Collections.Generic.KeyValuePair").create("k", 9);
  return [
    tuple.item1,
    tuple.item2,
    tuple.item3,
    pair.item1,
    pair.item2,
    division.item1,
    division.item2,
    kv.key,
    kv.value,
  ];
});
