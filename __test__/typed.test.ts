// Typed calls against the Typed fixture: every kind of value both ways, overloads,
// errors before .NET is entered, .NET exceptions, spans without copies, JSON objects.
import test from "ava";
import {
  ArgumentRangeError,
  BindError,
  DotnetException,
  InvalidArgumentError,
  bridgeDiagnostics,
  load,
} from "../lib/index.js";
import { fixture } from "./helpers.js";

const typed = load(fixture("Typed"));
const bind = (name: string, types?: string[]) => typed.bind(name, types);

test("a bound method is a function with its signatures", (t) => {
  const add = bind("Typed.Calc.Add");
  t.is(add(2, 3), 5);
  t.deepEqual(add.signatures, ["int Add(int a, int b)"]);
  t.is(add.typeName, "Typed.Calc");
  t.is(add.methodName, "Add");
  t.true(typed.isolated);
  t.is(bind("Typed.Calc.Nothing")(), undefined);
});

test("integers of every width, with their limits", (t) => {
  t.is(bind("Typed.Calc.SByte")(-128), -128);
  t.is(bind("Typed.Calc.Byte")(255), 255);
  t.is(bind("Typed.Calc.Int16")(-32768), -32768);
  t.is(bind("Typed.Calc.UInt16")(65535), 65535);
  t.is(bind("Typed.Calc.UInt32")(4294967295), 4294967295);
  t.is(bind("Typed.Calc.Add")(2147483647, 0), 2147483647);
  const int64 = bind("Typed.Calc.Int64");
  t.is(int64(-9223372036854775808n), -9223372036854775808n);
  t.is(
    int64(9007199254740991),
    9007199254740991n,
    "safe-integer numbers are accepted",
  );
  t.is(bind("Typed.Calc.UInt64")(18446744073709551615n), 18446744073709551615n);
  t.is(bind("Typed.Calc.NInt")(-5n), -5n);
  t.is(bind("Typed.Calc.NUInt")(5), 5n);
});

test("out-of-range and non-integer numbers are RangeErrors naming the parameter", (t) => {
  const byteError = t.throws(() => bind("Typed.Calc.Byte")(256), {
    instanceOf: ArgumentRangeError,
  });
  t.is(byteError.parameter, "value");
  t.is(byteError.dotnetType, "byte");
  t.regex(byteError.message, /256 is out of range for byte \(0 to 255\)/);
  t.throws(() => bind("Typed.Calc.Add")(1.5, 1), {
    instanceOf: ArgumentRangeError,
    message: /not an integer/,
  });
  t.throws(() => bind("Typed.Calc.Int64")(2 ** 60), {
    instanceOf: ArgumentRangeError,
    message: /pass a bigint/,
  });
  t.throws(() => bind("Typed.Calc.Int64")(2n ** 64n), {
    instanceOf: ArgumentRangeError,
  });
  t.throws(() => bind("Typed.Calc.UInt64")(-1), {
    instanceOf: ArgumentRangeError,
  });
  t.true(byteError instanceof RangeError);
});

test("wrong types and missing arguments are TypeErrors thrown before .NET runs", (t) => {
  const divide = bind("Typed.Failures.DivideByZero");
  const wrong = t.throws(() => divide("0"), {
    instanceOf: InvalidArgumentError,
  });
  t.is(wrong.parameter, "value");
  t.is(wrong.dotnetType, "int");
  t.regex(
    wrong.message,
    /argument 'value' of int DivideByZero\(int value\): expected int/,
  );
  t.true(wrong instanceof TypeError);
  t.throws(() => bind("Typed.Calc.Add")(1), {
    instanceOf: InvalidArgumentError,
    message: /missing argument 'b' \(int\)/,
  });
  t.throws(() => bind("Typed.Calc.Add")(1, 2, 3), {
    instanceOf: InvalidArgumentError,
    message: /takes 2 arguments/,
  });
  t.throws(() => bind("Typed.Calc.Not")(1), {
    instanceOf: InvalidArgumentError,
    message: /expected bool/,
  });
  t.throws(() => bind("Typed.Calc.Add")(null, 1), {
    instanceOf: InvalidArgumentError,
    message: /null is not allowed/,
  });
});

test("bool, char, float, double and decimal", (t) => {
  t.false(bind("Typed.Calc.Not")(true));
  t.is(bind("Typed.Calc.NextChar")("a"), "b");
  t.is(bind("Typed.Calc.NextChar")(65), "B");
  t.throws(() => bind("Typed.Calc.NextChar")("ab"), {
    instanceOf: InvalidArgumentError,
  });
  t.is(bind("Typed.Calc.Single")(1.5), 1.5);
  t.is(bind("Typed.Calc.Single")(0.1), Math.fround(0.1));
  t.is(bind("Typed.Calc.Double")(Math.PI), Math.PI);
  t.true(Number.isNaN(bind("Typed.Calc.Double")(Number.NaN) as number));
  const addDecimal = bind("Typed.Calc.AddDecimal");
  t.is(addDecimal("0.1", 0.2), "0.3", "decimals come back as exact strings");
  t.is(
    addDecimal("79228162514264337593543950334", "1"),
    "79228162514264337593543950335",
  );
  t.is(addDecimal(10n, "0.5"), "10.5");
  t.throws(() => addDecimal("1,5", 1), { instanceOf: InvalidArgumentError });
});

test("a decimal is taken only when decimal holds its text exactly, up to 29 digits", (t) => {
  // Decimal.Add(d, 0) in the base class library gives d back as .NET holds it.
  const same = (text: string) =>
    typed.bind("System.Decimal.Add", ["System.Decimal", "System.Decimal"])(
      text,
      0,
    );
  const exact: [string, string][] = [
    ["79228162514264337593543950335", "79228162514264337593543950335"],
    ["-79228162514264337593543950335", "-79228162514264337593543950335"],
    ["7922816251426433759354395033.5", "7922816251426433759354395033.5"],
    ["1e28", "10000000000000000000000000000"],
    ["0.0000000000000000000000000001", "0.0000000000000000000000000001"],
    ["1.0000000000000000000000000000", "1.0000000000000000000000000000"],
    [" +2.50 ", "2.50"],
    ["0.000", "0.000"],
    ["12e-2", "0.12"],
  ];
  for (const [text, held] of exact) t.is(same(text), held, text);
  for (const text of [
    "7922816251426433759354395033.6",
    "0.00000000000000000000000000001",
    "1.00000000000000000000000000001",
    "79228162514264337593543950335e-29",
  ])
    t.throws(
      () => same(text),
      { message: /more digits than a decimal holds/ },
      text,
    );
  t.throws(() => same("79228162514264337593543950336"), {
    message: /out of range for decimal/,
  });
});

test("a number or bigint for a decimal is the decimal .NET parses from its JavaScript text", (t) => {
  // Decimal.Add(d, 0) in the base class library gives d back as .NET holds it, scale
  // included; the text String(n) takes the path of every decimal string, so it is the
  // oracle for the number itself.
  const add = typed.bind("System.Decimal.Add", [
    "System.Decimal",
    "System.Decimal",
  ]);
  const outcome = (value: unknown) => {
    try {
      return { held: add(value, 0) };
    } catch (error) {
      return { error: (error as Error).message.replace(String(value), "…") };
    }
  };
  const view = new DataView(new ArrayBuffer(8));
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const numbers = [
    0,
    -0,
    1,
    -1,
    10,
    0.1,
    0.5,
    -99.5,
    123.456,
    1e-6,
    1e-7,
    1.5e-7,
    1e-28,
    1e-29,
    2.5e-28,
    9007199254740991,
    9007199254740992,
    4611686018427387904,
    2 ** 64,
    1e19,
    1e20,
    1e21,
    7.922816251426434e28,
    7.922816251426434e29,
    5e-324,
    Number.MAX_VALUE,
    Number.EPSILON,
  ];
  for (let index = 0; index < 2000; index++) {
    // Any bit pattern (every exponent), amounts of money, and small fractions.
    view.setUint32(0, Math.floor(random() * 2 ** 32));
    view.setUint32(4, Math.floor(random() * 2 ** 32));
    const any = view.getFloat64(0);
    if (Number.isFinite(any)) numbers.push(any);
    numbers.push(Math.round((random() - 0.5) * 1e9) / 100);
    numbers.push((random() - 0.5) * 10 ** Math.floor(random() * 40 - 30));
  }
  for (const n of numbers)
    t.deepEqual(outcome(n), outcome(String(n)), `${n} as ${String(n)}`);
  for (const big of [
    0n,
    -10n,
    2n ** 64n,
    -(2n ** 96n - 1n),
    2n ** 96n,
    -(2n ** 127n),
  ])
    t.deepEqual(outcome(big), outcome(String(big)), String(big));
  t.is(add(-0, 0), "0");
  t.is(add(0.5, 0), "0.5");
  t.is(add(2n ** 96n - 1n, 0), "79228162514264337593543950335");
  // Beyond 128 bits the addon refuses a bigint without printing it (it may have a
  // billion bits).
  for (const big of [2n ** 128n, -(2n ** 200n), 2n ** 1_000_000n])
    t.throws(() => add(big, 0), {
      name: "ArgumentRangeError",
      message: /bigint of more than 128 bits is out of range for decimal/,
    });
  t.throws(() => add(2n ** 127n, 0), {
    name: "ArgumentRangeError",
    message: /out of range for decimal/,
  });
});

test("nullable value types take null and undefined", (t) => {
  const nullableInt = bind("Typed.Calc.NullableInt");
  t.is(nullableInt(null), null);
  t.is(nullableInt(undefined), null);
  t.is(nullableInt(7), 7);
  t.is(bind("Typed.Calc.Half")(null), null);
  t.is(bind("Typed.Calc.Half")(3), 1.5);
});

test("enums cross as their members' names; numbers are accepted", (t) => {
  const next = bind("Typed.Calc.NextColor");
  t.is(next("Red"), "Green");
  t.is(next(1), "Green", "a number where only the enum is taken");
  t.is(next("blue"), "Red", "names match case-insensitively");
  const error = t.throws(() => next("Purple"), {
    instanceOf: InvalidArgumentError,
  });
  t.regex(error.message, /a member of Color \(Red, Green, Blue\)/);
  t.throws(() => next("Red, Green"), { instanceOf: InvalidArgumentError });
  t.is(bind("Typed.Calc.ColorName")("Blue"), "Blue");
  t.is(next(8), 16, "a value that is no member crosses as its number");
});

test("optional parameters take their .NET defaults", (t) => {
  const defaults = bind("Typed.Calc.Defaults");
  t.is(defaults(1), 12);
  t.is(defaults(1, 2), 4);
  t.is(defaults(1, 2, "abc"), 6);
});

test("strings: UTF-16 both ways, lone surrogates preserved, null", (t) => {
  const echo = bind("Typed.Text.Echo");
  t.is(echo("héllo 世界 🎉"), "héllo 世界 🎉");
  t.is(echo(""), "");
  t.is(echo("a\ud800b"), "a\ud800b");
  t.is(bind("Typed.Text.Length")("a\ud800b"), 3);
  t.is(bind("Typed.Text.Surrogates")(), "a\ud800b");
  t.is(bind("Typed.Text.EchoNullable")(null), null);
  const long = "x".repeat(1_000_000);
  t.is(echo(long), long);
  // Around the 256 units a synchronous call offers for a string result (copied there,
  // pinned beyond), with a lone surrogate as the last unit that fits.
  for (const length of [255, 256, 257]) {
    const text = "é".repeat(length - 1) + "\udc00";
    t.is(echo(text), text, `${length} units`);
  }
});

test("Guid as string", (t) => {
  const id = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";
  t.is(bind("Typed.Text.GuidText")(id.toUpperCase()), id);
  t.is(bind("Typed.Text.ParseGuid")(`{${id}}`), id);
  t.throws(() => bind("Typed.Text.GuidText")("not-a-guid"), {
    instanceOf: InvalidArgumentError,
    message: /GUID/,
  });
});

test("DateTime and DateTimeOffset as Date, TimeSpan as milliseconds", (t) => {
  const day = bind("Typed.Times.AddDay")(
    new Date(Date.UTC(2024, 1, 28, 12)),
  ) as Date;
  t.true(day instanceof Date);
  t.is(day.toISOString(), "2024-02-29T12:00:00.000Z");
  t.is(
    (bind("Typed.Times.AddDay")(0) as Date).getTime(),
    86_400_000,
    "numbers are epoch milliseconds",
  );
  t.is((bind("Typed.Times.Offset")(new Date(0)) as Date).getTime(), 3_600_000);
  t.is(bind("Typed.Times.Double")(1500), 3000);
  t.is(bind("Typed.Times.Ticks")(new Date(0)), 621355968000000000n);
  t.is(
    (bind("Typed.Times.MaybeDate")(true) as Date).toISOString(),
    "2020-01-02T03:04:05.000Z",
  );
  t.is(bind("Typed.Times.MaybeDate")(false), null);
  t.throws(() => bind("Typed.Times.AddDay")(new Date(Number.NaN)), {
    instanceOf: ArgumentRangeError,
    message: /invalid/,
  });
});

test("arrays are copied: Buffers and TypedArrays in, Buffers and TypedArrays out", (t) => {
  t.is(bind("Typed.Buffers.Sum")(Buffer.from([1, 2, 3])), 6);
  t.is(bind("Typed.Buffers.Sum")(new Uint8Array([4, 5])), 9);
  t.is(bind("Typed.Buffers.Sum")([1, 1, 1]), 3, "plain arrays are converted");
  const reversed = bind("Typed.Buffers.Reverse")(
    Buffer.from([1, 2, 3]),
  ) as Buffer;
  t.true(Buffer.isBuffer(reversed));
  t.deepEqual([...reversed], [3, 2, 1]);
  const squares = bind("Typed.Buffers.Squares")(
    new Int32Array([1, 2, 3]),
  ) as Int32Array;
  t.true(squares instanceof Int32Array);
  t.deepEqual([...squares], [1, 4, 9]);
  t.deepEqual(
    [...(bind("Typed.Buffers.Scale")([1, 2], 0.5) as Float64Array)],
    [0.5, 1],
  );
  t.is(bind("Typed.Buffers.MaybeBytes")(false), null);
  const wrong = t.throws(
    () => bind("Typed.Buffers.Squares")(new Float64Array(2)),
    { instanceOf: InvalidArgumentError },
  );
  t.regex(wrong.message, /expected int\[\] \(Int32Array\)/);
  const original = Buffer.from([9, 9]);
  bind("Typed.Buffers.Reverse")(original);
  t.deepEqual([...original], [9, 9], "the caller's array is not modified");
});

test("Span, ReadOnlySpan and Memory point at the JavaScript memory itself", (t) => {
  const buffer = Buffer.alloc(8);
  bind("Typed.Buffers.Fill")(buffer, 0xab);
  t.deepEqual([...buffer], Array(8).fill(0xab));
  t.is(bind("Typed.Buffers.SpanSum")(new Uint8Array([1, 2, 3]).subarray(1)), 5);
  const ints = new Int32Array(4);
  bind("Typed.Buffers.FillInts")(ints.subarray(1, 3));
  t.deepEqual([...ints], [0, 7, 7, 0]);
  const text = Buffer.from("shout");
  bind("Typed.Buffers.Upper")(text);
  t.is(text.toString(), "SHOUT");
  t.is(bind("Typed.Buffers.MemoryLength")(new ArrayBuffer(16)), 16);
  t.is(bind("Typed.Buffers.SpanLength")(Buffer.alloc(0)), 0);
});

test("strings inside records cross exactly both ways, lone surrogates and escapes included", (t) => {
  const discount = bind("Typed.Records.Discount");
  for (const id of [
    "a\udc00",
    "\ud800",
    "x\ud83d\ude00\udc00y",
    "\"\\\n\t\u0001\u2028/<>&'",
    "é🎉",
  ]) {
    const order = { id, total: 10, items: [id, "b"], color: "green" };
    t.deepEqual(
      discount(order, 10),
      { id, total: "9", items: [id, "b"], color: "Green" },
      JSON.stringify(id),
    );
  }
});

test("records and structs cross as JSON with camelCase names; collections by reference, copied on request", (t) => {
  const makeOrder = bind("Typed.Records.MakeOrder");
  const order = makeOrder("A-1");
  t.deepEqual(order, {
    id: "A-1",
    total: "12.5",
    items: ["a", "b"],
    color: "Green",
  });
  // Its JSON around the 256 units a synchronous call offers for a result (copied there,
  // pinned beyond): 57 units and the id.
  for (let length = 195; length <= 205; length++) {
    const id = "é".repeat(length - 1) + "\udc00";
    t.deepEqual(
      makeOrder(id),
      { id, total: "12.5", items: ["a", "b"], color: "Green" },
      `id of ${length} units`,
    );
  }
  t.is(
    bind("Typed.Records.Total")({
      id: "x",
      total: 3.25,
      items: [],
      color: "red",
    }),
    "3.25",
  );
  t.deepEqual(bind("Typed.Records.Discount")(order, 20), {
    id: "A-1",
    total: "10.0",
    items: ["a", "b"],
    color: "Green",
  });
  const moved = bind("Typed.Records.Move")({ x: 1, y: 2 }, 3) as {
    x: number;
    y: number;
  };
  t.deepEqual([moved.x, moved.y], [4, 2], "a struct comes back as a wrapper");
  const range = bind("Typed.Records.Range")(3) as Iterable<number>;
  t.deepEqual([...range], [0, 1, 2]);
  t.is(JSON.stringify(range), "[0,1,2]");
  const counts = bind("Typed.Records.Counts")(["a", "b", "a"]) as Iterable<
    [string, number]
  >;
  t.deepEqual(Object.fromEntries(counts), { a: 2, b: 1 });
  t.deepEqual(
    new Map(counts),
    new Map([
      ["a", 2],
      ["b", 1],
    ]),
  );
  t.is(bind("Typed.Records.NoOrder")(), null);
  const invalid = t.throws(
    () => bind("Typed.Records.Total")({ total: "lots" }),
    { instanceOf: InvalidArgumentError },
  );
  t.is(invalid.parameter, "order");
  t.regex(invalid.message, /argument 'order' of decimal Total\(Order order\)/);
  t.throws(() => bind("Typed.Records.Total")({ totl: "1" }), {
    instanceOf: InvalidArgumentError,
    message: /totl/,
  });
});

test(".NET exceptions become DotnetException with type, message, stacks, HResult and inner chain", (t) => {
  const error = t.throws(() => bind("Typed.Failures.Throw")("boom"), {
    instanceOf: DotnetException,
  });
  t.is(error.dotnetType, "System.InvalidOperationException");
  t.is(error.dotnetMessage, "boom");
  t.is(error.message, "System.InvalidOperationException: boom");
  t.is(error.hresultHex, "0x80131509");
  // The message crosses exactly: lone surrogates, quotes, controls and non-ASCII.
  const exact = 'a\ud800b\udc00 é"\\\u0001🎉';
  t.is(
    t.throws(() => bind("Typed.Failures.Throw")(exact), {
      instanceOf: DotnetException,
    }).dotnetMessage,
    exact,
  );
  t.regex(error.dotnetStack, /Typed\.Failures\.Throw/);
  t.regex(
    error.stack ?? "",
    /typed\.test\.ts/,
    "the JavaScript stack is the caller's",
  );
  const nested = t.throws(() => bind("Typed.Failures.ThrowNested")(), {
    instanceOf: DotnetException,
  });
  t.is(nested.dotnetType, "Typed.CustomException");
  t.is(nested.inner?.dotnetType, "System.ArgumentException");
  t.regex(nested.inner?.dotnetMessage ?? "", /inner/);
  t.is(nested.cause, nested.inner);
});

test("a NullReferenceException from a null dereference is an exception, not a crash", (t) => {
  for (let round = 0; round < 3; round++) {
    const error = t.throws(() => bind("Typed.Failures.NullDereference")(), {
      instanceOf: DotnetException,
    });
    t.is(error.dotnetType, "System.NullReferenceException");
  }
  t.is(bind("Typed.Failures.DivideByZero")(5), 2);
  t.is(
    t.throws(() => bind("Typed.Failures.DivideByZero")(0), {
      instanceOf: DotnetException,
    }).dotnetType,
    "System.DivideByZeroException",
  );
  t.is(bind("Typed.Failures.Recurse")(10_000), 10_000);
});

test("overloads are chosen by argument count and JavaScript types", (t) => {
  const describe = bind("Typed.Overloads.Describe");
  t.is(describe.signatures.length, 4);
  t.is(describe(1), "int 1");
  t.is(describe("x"), "string x");
  t.is(describe(true), "bool True");
  t.is(describe(1, 2), "two 3");
  const none = t.throws(() => describe({}), { instanceOf: BindError });
  t.is(none.code, "NoMatchingOverload");
  t.deepEqual(none.candidates.length, 4);
});

test("ref and out parameters: the result, then each by-reference value in order", (t) => {
  t.deepEqual(bind("Typed.Overloads.Divide")(17, 5), [true, 3, 2]);
  t.deepEqual(bind("Typed.Overloads.Divide")(1, 0), [false, 0, 0]);
  t.deepEqual(bind("Typed.Overloads.Twice")(21), [undefined, 42]);
  t.deepEqual(bind("Typed.Overloads.Swap")("a", "b"), ["b/a", "b", "a"]);
  t.deepEqual(bind("Typed.Overloads.Swap")("a", "b", "+"), ["b+a", "b", "a"]);
  t.throws(() => bind("Typed.Overloads.Divide")(1), {
    instanceOf: InvalidArgumentError,
    message: /missing argument 'divisor'/,
  });
  t.throws(() => bind("Typed.Overloads.Divide").callAsync(1, 2), {
    instanceOf: InvalidArgumentError,
    message: /ref\/out parameters/,
  });
});

test("numbers pick overloads as C# literals do: integral → int, fractional → double", (t) => {
  const number = bind("Typed.Overloads.Number");
  t.is(number(1), "int");
  t.is(number(1.5), "double");
  t.is(number(2 ** 40), "double", "beyond int: the next that fits is double");
  t.is(bind("Typed.Overloads.Number", ["double"])(1), "double");
  t.is(bind("Typed.Overloads.Number", ["System.Int32"])(1), "int");
  t.is(bind("Typed.Overloads.Letter")("a"), "string", "a string before a char");
});

test("an ambiguous call lists the candidates; naming the parameter types resolves it", (t) => {
  const save = bind("Typed.Overloads.Save");
  const error = t.throws(() => save({ x: 1 }), { instanceOf: BindError });
  t.is(error.code, "AmbiguousOverload");
  t.regex(
    error.message,
    /string Save\(Order order\)\n\s+string Save\(Point point\)/,
  );
  t.regex(
    error.hint ?? "",
    /bind\("Typed\.Overloads\.Save", \[parameter types\]\)/,
  );
  t.is(bind("Typed.Overloads.Save", ["Point"])({ x: 1 }), "point 1");
});

test("names beyond ASCII cross bind descriptions and errors exactly", (t) => {
  const size = bind("Typed.Calc.Größe");
  t.deepEqual(size.signatures, ["string Größe(string straße, int ü)"]);
  t.is(size("Maß", 2), "Maß2");
  const missing = t.throws(() => bind("Typed.Calc.Größ"), {
    instanceOf: BindError,
  });
  t.is(missing.code, "MethodNotFound");
  t.true(missing.message.startsWith("Typed.Calc has no public method Größ."));
  t.true(missing.candidates.includes("Größe"));
});

test("bind errors name what exists", (t) => {
  const noType = t.throws(() => bind("Typed.Calcs.Add"), {
    instanceOf: BindError,
  });
  t.is(noType.code, "TypeNotFound");
  const caseOnly = t.throws(() => bind("Typed.calc.Add"), {
    instanceOf: BindError,
  });
  t.deepEqual(caseOnly.candidates, ["Typed.Calc"]);
  const noMethod = t.throws(() => bind("Typed.Calc.Subtract"), {
    instanceOf: BindError,
  });
  t.is(noMethod.code, "MethodNotFound");
  t.true(noMethod.candidates.includes("Add"));
  const noOverload = t.throws(
    () => bind("Typed.Calc.Add", ["string", "string"]),
    { instanceOf: BindError },
  );
  t.is(noOverload.code, "NoMatchingOverload");
  t.deepEqual(noOverload.candidates, ["int Add(int a, int b)"]);
  const unsupported = t.throws(() => bind("Typed.Overloads.Pointer"), {
    instanceOf: BindError,
  });
  t.is(unsupported.code, "UnsupportedSignature");
  t.regex(unsupported.message, /pointers are not supported/);
  t.is(bind("Typed.Overloads.Generic")(5), "5", "type arguments inferred");
  t.throws(() => bind("Typed.Overloads.Generic")(), {
    instanceOf: BindError,
    message: /name its type arguments/,
  });
  t.is(bind("Typed.Overloads.Generic<int>")(7), "7");
  t.is(
    bind("Typed.Overloads.Generic<System.DateTime>").signatures[0],
    "string Generic<DateTime>(DateTime value)",
  );
  t.throws(() => bind("NoDots"), {
    instanceOf: InvalidArgumentError,
    message: /Namespace\.Type\.Method/,
  });
});

test("100 000 calls leave no pinned handles behind", (t) => {
  const echo = bind("Typed.Text.Echo");
  const reverse = bind("Typed.Buffers.Reverse");
  const before = bridgeDiagnostics();
  for (let index = 0; index < 100_000; index++) {
    echo("handle check");
    if (index % 10 === 0) reverse(Buffer.from([1, 2]));
    if (index % 1000 === 0) t.throws(() => bind("Typed.Failures.Throw")("x"));
  }
  const after = bridgeDiagnostics();
  t.is(after.liveHandles, before.liveHandles);
  t.is(after.liveHandles, 0);
});

test("the same assembly loaded twice is the same load context", (t) => {
  const again = load(fixture("Typed"));
  t.is(again.bind("Typed.Calc.Add")(1, 1), 2);
  const inDefault = load(fixture("Typed"), { defaultContext: true });
  t.false(inDefault.isolated);
  t.is(inDefault.bind("Typed.Calc.Add")(2, 2), 4);
});

// Serial: ava runs it before the concurrent tests, which bind methods of their own.
test.serial("binding a method again reuses its compiled invoker", (t) => {
  bind("Typed.Calc.Add");
  const before = bridgeDiagnostics().boundMethods;
  for (let round = 0; round < 100; round++)
    t.is(bind("Typed.Calc.Add")(round, 1), round + 1);
  t.is(bridgeDiagnostics().boundMethods, before);
});
