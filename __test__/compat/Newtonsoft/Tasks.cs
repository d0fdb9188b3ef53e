using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json.Serialization;
using XmlDocument = System.Xml.XmlDocument;

namespace Compat;

internal static class Newtonsoft
{
    private const string Store = """
        {
          "store": {
            "book": [
              { "category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95 },
              { "category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99 },
              { "category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99 }
            ],
            "bicycle": { "color": "red", "price": 19.95 }
          }
        }
        """;

    private const string Orders = """
        { "orders": [
          { "id": 1, "total": 20.5, "status": "paid" },
          { "id": 2, "total": 7.25, "status": "open" },
          { "id": 3, "total": 12.0, "status": "paid" }
        ] }
        """;

    public static void Register(Oracle o)
    {
        // LINQ to JSON: parse, then read values with the explicit conversion operators.
        o.Task("jobject-parse-cast", () =>
        {
            var person = JObject.Parse("""{ "name": "Ada", "age": 36, "admin": true, "score": 9.5, "born": 1815 }""");
            return new object?[] { (string?)person["name"], (int)person["age"]!, (bool)person["admin"]!, (double)person["score"]!, (long)person["born"]! };
        });

        // Value<T>(key) and Values<T>(): the generic readers.
        o.Task("jtoken-value-of-t", () =>
        {
            var item = JObject.Parse("""{ "id": 7, "price": "12.50", "tags": ["a", "b", "c"], "ratio": 0.25 }""");
            return new object?[] { item.Value<int>("id"), item.Value<decimal>("price"), item.Value<string>("id"), item["tags"]!.Values<string>().ToArray(), item["ratio"]!.Value<double>() };
        });

        // JSONPath: SelectToken and SelectTokens, with a filter.
        o.Task("select-token-jsonpath", () =>
        {
            var store = JObject.Parse(Store);
            var firstTitle = (string?)store.SelectToken("$.store.book[0].title");
            var prices = store.SelectTokens("$..price").Select(t => (double)t).ToArray();
            var cheap = store.SelectTokens("$.store.book[?(@.price < 10)].title").Select(t => (string?)t).ToArray();
            var missing = store.SelectToken("$.store.car");
            return new object?[] { firstTitle, prices, cheap, missing == null };
        });

        // Building and editing a JObject through its indexer, Add and Remove.
        o.Task("jobject-build-modify", () =>
        {
            var product = new JObject();
            product["name"] = "Widget";
            product.Add("count", 3);
            product["tags"] = new JArray("tools", "home");
            product.Add(new JProperty("price", 9.99));
            product.Remove("count");
            product["name"] = "Gadget";
            return new object[] { product.ToString(Formatting.None), product.Count, product.ContainsKey("count") };
        });

        // Functional construction, as the "Create JSON" docs page writes it.
        o.Task("jobject-functional-construction", () =>
        {
            var ids = new List<int> { 1, 2, 3 };
            var rss = new JObject(
                new JProperty("channel", new JObject(
                    new JProperty("title", "News"),
                    new JProperty("items", new JArray(ids.Select(id => new JObject(new JProperty("id", id), new JProperty("title", "Item " + id))))))));
            return rss.ToString(Formatting.None);
        });

        // JObject.FromObject on framework collections.
        o.Task("jobject-fromobject", () =>
        {
            var source = new Dictionary<string, object> { ["name"] = "Ada", ["langs"] = new[] { "en", "fr" }, ["age"] = 36 };
            var json = JObject.FromObject(source);
            return new object[] { json.ToString(Formatting.None), json["langs"]!.Type, json["age"]!.Type };
        });

        // Walking a JObject as a dictionary (KeyValuePair<string, JToken?>).
        o.Task("jobject-iterate-pairs", () =>
        {
            var obj = JObject.Parse("""{ "a": 1, "b": "two", "c": 3.5 }""");
            var lines = new List<string>();
            foreach (var pair in obj)
            {
                lines.Add(pair.Key + "=" + pair.Value);
            }
            return lines;
        });

        // Properties() and JTokenType.
        o.Task("jtoken-types", () =>
        {
            var obj = JObject.Parse("""{ "s": "x", "i": 1, "f": 1.5, "b": false, "n": null, "a": [], "o": {}, "d": "2024-01-02T03:04:05Z" }""");
            return obj.Properties().Select(p => new object[] { p.Name, p.Value.Type }).ToArray();
        });

        // Dates: parsed to DateTime by default, kept as strings with DateParseHandling.None.
        o.Task("jtoken-dates", () =>
        {
            const string json = """{ "created": "2024-03-01T12:30:00Z" }""";
            var parsed = JObject.Parse(json);
            var created = (DateTime)parsed["created"]!;
            var raw = JsonConvert.DeserializeObject<JObject>(json, new JsonSerializerSettings { DateParseHandling = DateParseHandling.None })!;
            return new object?[] { created, parsed["created"]!.Type, raw["created"]!.Type, (string?)raw["created"] };
        });

        // TryGetValue with an out parameter, GetValue ignoring case.
        o.Task("jobject-try-get-value", () =>
        {
            var obj = JObject.Parse("""{ "Name": "Ada" }""");
            var found = obj.TryGetValue("Name", out var name);
            var missing = obj.TryGetValue("name", out var none);
            var ignoringCase = obj.GetValue("name", StringComparison.OrdinalIgnoreCase);
            return new object?[] { found, (string?)name, missing, none == null, (string?)ignoringCase };
        });

        // JArray: Add, Insert, RemoveAt, the indexer, Values<int>().
        o.Task("jarray-manipulate", () =>
        {
            var numbers = JArray.Parse("[1, 2, 3]");
            numbers.Add(4);
            numbers.Insert(0, 0);
            numbers.RemoveAt(2);
            numbers[1] = 10;
            return new object[] { numbers.Count, (int)numbers[1], numbers.ToString(Formatting.None), numbers.Values<int>().Sum() };
        });

        // LINQ over tokens: Where with a lambda, then read each match.
        o.Task("linq-query-tokens", () =>
        {
            var doc = JObject.Parse(Orders);
            var paid = doc["orders"]!.Where(t => (string?)t["status"] == "paid").Select(t => (int)t["id"]!).ToArray();
            var total = doc["orders"]!.Sum(t => (double)t["total"]!);
            return new object[] { paid, total };
        });

        // Navigating: Path, Next, Previous, Parent, Root, Ancestors.
        o.Task("jtoken-navigation", () =>
        {
            var doc = JObject.Parse("""{ "a": { "b": [10, 20, 30] } }""");
            var token = doc.SelectToken("a.b[1]")!;
            return new object?[] { token.Path, (int?)token.Next, (int?)token.Previous, token.Parent!.Type, token.Root == doc, token.Ancestors().Count(), ((JProperty)token.Parent.Parent!).Name };
        });

        // Merge with JsonMergeSettings.
        o.Task("merge-jobjects", () =>
        {
            var left = JObject.Parse("""{ "name": "a", "tags": ["x"], "meta": { "v": 1 } }""");
            var right = JObject.Parse("""{ "tags": ["y", "x"], "meta": { "w": 2 } }""");
            left.Merge(right, new JsonMergeSettings { MergeArrayHandling = MergeArrayHandling.Union });
            return left.ToString(Formatting.None);
        });

        // DeepClone and DeepEquals.
        o.Task("deep-clone-equals", () =>
        {
            var original = JObject.Parse("""{ "x": 1, "list": [1, 2, { "y": true }] }""");
            var copy = (JObject)original.DeepClone();
            var same = JToken.DeepEquals(original, copy);
            copy["x"] = 2;
            return new object[] { same, JToken.DeepEquals(original, copy), (int)original["x"]!, (int)copy["x"]! };
        });

        // JValue constructors and factory methods.
        o.Task("jvalue-create", () =>
        {
            var values = new[] { new JValue(5), new JValue(2.5), new JValue(true), new JValue("text"), JValue.CreateNull(), JValue.CreateString("s") };
            return values.Select(v => new object?[] { v.Type, v.Value }).ToArray();
        });

        // The PropertyChanged event of JObject.
        o.Task("jobject-property-changed-event", () =>
        {
            var obj = JObject.Parse("""{ "a": 1 }""");
            var changed = new List<string?>();
            obj.PropertyChanged += (sender, e) => changed.Add(e.PropertyName);
            obj["a"] = 2;
            obj["b"] = 3;
            obj["a"] = 4;
            return changed;
        });

        // JsonConvert: serialize framework collections.
        o.Task("serialize-dictionary-indented", () =>
        {
            var person = new Dictionary<string, object> { ["name"] = "Ada", ["langs"] = new List<string> { "en", "fr" }, ["age"] = 36 };
            return JsonConvert.SerializeObject(person, Formatting.Indented);
        });

        // Typed deserialization into a framework generic type.
        o.Task("deserialize-dictionary-generic", () =>
        {
            var counts = JsonConvert.DeserializeObject<Dictionary<string, int>>("""{ "a": 1, "b": 2, "c": 3 }""")!;
            return new object[] { counts.Count, counts["b"], counts.Values.Sum(), counts.ContainsKey("c") };
        });

        o.Task("deserialize-nested-generic", () =>
        {
            var groups = JsonConvert.DeserializeObject<Dictionary<string, List<int>>>("""{ "evens": [2, 4, 6], "odds": [1, 3] }""")!;
            return new object[] { groups["evens"].Sum(), groups["odds"].Count, string.Join(",", groups.Keys) };
        });

        // DeserializeObject(string, Type) with a typeof argument.
        o.Task("deserialize-with-type", () =>
        {
            var list = (List<int>)JsonConvert.DeserializeObject("[1, 2, 3]", typeof(List<int>))!;
            return new object[] { list.Count, list[2], list.GetType().Name };
        });

        // DeserializeObject without a type gives LINQ to JSON objects.
        o.Task("deserialize-untyped", () =>
        {
            var value = JsonConvert.DeserializeObject("""{ "a": 1, "b": [true] }""")!;
            var obj = (JObject)value;
            return new object[] { value.GetType().FullName!, (int)obj["a"]!, obj["b"]!.Type };
        });

        // JsonSerializerSettings: Formatting, StringEscapeHandling, DateFormatString.
        o.Task("settings-formatting", () =>
        {
            var settings = new JsonSerializerSettings { Formatting = Formatting.Indented, StringEscapeHandling = StringEscapeHandling.EscapeNonAscii, DateFormatString = "yyyy-MM-dd" };
            var names = new Dictionary<string, string> { ["name"] = "Zoë" };
            var dates = new Dictionary<string, DateTime> { ["when"] = new DateTime(2024, 5, 6, 0, 0, 0, DateTimeKind.Utc) };
            return new[] { JsonConvert.SerializeObject(names, settings), JsonConvert.SerializeObject(dates, settings), JsonConvert.SerializeObject(names) };
        });

        // CamelCasePropertyNamesContractResolver (camel-cases dictionary keys too).
        o.Task("settings-camelcase-resolver", () =>
        {
            var settings = new JsonSerializerSettings { ContractResolver = new CamelCasePropertyNamesContractResolver() };
            return JsonConvert.SerializeObject(new Dictionary<string, int> { ["FirstName"] = 1, ["LastName"] = 2 }, settings);
        });

        // StringEnumConverter passed through the params JsonConverter[] overload.
        o.Task("string-enum-converter", () =>
        {
            var schedule = new Dictionary<string, DayOfWeek> { ["start"] = DayOfWeek.Monday, ["end"] = DayOfWeek.Friday };
            var asNames = JsonConvert.SerializeObject(schedule, new StringEnumConverter());
            var asNumbers = JsonConvert.SerializeObject(schedule);
            var back = JsonConvert.DeserializeObject<Dictionary<string, DayOfWeek>>("""{ "day": "Saturday" }""")!;
            return new object[] { asNames, asNumbers, back["day"] };
        });

        // The Error callback of JsonSerializerSettings: skip bad items.
        o.Task("settings-error-callback", () =>
        {
            var errors = new List<string>();
            var settings = new JsonSerializerSettings
            {
                Error = (sender, args) =>
                {
                    errors.Add(args.ErrorContext.Path ?? "");
                    args.ErrorContext.Handled = true;
                },
            };
            var numbers = JsonConvert.DeserializeObject<List<int>>("""[1, "two", 3]""", settings)!;
            return new object[] { numbers.ToArray(), errors };
        });

        // PopulateObject into an existing dictionary.
        o.Task("populate-object", () =>
        {
            var config = new Dictionary<string, int> { ["a"] = 1, ["b"] = 1 };
            JsonConvert.PopulateObject("""{ "b": 2, "c": 3 }""", config);
            return new object[] { config.Count, config["b"], config["c"] };
        });

        // JsonConvert.ToString overloads for JSON literals.
        o.Task("jsonconvert-tostring", () => new[]
        {
            JsonConvert.ToString("he said \"hi\""),
            JsonConvert.ToString(42),
            JsonConvert.ToString(1.5),
            JsonConvert.ToString(true),
            JsonConvert.ToString(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc)),
        });

        // A JsonSerializer instance with a TextWriter and a TextReader.
        o.Task("json-serializer-instance", () =>
        {
            var serializer = JsonSerializer.Create(new JsonSerializerSettings { Formatting = Formatting.Indented });
            serializer.Converters.Add(new StringEnumConverter());
            var writer = new StringWriter();
            serializer.Serialize(writer, new Dictionary<string, DayOfWeek> { ["day"] = DayOfWeek.Sunday, ["next"] = DayOfWeek.Monday });
            var list = (List<int>)serializer.Deserialize(new StringReader("[4, 5]"), typeof(List<int>))!;
            return new object[] { writer.ToString(), list.Sum() };
        });

        // ToObject<T> from a token to framework types.
        o.Task("jtoken-to-object", () =>
        {
            var doc = JObject.Parse("""{ "scores": { "x": 1, "y": 2 }, "names": ["a", "b"] }""");
            var scores = doc["scores"]!.ToObject<Dictionary<string, int>>()!;
            var names = doc["names"]!.ToObject<List<string>>()!;
            return new object[] { scores["y"], names.Count, names[1] };
        });

        // The streaming reader: every token with its value and path.
        o.Task("json-text-reader", () =>
        {
            using var reader = new JsonTextReader(new StringReader("""{ "a": 1, "b": [true, "s", 2.5], "c": null }"""));
            var tokens = new List<object?[]>();
            while (reader.Read())
            {
                tokens.Add(new[] { reader.TokenType, reader.Value, reader.Path });
            }
            return tokens;
        });

        // The streaming writer and its WriteValue overloads.
        o.Task("json-text-writer", () =>
        {
            var text = new StringWriter();
            using (var writer = new JsonTextWriter(text) { Formatting = Formatting.Indented, Indentation = 4 })
            {
                writer.WriteStartObject();
                writer.WritePropertyName("id");
                writer.WriteValue(42);
                writer.WritePropertyName("big");
                writer.WriteValue(9007199254740993L);
                writer.WritePropertyName("price");
                writer.WriteValue(19.99m);
                writer.WritePropertyName("name");
                writer.WriteValue("Ada");
                writer.WritePropertyName("ok");
                writer.WriteValue(true);
                writer.WritePropertyName("ratio");
                writer.WriteValue(0.5);
                writer.WritePropertyName("tags");
                writer.WriteStartArray();
                writer.WriteValue("a");
                writer.WriteNull();
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            return text.ToString();
        });

        // Async LINQ to JSON: LoadAsync and WriteToAsync.
        o.Task("jobject-load-async", async () =>
        {
            using var reader = new JsonTextReader(new StringReader("""{ "name": "Ada", "langs": ["en"] }"""));
            var obj = await JObject.LoadAsync(reader);
            var text = new StringWriter();
            var writer = new JsonTextWriter(text);
            await obj.WriteToAsync(writer);
            await writer.FlushAsync();
            return new object?[] { (string?)obj["name"], text.ToString() };
        });

        // XML to JSON and back.
        o.Task("xml-conversion", () =>
        {
            var doc = new XmlDocument();
            doc.LoadXml("""<person id="1"><name>Ada</name><lang>en</lang><lang>fr</lang></person>""");
            var json = JsonConvert.SerializeXmlNode(doc);
            var back = JsonConvert.DeserializeXmlNode("""{ "root": { "a": "1", "b": ["x", "y"] } }""")!;
            return new object[] { json, back.OuterXml };
        });

        // Errors: invalid JSON, a value of the wrong type, a failing conversion.
        o.Task("parse-invalid-throws", () => JObject.Parse("""{ "a": 1, """).ToString());
        o.Task("deserialize-wrong-type-throws", () => JsonConvert.DeserializeObject<Dictionary<string, int>>("""{ "a": "x" }""")!.Count);
        o.Task("jarray-parse-object-throws", () => JArray.Parse("{}").Count);
        o.Task("cast-invalid-throws", () => (int)JObject.Parse("""{ "name": "Ada" }""")["name"]!);
    }
}
