using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Compat;

internal static class Bcl
{
    public static void Register(Oracle o)
    {
        o.Task("string-join", () => string.Join(",", new[] { "a", "b" }));
        o.Task("path-combine-params", () => Path.Combine("a", "b", "c", "d", "e"));
        o.Task("timespan-from-minutes", () => TimeSpan.FromMinutes(90));
        o.Task("int-tryparse", () => { var ok = int.TryParse("42", out var value); return new object[] { ok, value }; });
        o.Task("stringbuilder", () => new StringBuilder().Append("a").Append(1).Append('c').Append(2.5).ToString());

        Json(o);
        Collections(o);
        Linq(o);
        Numerics(o);
        Regexes(o);
        Text(o);
        Files(o);
        Streams(o);
        Dates(o);
        Guids(o);
        Encodings(o);
        Parsing(o);
        MathAndConversions(o);
        Enums(o);
        Exceptions(o);
        Types(o);
        Misc(o);
    }

    private static void Json(Oracle o)
    {
        o.Task("json-serialize-dictionary", () => JsonSerializer.Serialize(new Dictionary<string, int> { ["a"] = 1, ["b"] = 2 }));

        o.Task("json-serialize-object", () =>
        {
            object payload = new { name = "Ada", age = 36, tags = new[] { "math", "engines" }, active = true };
            return JsonSerializer.Serialize(payload);
        });

        o.Task("json-serialize-options", () =>
        {
            var options = new JsonSerializerOptions { WriteIndented = true, DictionaryKeyPolicy = JsonNamingPolicy.CamelCase };
            return JsonSerializer.Serialize(new Dictionary<string, int> { ["FirstValue"] = 1, ["SecondValue"] = 2 }, options);
        });

        o.Task("json-serialize-values", () => new object[]
        {
            JsonSerializer.Serialize(42),
            JsonSerializer.Serialize(2.5),
            JsonSerializer.Serialize("say \"hi\" <b>"),
            JsonSerializer.Serialize(true),
            JsonSerializer.Serialize(new[] { 1, 2, 3 }),
            JsonSerializer.Serialize(12.50m),
            JsonSerializer.Serialize(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc)),
            JsonSerializer.Serialize(TimeSpan.FromMinutes(90)),
            JsonSerializer.Serialize(DayOfWeek.Friday),
        });

        o.Task("json-deserialize-dictionary", () =>
        {
            var stock = JsonSerializer.Deserialize<Dictionary<string, int>>("{\"apples\":3,\"pears\":5}")!;
            return new object[] { stock.Count, stock["pears"], stock.ContainsKey("plums"), stock.Values.Sum() };
        });

        o.Task("json-deserialize-list", () =>
        {
            var list = JsonSerializer.Deserialize<List<string>>("[\"x\",\"y\",\"z\"]")!;
            list.Add("w");
            return new object[] { list.Count, list[1], string.Join("|", list) };
        });

        o.Task("json-deserialize-web-options", () =>
        {
            var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip };
            var values = JsonSerializer.Deserialize<Dictionary<string, int>>("{ \"a\": \"5\", /* note */ \"b\": 6, }", options)!;
            return new object[] { values["a"], values["b"], values.Count };
        });

        o.Task("json-deserialize-invalid", () => JsonSerializer.Deserialize<List<int>>("[1, \"two\"]"));

        o.Task("jsondocument-navigate", () =>
        {
            using var document = JsonDocument.Parse("{\"user\":{\"name\":\"Ada\",\"age\":36,\"langs\":[\"C#\",\"F#\"]}}");
            var root = document.RootElement;
            var user = root.GetProperty("user");
            var found = root.TryGetProperty("missing", out _);
            return new object[]
            {
                user.GetProperty("name").GetString()!,
                user.GetProperty("age").GetInt32(),
                user.GetProperty("langs").GetArrayLength(),
                user.GetProperty("langs")[1].GetString()!,
                user.GetProperty("age").ValueKind,
                found,
            };
        });

        o.Task("jsondocument-enumerate", () =>
        {
            using var document = JsonDocument.Parse("{\"scores\":[3,5,8],\"name\":\"x\",\"ok\":true}");
            var names = new List<string>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                names.Add(property.Name);
            }
            var sum = 0;
            foreach (var item in document.RootElement.GetProperty("scores").EnumerateArray())
            {
                sum += item.GetInt32();
            }
            return new object[] { names, sum };
        });

        o.Task("jsonnode-navigate", () =>
        {
            var node = JsonNode.Parse("{\"a\":{\"b\":[10,20,30]},\"c\":\"text\"}")!;
            var array = node["a"]!["b"]!.AsArray();
            return new object[] { array[2]!.GetValue<int>(), array.Count, node["c"]!.GetValue<string>(), array[0]!.GetPath(), node["missing"] is null };
        });

        o.Task("jsonnode-edit", () =>
        {
            var person = JsonNode.Parse("{\"name\":\"Ada\",\"year\":1815}")!.AsObject();
            person["year"] = 1816;
            var tags = new JsonArray();
            tags.Add("math");
            tags.Add("poetry");
            person["tags"] = tags;
            person.Remove("name");
            var nested = new JsonObject();
            nested["deep"] = true;
            person["nested"] = nested;
            return person.ToJsonString();
        });

        o.Task("jsonnode-cast", () =>
        {
            var node = JsonNode.Parse("{\"name\":\"Ada\",\"age\":36,\"ratio\":0.25}")!;
            var name = (string)node["name"]!;
            var age = (int)node["age"]!;
            var ratio = (double)node["ratio"]!;
            return new object[] { name, age + 1, ratio * 2 };
        });

        o.Task("utf8jsonwriter", () =>
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteString("id", "A-1");
                writer.WriteNumber("count", 3);
                writer.WriteNumber("price", 9.5);
                writer.WriteBoolean("paid", false);
                writer.WriteStartArray("items");
                writer.WriteStringValue("pen");
                writer.WriteNumberValue(2);
                writer.WriteEndArray();
                writer.WriteNull("note");
                writer.WriteEndObject();
            }
            return Encoding.UTF8.GetString(stream.ToArray());
        });
    }

    private sealed class Descending : IComparer<int>
    {
        public int Compare(int x, int y) => y.CompareTo(x);
    }

    private static void Collections(Oracle o)
    {
        o.Task("list-basics", () =>
        {
            var list = new List<int> { 5, 3, 8 };
            list.Add(1);
            list.Insert(0, 9);
            list.Remove(3);
            list.RemoveAt(list.Count - 1);
            list.AddRange(new[] { 7, 7 });
            return new object[] { list.Count, list[0], list.IndexOf(8), list.LastIndexOf(7), list.Contains(5), list.ToArray() };
        });

        o.Task("list-sort-comparison", () =>
        {
            var words = new List<string> { "pear", "fig", "banana", "kiwi", "apple" };
            words.Sort((a, b) => a.Length != b.Length ? a.Length.CompareTo(b.Length) : string.CompareOrdinal(a, b));
            return words;
        });

        o.Task("bytes-results", () =>
        {
            var a = Encoding.UTF8.GetBytes("abc");
            var b = Encoding.UTF8.GetBytes("xyz");
            a[0] = 65;
            var big = Encoding.UTF8.GetBytes(new string('q', 5000) + "!");
            var decoded = Convert.FromBase64String("AAEC/w==");
            return new object[] { a, b, big.Length, big[0], big[5000], decoded, Encoding.UTF8.GetString(a) };
        });

        o.Task("array-reverse-strings", () =>
        {
            var words = new[] { "pear", "fig", "banana", "kiwi" };
            var before = string.Join(",", words);
            Array.Sort(words, StringComparer.Ordinal);
            var sorted = string.Join(",", words);
            Array.Reverse(words);
            return new object[] { before, sorted, words, Array.IndexOf(words, "fig") };
        });

        o.Task("list-sort-icomparer", () =>
        {
            var list = new List<int> { 3, 1, 4, 1, 5, 9, 2, 6 };
            list.Sort(new Descending());
            return list;
        });

        o.Task("list-binarysearch", () =>
        {
            var list = new List<int> { 1, 3, 5, 7, 9 };
            var hit = list.BinarySearch(7);
            var miss = list.BinarySearch(4);
            list.Insert(~miss, 4);
            return new object[] { hit, miss, list };
        });

        o.Task("list-predicates", () =>
        {
            var list = new List<int> { 4, 8, 15, 16, 23, 42 };
            var firstOdd = list.Find(x => x % 2 == 1);
            var index = list.FindIndex(x => x > 15);
            var allPositive = list.TrueForAll(x => x > 0);
            var anyLarge = list.Exists(x => x > 40);
            var removed = list.RemoveAll(x => x % 2 == 0);
            var labels = list.ConvertAll(x => $"#{x}");
            return new object[] { firstOdd, index, allPositive, anyLarge, removed, labels };
        });

        o.Task("list-copyto-buffer", () =>
        {
            var list = new List<int> { 1, 2, 3 };
            var target = new int[6];
            list.CopyTo(target, 2);
            list.CopyTo(1, target, 0, 2);
            return target;
        });

        o.Task("dictionary-basics", () =>
        {
            var stock = new Dictionary<string, int>();
            stock["apple"] = 1;
            stock["pear"] = 2;
            stock["apple"] += 10;
            stock.Add("plum", 3);
            var found = stock.TryGetValue("pear", out var pears);
            var missing = stock.TryGetValue("kiwi", out var kiwis);
            var removed = stock.Remove("plum");
            var added = stock.TryAdd("pear", 99);
            return new object[] { stock.Count, stock["apple"], found, pears, missing, kiwis, removed, added, stock.ContainsKey("plum"), stock.ContainsValue(2) };
        });

        o.Task("dictionary-iterate", () =>
        {
            var ages = new Dictionary<string, int> { ["ann"] = 31, ["bob"] = 25, ["cy"] = 40 };
            var parts = new List<string>();
            foreach (var (name, age) in ages)
            {
                parts.Add($"{name}={age}");
            }
            foreach (var pair in ages)
            {
                if (pair.Value > 30)
                {
                    parts.Add(pair.Key.ToUpperInvariant());
                }
            }
            return new object[] { string.Join(";", parts), string.Join(",", ages.Keys), ages.Values.Max() };
        });

        o.Task("dictionary-keynotfound", () =>
        {
            var prices = new Dictionary<string, int> { ["a"] = 1 };
            return prices["b"];
        });

        o.Task("dictionary-comparer", () =>
        {
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = "text/plain" };
            headers["content-type"] = "application/json";
            return new object[] { headers.Count, headers["CONTENT-TYPE"], headers.ContainsKey("content-TYPE") };
        });

        o.Task("concurrentdictionary", () =>
        {
            var counts = new ConcurrentDictionary<string, int>();
            foreach (var word in new[] { "a", "b", "a", "c", "a" })
            {
                counts.AddOrUpdate(word, 1, (_, n) => n + 1);
            }
            var length = counts.GetOrAdd("hello", key => key.Length);
            var existing = counts.GetOrAdd("a", 100);
            var removed = counts.TryRemove("b", out var bCount);
            return new object[] { counts["a"], length, existing, removed, bCount, counts.Count };
        });

        o.Task("hashset-ops", () =>
        {
            var a = new HashSet<int> { 1, 2, 3, 4 };
            var b = new HashSet<int> { 3, 4, 5 };
            var addedAgain = a.Add(2);
            var union = new HashSet<int>(a);
            union.UnionWith(b);
            var common = new HashSet<int>(a);
            common.IntersectWith(b);
            var onlyA = new HashSet<int>(a);
            onlyA.ExceptWith(b);
            return new object[]
            {
                addedAgain,
                union.Order().ToArray(),
                common.Order().ToArray(),
                onlyA.Order().ToArray(),
                a.Overlaps(b),
                b.IsSupersetOf(new[] { 3, 5 }),
                a.SetEquals(new[] { 4, 3, 2, 1, 1 }),
            };
        });

        o.Task("queue-stack", () =>
        {
            var queue = new Queue<string>();
            queue.Enqueue("first");
            queue.Enqueue("second");
            queue.Enqueue("third");
            var dequeued = queue.Dequeue();
            var peeked = queue.Peek();
            var took = queue.TryDequeue(out var next);
            var stack = new Stack<int>();
            foreach (var n in new[] { 1, 2, 3 })
            {
                stack.Push(n);
            }
            var popped = stack.Pop();
            var hasTop = stack.TryPeek(out var top);
            return new object[] { dequeued, peeked, took, next!, queue.Count, popped, hasTop, top, stack.ToArray() };
        });

        o.Task("priorityqueue", () =>
        {
            var queue = new PriorityQueue<string, int>();
            queue.Enqueue("write docs", 3);
            queue.Enqueue("fix bug", 1);
            queue.Enqueue("review", 2);
            var first = queue.Dequeue();
            queue.TryDequeue(out var second, out var priority);
            return new object[] { first, second!, priority, queue.Count, queue.Peek() };
        });

        o.Task("sorteddictionary", () =>
        {
            var prices = new SortedDictionary<string, decimal> { ["pear"] = 1.25m, ["apple"] = 0.5m, ["fig"] = 2m };
            var first = prices.First();
            return new object[] { string.Join(",", prices.Keys), first.Key, first.Value, prices.Values.Sum() };
        });

        o.Task("sortedset", () =>
        {
            var set = new SortedSet<int> { 42, 7, 19, 3, 25 };
            var view = set.GetViewBetween(5, 30);
            return new object[] { set.Min, set.Max, view.Count, view.ToArray(), set.Remove(7), set.Reverse().First() };
        });

        o.Task("linkedlist", () =>
        {
            var list = new LinkedList<string>();
            list.AddLast("b");
            list.AddFirst("a");
            var d = list.AddLast("d");
            list.AddBefore(d, "c");
            list.AddLast("e");
            list.RemoveFirst();
            list.Remove("e");
            return new object[] { list.Count, list.First!.Value, list.Last!.Previous!.Value, string.Join("-", list), list.Find("c") != null };
        });

        o.Task("array-sort-reverse", () =>
        {
            int[] numbers = { 5, 2, 9, 1, 7 };
            Array.Sort(numbers);
            var sorted = (int[])numbers.Clone();
            Array.Reverse(numbers);
            return new object[] { sorted, numbers, Array.IndexOf(numbers, 7), Array.BinarySearch(sorted, 7), Array.IndexOf(numbers, 3) };
        });

        o.Task("array-sort-strings", () =>
        {
            string[] names = { "bob", "Alice", "dave", "Carol" };
            Array.Sort(names, StringComparer.OrdinalIgnoreCase);
            var byLength = (string[])names.Clone();
            Array.Sort(byLength, (x, y) => x.Length.CompareTo(y.Length));
            return new object[] { names, byLength };
        });

        o.Task("array-fill-find", () =>
        {
            var cells = new int[6];
            Array.Fill(cells, 7);
            cells[2] = 1;
            cells[4] = 3;
            return new object[]
            {
                cells,
                Array.Exists(cells, x => x == 1),
                Array.FindIndex(cells, x => x < 5),
                Array.FindLastIndex(cells, x => x < 5),
                Array.TrueForAll(cells, x => x > 0),
                Array.FindAll(cells, x => x != 7),
            };
        });
    }

    private static void Linq(Oracle o)
    {
        o.Task("linq-where-select", () => Enumerable.Range(1, 10).Where(x => x % 3 == 0).Select(x => x * x).ToArray());

        o.Task("linq-orderby-thenby", () =>
        {
            var words = new[] { "pear", "Fig", "banana", "kiwi", "apple", "date" };
            var ordered = words.OrderBy(w => w.Length).ThenBy(w => w, StringComparer.Ordinal).ToList();
            var longest = words.OrderByDescending(w => w.Length).First();
            return new object[] { ordered, longest };
        });

        o.Task("linq-groupby", () =>
        {
            var words = new[] { "apple", "avocado", "banana", "blueberry", "cherry", "apricot" };
            return words.GroupBy(w => w[0]).Select(g => $"{g.Key}:{g.Count()}:{string.Join("/", g)}").ToArray();
        });

        o.Task("linq-aggregate", () =>
        {
            var product = Enumerable.Range(1, 5).Aggregate((a, b) => a * b);
            var initials = new[] { "dotnet", "host", "node" }.Aggregate("", (acc, w) => acc + char.ToUpperInvariant(w[0]));
            var longest = new[] { "a", "abc", "ab" }.Aggregate("", (best, w) => w.Length > best.Length ? w : best, best => best.ToUpperInvariant());
            return new object[] { product, initials, longest };
        });

        o.Task("linq-numeric", () =>
        {
            int[] values = { 4, 8, 15, 16, 23, 42 };
            return new object[] { values.Sum(), values.Max(), values.Min(), values.Average(), values.Count(v => v > 10) };
        });

        o.Task("linq-distinct-zip", () =>
        {
            int[] numbers = { 1, 2, 2, 3, 3, 3 };
            var distinct = numbers.Distinct().ToArray();
            var words = new[] { "one", "two", "three" };
            var labelled = distinct.Zip(words, (n, w) => $"{n}={w}").ToArray();
            var pairs = distinct.Zip(words).Select(p => p.Second + p.First).ToArray();
            return new object[] { distinct, labelled, pairs };
        });

        o.Task("linq-todictionary-lookup", () =>
        {
            var words = new[] { "alpha", "beta", "gamma" };
            var lengths = words.ToDictionary(w => w, w => w.Length);
            var byLength = words.ToLookup(w => w.Length);
            return new object[] { lengths, byLength[5].Count(), byLength.Contains(4), byLength.Count };
        });

        o.Task("linq-quantifiers", () =>
        {
            var range = Enumerable.Range(0, 20);
            return new object[]
            {
                range.Any(x => x > 18),
                range.All(x => x >= 0),
                range.First(x => x > 5),
                range.FirstOrDefault(x => x > 100),
                range.Skip(5).Take(3).ToArray(),
                range.Reverse().Take(2).ToArray(),
                range.Contains(7),
                range.Last(),
            };
        });

        o.Task("linq-selectmany", () =>
        {
            var lines = new[] { "the quick fox", "the lazy dog" };
            return lines.SelectMany(line => line.Split(' ')).Distinct().OrderBy(w => w).ToArray();
        });

        o.Task("linq-first-empty", () => new List<int>().First());

        o.Task("linq-string-chars", () => new object[] { string.Concat("Mississippi".Distinct()), "Mississippi".Count(c => c == 's') });
    }

    private static void Numerics(Oracle o)
    {
        o.Task("biginteger-arithmetic", () =>
        {
            var a = BigInteger.Parse("123456789012345678901234567890");
            var b = new BigInteger(987654321);
            return new object[]
            {
                (a * b).ToString(),
                (a / b).ToString(),
                (a % b).ToString(),
                (a - b * b).ToString(),
                BigInteger.Pow(2, 100).ToString(),
                (-a).Sign,
            };
        });

        o.Task("biginteger-modpow", () =>
        {
            var modPow = BigInteger.ModPow(4, 13, 497);
            var gcd = BigInteger.GreatestCommonDivisor(BigInteger.Parse("1071"), 462);
            var parsed = BigInteger.TryParse("12x", out var bad);
            var big = BigInteger.Parse("-99999999999999999999");
            return new object[]
            {
                modPow.ToString(),
                gcd.ToString(),
                parsed,
                bad.IsZero,
                big.Sign,
                BigInteger.Abs(big).ToString(),
                (long)(big / BigInteger.Pow(10, 10)),
                BigInteger.Compare(big, BigInteger.MinusOne),
                big.IsEven,
            };
        });

        o.Task("biginteger-factorial", () =>
        {
            var factorial = BigInteger.One;
            for (var i = 2; i <= 30; i++)
            {
                factorial *= i;
            }
            return new object[] { factorial.ToString(), factorial.ToString().Length, factorial.ToByteArray().Length, (factorial % 1_000_007).ToString() };
        });

        o.Task("complex-arithmetic", () =>
        {
            var z = new Complex(3, 4);
            var w = new Complex(1, -2);
            var product = z * w;
            var quotient = z / w;
            return new object[]
            {
                z.Magnitude,
                product.Real,
                product.Imaginary,
                quotient.Real,
                quotient.Imaginary,
                Complex.Conjugate(z).Imaginary,
                Complex.Abs(z),
                (z + 1).Real,
                Complex.Sqrt(new Complex(-4, 0)).Imaginary,
            };
        });

        o.Task("vector3-ops", () =>
        {
            var a = new Vector3(1, 2, 2);
            var b = new Vector3(0.5f, 0, 1);
            var sum = a + b;
            var scaled = a * 2;
            var cross = Vector3.Cross(a, b);
            return new double[]
            {
                a.Length(), Vector3.Dot(a, b), sum.X, sum.Y, sum.Z, scaled.Y, cross.X, cross.Y, cross.Z,
                Vector3.Distance(a, b), Vector3.Normalize(a).X, (a - b).LengthSquared(),
            };
        });

        o.Task("matrix4x4", () =>
        {
            var m = Matrix4x4.CreateTranslation(1, 2, 3) * Matrix4x4.CreateScale(2);
            var p = Vector3.Transform(new Vector3(1, 1, 1), m);
            var inverted = Matrix4x4.Invert(m, out var inverse);
            var back = Vector3.Transform(p, inverse);
            return new object[] { (double)p.X, (double)p.Y, (double)p.Z, (double)m.M41, (double)m.M11, Matrix4x4.Identity.IsIdentity, m.IsIdentity, inverted, (double)inverse.M11, (double)back.Z };
        });

        o.Task("vector2-equality", () =>
        {
            var v = new Vector2(3, 4);
            return new object[]
            {
                v.Equals(new Vector2(3, 4)),
                v == new Vector2(3, 4),
                v.ToString("F1", CultureInfo.InvariantCulture),
                Vector2.Max(v, new Vector2(5, 1)).ToString("F0", CultureInfo.InvariantCulture),
                (double)v.Length(),
            };
        });
    }

    private static void Regexes(Oracle o)
    {
        o.Task("regex-ismatch", () => new object[]
        {
            Regex.IsMatch("Hello World", "^hello", RegexOptions.IgnoreCase),
            Regex.IsMatch("Hello World", "^hello"),
            Regex.IsMatch("abc123", @"^\d+$"),
            Regex.Matches("one\ntwo\nthree", "^t", RegexOptions.Multiline).Count,
            Regex.IsMatch("A b", "a b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
        });

        o.Task("regex-match-groups", () =>
        {
            var m = Regex.Match("Order #1234 placed on 2024-03-15", @"#(?<id>\d+).*?(\d{4})-(\d{2})-(\d{2})");
            return new object[] { m.Success, m.Groups["id"].Value, m.Groups[1].Value, m.Groups[3].Value, m.Groups.Count, m.Index, m.Length, m.Groups["id"].Index, Regex.Match("none", @"\d").Success };
        });

        o.Task("regex-matches-iterate", () =>
        {
            var matches = Regex.Matches("a1b22c333d", @"\d+");
            var found = new List<string>();
            foreach (Match match in matches)
            {
                found.Add($"{match.Value}@{match.Index}");
            }
            return new object[] { matches.Count, matches[1].Value, found };
        });

        o.Task("regex-replace-evaluator", () =>
        {
            var doubled = Regex.Replace("price: 10, tax: 3", @"\d+", match => (int.Parse(match.Value) * 2).ToString());
            var titled = Regex.Replace("hello big world", @"\b\w", match => match.Value.ToUpperInvariant());
            return new object[] { doubled, titled };
        });

        o.Task("regex-replace-pattern", () => new object[]
        {
            Regex.Replace("2024-03-15", @"(\d+)-(\d+)-(\d+)", "$3/$2/$1"),
            new Regex(@"\s+").Replace("a   b \t c", " "),
            Regex.Replace("x-y-z", "-", "+", RegexOptions.None),
            new Regex("o").Replace("foo boo", "0", 2),
        });

        o.Task("regex-split", () => new object[]
        {
            Regex.Split("one, two;three  four", @"[,;\s]+"),
            Regex.Split("a1b2c", @"(\d)"),
            new Regex(",").Split("a,b,c,d", 2),
        });

        o.Task("regex-named-dictionary", () =>
        {
            var pattern = new Regex(@"(?<key>\w+)=(?<value>[^;]*)", RegexOptions.Compiled);
            var settings = new Dictionary<string, string>();
            foreach (Match m in pattern.Matches("host=localhost;port=8080;debug="))
            {
                settings[m.Groups["key"].Value] = m.Groups["value"].Value;
            }
            return new object[] { settings, pattern.GetGroupNames(), pattern.Options };
        });

        o.Task("regex-escape", () => new object[]
        {
            Regex.Escape("1+1=2? (yes) [a.b]"),
            Regex.Unescape(@"tab\there\u0041"),
            Regex.IsMatch("a.b", Regex.Escape("a.b")),
            Regex.IsMatch("axb", Regex.Escape("a.b")),
        });

        o.Task("regex-invalid", () => new Regex("(unclosed").ToString());
    }

    private static void Text(Oracle o)
    {
        o.Task("stringbuilder-insert-replace", () =>
        {
            var sb = new StringBuilder("hello world");
            sb.Insert(0, '[').Append(']');
            sb.Replace("world", "there");
            sb.Insert(1, 42);
            sb[0] = '(';
            sb.Remove(sb.Length - 1, 1).Append(')');
            sb.AppendLine().Append("line2");
            return new object[] { sb.ToString(), sb.Length, sb.ToString(1, 2), sb[3] };
        });

        o.Task("stringbuilder-appendformat", () =>
        {
            var sb = new StringBuilder();
            sb.AppendFormat("{0} + {1} = {2}", 1, 2, 3).AppendLine();
            sb.AppendFormat("{0}{1}{2}{3}", "a", "b", "c", "d").AppendLine();
            sb.AppendFormat(CultureInfo.InvariantCulture, "{0:N2} | {1,6:F1} | {2:X}", 1234.5, 3.14159, 255);
            return sb.ToString();
        });

        o.Task("stringbuilder-appendjoin", () =>
        {
            var sb = new StringBuilder();
            sb.AppendJoin(", ", "a", "b", "c").Append(" | ");
            sb.AppendJoin('-', 1, 2, 3).Append(" | ");
            sb.AppendJoin("; ", new List<int> { 4, 5 });
            return sb.ToString();
        });

        o.Task("string-format-params", () => new object[]
        {
            string.Format("{0}-{1}-{2}-{3}", "a", 1, true, 2.5),
            string.Format("[{0,5}|{1,-5}]", "x", "y"),
            string.Format(CultureInfo.InvariantCulture, "{0:F3} {1:P1} {2:X4}", Math.PI, 0.256, 255),
            string.Format(CultureInfo.InvariantCulture, "{0:yyyy-MM-dd HH:mm}", new DateTime(2024, 3, 15, 8, 30, 0, DateTimeKind.Utc)),
            string.Format("{0} items", 3),
        });

        o.Task("string-join-concat", () => new object[]
        {
            string.Join(", ", new List<int> { 1, 2, 3 }),
            string.Join('-', "a", "b", "c"),
            string.Join("+", 1, "x", true),
            string.Join("/", new[] { "p", "q", "r" }, 1, 2),
            string.Concat("a", "b", "c", "d"),
            string.Concat(1, 2),
            string.Concat(new[] { "x", "y", "z" }),
        });

        // Lengths on both sides of the room a synchronous call offers for a string result
        // (256 UTF-16 units): copied there, or pinned when longer.
        o.Task("string-results-around-256-units", () => new object[]
        {
            "ж".PadLeft(255, '€').PadRight(256, 'é'),
            new string('x', 256),
            string.Concat(new string('y', 255), "🎉"),
            new string('z', 257),
            string.Join("", Enumerable.Repeat("ab", 200)),
            decimal.Parse("79228162514264337593543950335"),
            new Guid("3f2504e0-4f89-11d3-9a0c-0305e82c3301"),
        });

        // ASCII results are written into the same room as bytes (512 of them), anything
        // else as UTF-16 units when it fits, or pinned: lengths and characters at the edges.
        o.Task("string-results-ascii-around-512-bytes", () => new object[]
        {
            new string('a', 511),
            new string('b', 512),
            new string('c', 513),
            string.Concat(new string('d', 511), "é"),
            string.Concat(new string('e', 255), "é"),
            string.Concat("é", new string('f', 300)),
            string.Concat(new string('g', 300), "\u007f\0"),
            string.Concat(new string('h', 200), "\u0080"),
            string.Concat("", ""),
            string.Join(",", Enumerable.Range(0, 120)),
        });

        o.Task("string-arguments-around-512-units", () => new object[]
        {
            string.Concat(new string('a', 508) + "🎉", "b"),
            string.Concat(new string('a', 509) + "🎉", "b"),
            string.Concat(new string('a', 510) + "🎉", "b"),
            string.Concat(new string('a', 511) + "🎉", "b"),
            string.Concat(new string('q', 100_000), "b"),
            string.Concat(new string('c', 300), new string('d', 300)),
            string.Concat(new string('e', 200), new string('f', 200), new string('g', 200)),
            string.Concat("é\0x", ""),
        });

        o.Task("string-split-options", () => new object[]
        {
            "a, b,,c ,".Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            "k=v=w".Split('=', 2),
            "a--b--c".Split("--"),
            "a b  c".Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries),
        });

        o.Task("overloads-with-ever-new-strings", () =>
        {
            var builder = new StringBuilder();
            for (var i = 0; i < 300; i++)
            {
                builder.Append("w" + i).Append(i % 7 == 0 ? "x" : "yz");
            }
            return new object[]
            {
                builder.ToString(),
                string.Compare("apple", "APPLE", StringComparison.Ordinal),
                string.Compare("apple", "APPLE", StringComparison.OrdinalIgnoreCase),
                Math.Sign(string.Compare("a", "B", StringComparison.InvariantCulture)),
                Math.Sign(string.Compare("a", "B", StringComparison.InvariantCultureIgnoreCase)),
                char.IsDigit('7'),
                char.IsDigit('a'),
                char.IsDigit("a7", 1),
            };
        });

        o.Task("string-compare", () => new object[]
        {
            string.Compare("apple", "APPLE", StringComparison.OrdinalIgnoreCase),
            Math.Sign(string.Compare("a", "B", StringComparison.Ordinal)),
            Math.Sign(string.Compare("a", "B", StringComparison.InvariantCultureIgnoreCase)),
            string.Equals("Hello", "HELLO", StringComparison.OrdinalIgnoreCase),
            string.Compare("résumé", "resume", CultureInfo.InvariantCulture, CompareOptions.IgnoreNonSpace),
            Math.Sign(string.CompareOrdinal("abc", "abd")),
            string.Compare("file10", "file9", StringComparison.Ordinal) < 0,
        });

        o.Task("char-statics", () => new object[]
        {
            char.IsDigit('7'),
            char.IsLetter('x'),
            char.IsWhiteSpace('\t'),
            char.ToUpperInvariant('q'),
            char.GetNumericValue('8'),
            char.IsUpper("aBc", 1),
            char.ConvertFromUtf32(0x1F600),
            char.ConvertToUtf32("😀", 0),
            char.IsSurrogatePair("😀", 0),
        });
    }

    private static string TempName(string suffix = "") => Path.Combine(Path.GetTempPath(), "compat-" + Guid.NewGuid() + suffix);

    private static void Files(Oracle o)
    {
        o.Task("path-parts", () =>
        {
            var file = "/var/data/archive.tar.gz";
            return new object[]
            {
                Path.GetExtension(file),
                Path.GetFileNameWithoutExtension(file),
                Path.GetFileName(file),
                Path.GetDirectoryName(file)!,
                Path.ChangeExtension("notes/readme.txt", ".md"),
                Path.Join("a", "b", "c"),
                Path.IsPathRooted("/x"),
                Path.GetFullPath("/a/b/../c"),
                Path.HasExtension("Makefile"),
                Path.DirectorySeparatorChar,
            };
        });

        o.Task("file-text-roundtrip", () =>
        {
            var dir = Path.Combine(Path.GetTempPath(), "compat-" + Guid.NewGuid());
            Directory.CreateDirectory(dir);
            try
            {
                var path = Path.Combine(dir, "notes.txt");
                File.WriteAllText(path, "one\ntwo\n");
                File.AppendAllText(path, "three\n");
                File.AppendAllLines(path, new[] { "four", "five" });
                var lines = File.ReadAllLines(path);
                var text = File.ReadAllText(path);
                return new object[] { lines, text.Length, File.Exists(path), new FileInfo(path).Length, Path.GetFileName(path) };
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        });

        o.Task("directory-getfiles", () =>
        {
            var dir = Path.Combine(Path.GetTempPath(), "compat-" + Guid.NewGuid());
            var sub = Directory.CreateDirectory(Path.Combine(dir, "sub"));
            try
            {
                foreach (var name in new[] { "b.txt", "a.txt", "c.log" })
                {
                    File.WriteAllText(Path.Combine(dir, name), name);
                }
                File.WriteAllText(Path.Combine(sub.FullName, "d.txt"), "d");
                var names = Directory.GetFiles(dir, "*.txt").Select(f => Path.GetFileName(f)).ToArray();
                Array.Sort(names, StringComparer.Ordinal);
                var deep = Directory.GetFiles(dir, "*.txt", SearchOption.AllDirectories).Length;
                var dirs = Directory.GetDirectories(dir).Select(d => Path.GetFileName(d)).ToArray();
                var count = Directory.EnumerateFiles(dir).Count();
                var parentMatches = sub.Parent!.FullName == dir;
                Directory.Delete(dir, true);
                return new object[] { names, deep, dirs, count, sub.Name, parentMatches, Directory.Exists(dir) };
            }
            finally
            {
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, true);
                }
            }
        });

        o.Task("file-bytes-stream", () =>
        {
            var path = TempName(".bin");
            try
            {
                File.WriteAllBytes(path, new byte[] { 1, 2, 3, 250 });
                var bytes = File.ReadAllBytes(path);
                using var stream = File.OpenRead(path);
                var buffer = new byte[8];
                var read = stream.Read(buffer, 0, buffer.Length);
                var again = stream.Read(buffer, 0, buffer.Length);
                return new object[] { bytes, read, again, buffer, stream.Length, stream.Position };
            }
            finally
            {
                File.Delete(path);
            }
        });

        o.Task("file-not-found", () => File.ReadAllText(Path.Combine(Path.GetTempPath(), "compat-missing-" + Guid.NewGuid() + ".txt")));

        o.Task("streamwriter-file", () =>
        {
            var path = TempName(".txt");
            try
            {
                using (var writer = new StreamWriter(path))
                {
                    writer.WriteLine("alpha");
                    writer.Write(42);
                    writer.Write(' ');
                    writer.Write(true);
                    writer.WriteLine();
                    writer.WriteLine("{0}-{1}", "x", 7);
                }
                var lines = new List<string>();
                using (var reader = new StreamReader(path))
                {
                    string? line;
                    while ((line = reader.ReadLine()) != null)
                    {
                        lines.Add(line);
                    }
                }
                return lines;
            }
            finally
            {
                File.Delete(path);
            }
        });

        o.Task("file-async", async () =>
        {
            var path = TempName(".txt");
            try
            {
                await File.WriteAllTextAsync(path, "line one\nline two");
                await File.AppendAllTextAsync(path, "\nline three");
                var lines = await File.ReadAllLinesAsync(path);
                var text = await File.ReadAllTextAsync(path);
                return new object[] { lines, text.Length };
            }
            finally
            {
                File.Delete(path);
            }
        });
    }

    private static void Streams(Oracle o)
    {
        o.Task("memorystream-read-chunks", () =>
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes("hello stream!"));
            var buffer = new byte[5];
            var chunks = new List<string>();
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                chunks.Add(Encoding.UTF8.GetString(buffer, 0, read));
            }
            return new object[] { chunks, stream.Position, stream.Length };
        });

        o.Task("memorystream-write", () =>
        {
            using var stream = new MemoryStream();
            stream.Write(new byte[] { 1, 2, 3 }, 0, 3);
            stream.WriteByte(9);
            stream.Position = 1;
            var b = stream.ReadByte();
            stream.Seek(0, SeekOrigin.End);
            stream.Write(new byte[] { 7, 8 });
            return new object[] { stream.ToArray(), stream.Length, b, stream.Position };
        });

        o.Task("memorystream-readasync", async () =>
        {
            using var stream = new MemoryStream(Encoding.ASCII.GetBytes("async bytes"));
            var buffer = new byte[5];
            var read = await stream.ReadAsync(buffer, 0, buffer.Length);
            return new object[] { read, Encoding.ASCII.GetString(buffer) };
        });

        o.Task("stringreader-lines", () =>
        {
            using var reader = new StringReader("first\nsecond\r\nthird");
            var lines = new List<string>();
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                lines.Add(line);
            }
            return new object[] { lines, reader.Peek(), reader.ReadToEnd() };
        });

        o.Task("streamreader-memorystream", () =>
        {
            var bytes = Encoding.UTF8.GetBytes("ä first\nsecond\nthird");
            using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8);
            var first = reader.ReadLine();
            var rest = reader.ReadToEnd();
            return new object[] { first!, rest, reader.EndOfStream, bytes.Length };
        });

        o.Task("stream-closed-by-reader", () =>
        {
            var stream = new MemoryStream(new byte[] { 1, 2, 3 });
            var reader = new StreamReader(stream);
            reader.Dispose();
            return stream.ReadByte();
        });

        o.Task("gzip-roundtrip", () =>
        {
            var original = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("compress me ", 50)));
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(original, 0, original.Length);
            }
            compressed.Position = 0;
            using var gunzip = new GZipStream(compressed, CompressionMode.Decompress);
            using var output = new MemoryStream();
            gunzip.CopyTo(output);
            return new object[] { original.Length, compressed.Length < original.Length, Encoding.UTF8.GetString(output.ToArray()) == Encoding.UTF8.GetString(original), output.Length };
        });
    }

    private static void Dates(Oracle o)
    {
        o.Task("datetime-parse-exact", () =>
        {
            var d = DateTime.ParseExact("15/03/2024 14:30", "dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
            return new object[] { d, d.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.ToString("dddd, MMMM d", CultureInfo.InvariantCulture) };
        });

        o.Task("datetime-dayofweek", () =>
        {
            var leap = new DateTime(2024, 2, 29);
            return new object[] { leap.DayOfWeek, DateTime.IsLeapYear(2024), DateTime.DaysInMonth(2023, 2), leap.AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        });

        o.Task("datetime-arithmetic", () =>
        {
            var start = new DateTime(2024, 1, 1, 8, 0, 0, DateTimeKind.Utc);
            var end = start.AddHours(30).AddMinutes(15);
            var elapsed = end - start;
            return new object[] { end, elapsed, elapsed.TotalHours, start < end, DateTime.Compare(end, start), (end - TimeSpan.FromDays(1)).ToString("o", CultureInfo.InvariantCulture) };
        });

        o.Task("datetime-tostring-formats", () =>
        {
            var d = new DateTime(2024, 7, 4, 9, 5, 3, DateTimeKind.Utc);
            var inv = CultureInfo.InvariantCulture;
            return new[] { d.ToString("o", inv), d.ToString("s", inv), d.ToString("u", inv), d.ToString("D", inv), d.ToString("ddd, dd MMM yyyy HH:mm", inv), d.ToString("R", inv), d.ToString("yyyyMMdd'T'HHmmss", inv), d.ToString("t", inv) };
        });

        o.Task("datetime-tryparse", () =>
        {
            var ok = DateTime.TryParse("2024-02-29T10:00:00Z", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed);
            var bad = DateTime.TryParse("2023-02-29", CultureInfo.InvariantCulture, DateTimeStyles.None, out var invalid);
            return new object[] { ok, parsed, bad, invalid == DateTime.MinValue };
        });

        o.Task("datetimeoffset-unix", () =>
        {
            var dto = DateTimeOffset.Parse("2024-03-15T10:00:00+02:00", CultureInfo.InvariantCulture);
            var fromUnix = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
            return new object[] { dto, dto.ToUnixTimeSeconds(), dto.ToUnixTimeMilliseconds(), fromUnix, fromUnix.AddHours(1).ToUnixTimeSeconds() };
        });

        o.Task("dateonly-timeonly", () =>
        {
            var day = DateOnly.FromDateTime(new DateTime(2024, 3, 15, 18, 45, 0));
            var later = day.AddDays(30);
            var meeting = new TimeOnly(14, 30);
            var end = meeting.AddMinutes(45);
            return new object[]
            {
                later.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                later.DayNumber - day.DayNumber,
                day.DayNumber,
                later.DayOfWeek,
                end.ToString("HH:mm", CultureInfo.InvariantCulture),
                end.Hour,
                meeting.IsBetween(new TimeOnly(9, 0), new TimeOnly(17, 0)),
                DateOnly.ParseExact("2024-12-25", "yyyy-MM-dd", CultureInfo.InvariantCulture).DayOfYear,
                day.ToDateTime(meeting),
            };
        });

        o.Task("timespan-overloads", () => new object[]
        {
            TimeSpan.FromSeconds(90.5),
            TimeSpan.FromMinutes(1.5),
            TimeSpan.FromHours(2),
            TimeSpan.FromDays(1).TotalHours,
            TimeSpan.FromMinutes(90).TotalHours,
            TimeSpan.FromMilliseconds(1500).TotalSeconds,
        });

        o.Task("timespan-parse-format", () =>
        {
            var span = TimeSpan.ParseExact("1:02:03", @"h\:mm\:ss", CultureInfo.InvariantCulture);
            var total = span + TimeSpan.FromSeconds(57);
            var parsed = TimeSpan.TryParse("nope", out var bad);
            return new object[] { span, total.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture), TimeSpan.Parse("2.03:04:05", CultureInfo.InvariantCulture), TimeSpan.Compare(span, total), total.ToString("c"), parsed, bad };
        });
    }

    private static void Guids(Oracle o)
    {
        o.Task("guid-parse-formats", () =>
        {
            var g = Guid.Parse("{0F8FAD5B-D9CB-469F-A165-70867728950E}");
            return new object[] { g.ToString(), g.ToString("N"), g.ToString("B"), g.ToString("X"), g.ToByteArray(), g == Guid.Parse("0f8fad5bd9cb469fa16570867728950e"), Guid.Empty.ToString() };
        });

        o.Task("guid-tryparse", () =>
        {
            var ok = Guid.TryParse("0f8fad5b-d9cb-469f-a165-70867728950e", out var parsed);
            var bad = Guid.TryParse("not-a-guid", out var empty);
            var exact = Guid.TryParseExact("0f8fad5bd9cb469fa16570867728950e", "N", out var fromN);
            return new object[] { ok, parsed, bad, empty, exact, fromN };
        });

        o.Task("guid-newguid-shape", () =>
        {
            var g = Guid.NewGuid();
            var text = g.ToString();
            return new object[] { text.Length, text[14], text.Count(c => c == '-'), g != Guid.Empty, Guid.NewGuid() != g, g.ToByteArray().Length, Guid.Parse(text) == g };
        });
    }

    private static void Encodings(Oracle o)
    {
        o.Task("encoding-utf8", () =>
        {
            var bytes = Encoding.UTF8.GetBytes("héllo €");
            return new object[]
            {
                bytes,
                bytes.Length,
                Encoding.UTF8.GetString(bytes),
                Encoding.UTF8.GetByteCount("€"),
                Encoding.ASCII.GetString(new byte[] { 72, 105 }),
                Encoding.Unicode.GetBytes("A€"),
                Encoding.Latin1.GetBytes("é"),
                Encoding.UTF8.GetString(bytes, 1, 2),
            };
        });

        o.Task("encoding-getbytes-buffer", () =>
        {
            var buffer = new byte[10];
            var written = Encoding.UTF8.GetBytes("añb€", 0, 3, buffer, 2);
            var chars = new char[4];
            var decoded = Encoding.UTF8.GetChars(buffer, 2, written, chars, 0);
            return new object[] { written, buffer, decoded, new string(chars, 0, decoded) };
        });

        o.Task("base64-hex", () =>
        {
            var bytes = Encoding.UTF8.GetBytes("hello world");
            return new object[]
            {
                Convert.ToBase64String(bytes),
                Convert.ToBase64String(bytes, 0, 5),
                Encoding.UTF8.GetString(Convert.FromBase64String("ZG90bmV0LWhvc3Q=")),
                Convert.ToHexString(new byte[] { 0xDE, 0xAD, 0xBE, 0xEF }),
                Convert.FromHexString("CAFE"),
                Convert.ToHexString(bytes, 0, 2),
            };
        });

        o.Task("base64-invalid", () => Convert.FromBase64String("not base64!"));

        o.Task("hash-sha256-hmac", () =>
        {
            var data = Encoding.UTF8.GetBytes("abc");
            using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes("key"));
            return new object[] { Convert.ToHexString(SHA256.HashData(data)), Convert.ToHexString(MD5.HashData(data)), Convert.ToHexString(hmac.ComputeHash(data)), SHA256.HashData(data).Length };
        });
    }

    private static void Parsing(Oracle o)
    {
        o.Task("double-decimal-tryparse", () =>
        {
            var okDouble = double.TryParse("3.25", NumberStyles.Float, CultureInfo.InvariantCulture, out var d);
            var okDecimal = decimal.TryParse("19.99", NumberStyles.Number, CultureInfo.InvariantCulture, out var m);
            var badDouble = double.TryParse("3,25x", NumberStyles.Float, CultureInfo.InvariantCulture, out var zero);
            return new object[] { okDouble, d, okDecimal, m, badDouble, zero };
        });

        o.Task("int-long-bool-tryparse", () =>
        {
            var badInt = int.TryParse("12abc", out var zero);
            var okLong = long.TryParse("9007199254740993", out var big);
            var okHex = int.TryParse("ff", NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex);
            var okBool = bool.TryParse("True", out var flag);
            return new object[] { badInt, zero, okLong, big, okHex, hex, okBool, flag };
        });

        o.Task("enum-tryparse-generic", () =>
        {
            var ok = Enum.TryParse<DayOfWeek>("friday", ignoreCase: true, out var day);
            var bad = Enum.TryParse("Someday", out DayOfWeek none);
            var numeric = Enum.TryParse<DayOfWeek>("3", out var wednesday);
            return new object[] { ok, day, bad, none, numeric, wednesday };
        });
    }

    private static void MathAndConversions(Oracle o)
    {
        o.Task("interlocked-ref", () =>
        {
            var counter = 5;
            var incremented = Interlocked.Increment(ref counter);
            Interlocked.Add(ref counter, 10);
            var original = Interlocked.Exchange(ref counter, 100);
            var seen = Interlocked.CompareExchange(ref counter, 200, 100);
            var missed = Interlocked.CompareExchange(ref counter, 300, 100);
            long total = 0;
            Interlocked.Add(ref total, 5_000_000_000);
            var decremented = Interlocked.Decrement(ref total);
            return new object[] { incremented, original, seen, missed, counter, total, decremented };
        });

        o.Task("math-overloads", () => new object[]
        {
            Math.Max(3, 7),
            Math.Max(2.5, 1.5),
            Math.Max(10L, 3L),
            Math.Min(-1, 4),
            Math.Abs(-7),
            Math.Abs(-2.5),
            Math.Clamp(15, 0, 10),
            Math.Clamp(-0.5, 0.0, 1.0),
            Math.Sign(-3.2),
            Math.Max(1.5m, 2.25m),
        });

        o.Task("math-round-midpoint", () => new object[]
        {
            Math.Round(2.5),
            Math.Round(3.5),
            Math.Round(2.5, MidpointRounding.AwayFromZero),
            Math.Round(-2.5, MidpointRounding.ToZero),
            Math.Round(2.345, 2),
            Math.Round(1.2345m, 2, MidpointRounding.AwayFromZero),
            Math.Round(2.125m, 2),
            Math.Floor(-1.5),
            Math.Ceiling(1.2),
            Math.Truncate(-2.7),
        });

        o.Task("math-functions", () => new object[]
        {
            MathF.Sqrt(16f),
            MathF.Max(1.5f, 2.5f),
            Math.Pow(2, 10),
            Math.Log(Math.E),
            Math.Log10(1000),
            Math.Log(8, 2),
            Math.Sqrt(2),
            Math.Cbrt(27),
            Math.BigMul(100000, 100000),
        });

        o.Task("bitconverter", () => new object[]
        {
            BitConverter.GetBytes(258),
            BitConverter.GetBytes(1.5),
            BitConverter.GetBytes(true),
            BitConverter.GetBytes((short)-2),
            BitConverter.ToInt32(new byte[] { 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF }, 4),
            BitConverter.ToString(new byte[] { 1, 171, 255 }),
            BitConverter.IsLittleEndian,
            BitConverter.DoubleToInt64Bits(1.0),
            BitConverter.ToUInt16(new byte[] { 0x34, 0x12 }, 0),
        });

        o.Task("convert-toint32", () => new object[]
        {
            Convert.ToInt32("42"),
            Convert.ToInt32(3.7),
            Convert.ToInt32(2.5),
            Convert.ToInt32(3.5),
            Convert.ToInt32("ff", 16),
            Convert.ToInt32(true),
            Convert.ToInt32('A'),
            Convert.ToString(255, 2),
            Convert.ToDouble("1.5", CultureInfo.InvariantCulture),
            Convert.ToBoolean("true"),
            Convert.ToInt64(1e10),
        });

        o.Task("convert-changetype", () => new object?[]
        {
            Convert.ChangeType("42", typeof(int)),
            Convert.ChangeType(3.99, typeof(int)),
            Convert.ChangeType("true", typeof(bool)),
            Convert.ChangeType(5, typeof(string)),
            Convert.ChangeType("2.5", typeof(double), CultureInfo.InvariantCulture),
            Convert.ChangeType("12", typeof(long)),
            Convert.ChangeType(7, TypeCode.Decimal),
        });

        o.Task("convert-overflow", () => Convert.ToByte(300));
    }

    private static void Enums(Oracle o)
    {
        o.Task("enum-parse-names", () => new object[]
        {
            Enum.Parse<DayOfWeek>("Tuesday"),
            (DayOfWeek)Enum.Parse(typeof(DayOfWeek), "saturday", ignoreCase: true),
            Enum.GetNames<DayOfWeek>(),
            Enum.GetName(DayOfWeek.Monday)!,
            Enum.GetName(typeof(DayOfWeek), 3)!,
            Enum.IsDefined(typeof(DayOfWeek), 7),
        });

        o.Task("enum-getvalues-type", () =>
        {
            var values = Enum.GetValues(typeof(DayOfWeek));
            var names = new List<string>();
            foreach (DayOfWeek value in values)
            {
                names.Add($"{(int)value}:{value}");
            }
            return new object[] { values.Length, names, Enum.GetUnderlyingType(typeof(DayOfWeek)).Name, Enum.GetValues<ConsoleColor>().Length };
        });

        o.Task("enum-flags", () =>
        {
            var attributes = FileAttributes.Hidden | FileAttributes.ReadOnly;
            var access = FileAccess.ReadWrite;
            return new object[]
            {
                attributes.HasFlag(FileAttributes.Hidden),
                attributes.HasFlag(FileAttributes.Archive),
                attributes.ToString(),
                access.HasFlag(FileAccess.Write),
                (int)attributes,
                Enum.Parse<FileAttributes>("Hidden, System"),
            };
        });
    }

    private static void Exceptions(Oracle o)
    {
        o.Task("int-parse-format-exception", () => int.Parse("x"));

        // The message quotes the input: quotes, backslashes, controls, HTML-sensitive and
        // non-ASCII characters cross in the exception's description.
        o.Task("exception-message-escapes", () => int.Parse("é\"\\\u0001<>&'+`🎉\u007f ok"));

        o.Task("argument-null-paramname", () =>
        {
            try
            {
                Path.Combine(null!, "b");
                return "no exception";
            }
            catch (ArgumentNullException e)
            {
                return new object?[] { e.GetType().FullName, e.ParamName };
            }
        });

        o.Task("argument-null-throws", () => int.Parse((string)null!));

        o.Task("list-index-out-of-range", () => new List<int> { 1, 2 }[5]);

        o.Task("decimal-divide-by-zero", () =>
        {
            decimal total = 10m;
            decimal count = 0;
            return total / count;
        });
    }

    private static void Types(Oracle o)
    {
        o.Task("activator-createinstance", () =>
        {
            var sb = (StringBuilder)Activator.CreateInstance(typeof(StringBuilder))!;
            sb.Append("made");
            var list = (List<int>)Activator.CreateInstance(typeof(List<int>))!;
            list.Add(3);
            var seeded = (StringBuilder)Activator.CreateInstance(typeof(StringBuilder), "seed")!;
            return new object[] { sb.ToString(), list.Count, seeded.ToString() };
        });

        o.Task("type-reflection", () =>
        {
            var type = Type.GetType("System.Text.StringBuilder")!;
            var append = type.GetMethod("Append", new[] { typeof(string) })!;
            var sb = Activator.CreateInstance(type)!;
            append.Invoke(sb, new object[] { "via reflection" });
            return new object[] { type.Name, type.Namespace!, type.IsClass, append.ReturnType.Name, sb.ToString()! };
        });
    }

    private static void Misc(Oracle o)
    {
        o.Task("random-seeded", () =>
        {
            var random = new Random(42);
            var first = random.Next(100);
            var ranged = random.Next(10, 20);
            var fraction = random.NextDouble();
            var bytes = new byte[6];
            random.NextBytes(bytes);
            var big = random.NextInt64(1_000_000_000_000);
            var deck = new[] { 1, 2, 3, 4, 5, 6 };
            random.Shuffle(deck);
            return new object[] { first, ranged, fraction, bytes, big, deck, new Random(42).Next(100) == first };
        });

        o.Task("uri-parts", () =>
        {
            var uri = new Uri("https://user@example.com:8443/a/b/page.html?q=1&x=y#frag");
            return new object[] { uri.Scheme, uri.Host, uri.Port, uri.AbsolutePath, uri.Query, uri.Fragment, uri.Segments, uri.UserInfo, uri.IsDefaultPort, uri.GetLeftPart(UriPartial.Authority) };
        });

        o.Task("uri-combine", () =>
        {
            var baseUri = new Uri("https://example.com/api/v1/");
            var relative = new Uri(baseUri, "users/42?full=true");
            var up = new Uri(baseUri, "../v2/items");
            var created = Uri.TryCreate("not a uri", UriKind.Absolute, out var bad);
            return new object[] { relative.ToString(), up.AbsoluteUri, baseUri.MakeRelativeUri(relative).ToString(), Uri.EscapeDataString("a b&c"), created, bad is null };
        });

        o.Task("version-parse-compare", () =>
        {
            var a = Version.Parse("1.2.10");
            var b = new Version(1, 2, 9, 5);
            var parsed = Version.TryParse("1.x", out var bad);
            return new object[] { a.CompareTo(b), a > b, a.Major, a.Build, a.Revision, b.ToString(2), parsed, bad is null };
        });

        o.Task("culture-formatting", () =>
        {
            var german = new CultureInfo("de-DE");
            var us = CultureInfo.GetCultureInfo("en-US");
            var amount = 1234567.891;
            return new object[]
            {
                amount.ToString("N2", german),
                amount.ToString("N2", CultureInfo.InvariantCulture),
                string.Format(german, "{0:C}", 1234.5),
                1234.5m.ToString("C", us),
                new DateTime(2024, 3, 15).ToString("d", german),
                german.NumberFormat.NumberDecimalSeparator,
                double.Parse("1.234,5", german),
                german.TextInfo.ToTitleCase("hello world"),
                german.Name,
            };
        });

        o.Task("lazy-value", () =>
        {
            var calls = 0;
            var lazy = new Lazy<int>(() => { calls++; return 42; });
            var before = lazy.IsValueCreated;
            var first = lazy.Value;
            var second = lazy.Value;
            return new object[] { before, first, second, calls, lazy.IsValueCreated };
        });

        o.Task("tuple-returns", () =>
        {
            var tuple = Tuple.Create("a", 1, true);
            var pair = ValueTuple.Create(2.5, "b");
            var (quotient, remainder) = Math.DivRem(17, 5);
            var kv = KeyValuePair.Create("k", 9);
            return new object[] { tuple.Item1, tuple.Item2, tuple.Item3, pair.Item1, pair.Item2, quotient, remainder, kv.Key, kv.Value };
        });
    }
}
