// The C# half of the compatibility suite: every library's project compiles this file,
// registers its tasks and runs them, printing each task's result as JSON. The TypeScript
// tests (__test__/compat/*.test.ts) run the same tasks through dotnet-host and compare.
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Compat;

/// <summary>Collects tasks by id, runs them in order and writes
/// <c>{"id": {"value": …} | {"error": "Full.Type.Name", "message": "…"}}</c>.</summary>
internal sealed class Oracle
{
    private readonly List<(string Id, Func<Task<object?>> Run)> tasks = [];

    public void Task(string id, Func<object?> run) => tasks.Add((id, () => System.Threading.Tasks.Task.FromResult(run())));

    public void Task(string id, Func<Task<object?>> run) => tasks.Add((id, run));

    /// <summary>Results use the value mapping dotnet-host uses, so both sides compare as
    /// JSON: 64-bit integers and decimals as strings, dates as Unix milliseconds, TimeSpans
    /// as milliseconds, byte arrays as arrays of numbers, non-finite doubles as names, enum
    /// values as their members' names ([Flags] enums as numbers).</summary>
    private static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters =
        {
            new AsString<long>(value => value.ToString(CultureInfo.InvariantCulture)),
            new AsString<ulong>(value => value.ToString(CultureInfo.InvariantCulture)),
            new AsString<decimal>(value => value.ToString(CultureInfo.InvariantCulture)),
            new AsNumber<DateTime>(value => (value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value).ToUniversalTime().Subtract(DateTime.UnixEpoch).TotalMilliseconds),
            new AsNumber<DateTimeOffset>(value => value.UtcDateTime.Subtract(DateTime.UnixEpoch).TotalMilliseconds),
            new AsNumber<TimeSpan>(value => value.TotalMilliseconds),
            new Bytes(),
            new Enums(),
        },
    };

    public static async Task<int> Run(Action<Oracle> register, string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var oracle = new Oracle();
        register(oracle);
        var only = args.Length > 0 ? new HashSet<string>(args) : null;
        var results = new Dictionary<string, object?>();
        foreach (var (id, run) in oracle.tasks)
        {
            if (only != null && !only.Contains(id))
            {
                continue;
            }
            try
            {
                results[id] = new Dictionary<string, object?> { ["value"] = await run() };
            }
            catch (Exception exception)
            {
                var thrown = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerException! : exception;
                results[id] = new Dictionary<string, object?> { ["error"] = thrown.GetType().FullName, ["message"] = thrown.Message };
            }
        }
        Console.Out.Write(JsonSerializer.Serialize(results, Options));
        return 0;
    }

    private sealed class AsString<T>(Func<T, string> format) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(format(value));
    }

    private sealed class AsNumber<T>(Func<T, double> convert) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteNumberValue(convert(value));
    }

    private sealed class Enums : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
            (JsonConverter)Activator.CreateInstance(typeof(EnumValue<>).MakeGenericType(typeToConvert))!;
    }

    private sealed class EnumValue<T> : JsonConverter<T> where T : struct, Enum
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        {
            if (!typeof(T).IsDefined(typeof(FlagsAttribute), false) && Enum.IsDefined(value))
            {
                writer.WriteStringValue(value.ToString());
            }
            else
            {
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
            }
        }
    }

    private sealed class Bytes : JsonConverter<byte[]>
    {
        public override byte[] Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, byte[] value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var item in value)
            {
                writer.WriteNumberValue(item);
            }
            writer.WriteEndArray();
        }
    }
}
