// Code that fights back (the Hostile fixture): values at and beyond the edges of every
// conversion, exceptions whose properties throw or that nest without end, a .NET `Then`,
// a type that cannot load, memory .NET keeps after a call, and limits of strings and
// recursion. What must hold: every value crosses exactly or is refused with a
// RangeError/TypeError naming the parameter, never turned into another value; nothing
// crashes or hangs. Cases that could crash run in child processes (scenarios/hostile-*).
import test from "ava";
import { inspect } from "node:util";
import {
  ArgumentRangeError,
  BindError,
  DotnetException,
  InvalidArgumentError,
  load,
  type Namespace,
} from "../lib/index.js";
import { fixture, runScenario } from "./helpers.js";

const lib = load(fixture("Hostile"));
const { Hostile } = lib.namespaces as { Hostile: Namespace };
const { Edges, Throwers, Fluent, Fine } = Hostile;
type Call = (...args: unknown[]) => unknown;
const edge = (name: string): Call => lib.bind(`Hostile.Edges.${name}`) as Call;

// ---------------------------------------------------------------------------------------
// Conversions: a property test. For each parameter type, values generated at and around
// its boundaries (and at random in between) go through an identity method. The oracle is
// plain arithmetic on the JavaScript side: a value the type holds exactly must come back
// unchanged, any other must be refused with ArgumentRangeError or InvalidArgumentError.

/** A deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(0x5eed);
const specials = [
  0,
  -0,
  0.5,
  -0.5,
  1,
  -1,
  Number.NaN,
  Infinity,
  -Infinity,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.EPSILON,
  2 ** 53 - 1,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53),
  2 ** 62,
  2 ** 63,
  2 ** 64,
  1e300,
  1e-300,
  3.4028234663852886e38,
  3.4028235677973366e38,
  1.401298464324817e-45,
  7e-46,
];

/** Numbers around `min` and `max`, and random ones in between and beyond. */
function numbersAround(min: number, max: number): number[] {
  const values = [...specials];
  for (const edge of [min, max]) {
    for (const delta of [-1.5, -1, -0.5, 0, 0.5, 1, 1.5])
      values.push(edge + delta);
  }
  for (let i = 0; i < 60; i++) {
    const span = max - min;
    values.push(Math.round(min + next() * span));
    values.push(min + next() * span * 1.5 - span * 0.25);
  }
  return values;
}

function bigintsAround(min: bigint, max: bigint): bigint[] {
  const values = [
    0n,
    1n,
    -1n,
    2n ** 53n + 1n,
    -(2n ** 63n) - 1n,
    2n ** 64n,
    2n ** 127n,
  ];
  for (const edge of [min, max]) {
    for (const delta of [-2n, -1n, 0n, 1n, 2n]) values.push(edge + delta);
  }
  for (let i = 0; i < 60; i++) {
    const fraction = BigInt(Math.floor(next() * 2 ** 52));
    values.push(min + ((max - min) * fraction) / 2n ** 52n);
  }
  return values;
}

interface Refused {
  refused: true;
  error: unknown;
}

function attempt(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return { refused: true, error } satisfies Refused;
  }
}

const isRefused = (value: unknown): value is Refused =>
  typeof value === "object" &&
  value !== null &&
  (value as Refused).refused === true;

/** Checks one value: exact when `expected` is given, refused when it is undefined. */
function checkValue(
  failures: string[],
  label: string,
  input: unknown,
  result: unknown,
  expected: unknown,
  equal: (a: unknown, b: unknown) => boolean = Object.is,
): void {
  const shown = `${label}(${typeof input === "bigint" ? `${input}n` : String(Object.is(input, -0) ? "-0" : input)})`;
  if (expected === undefined) {
    if (!isRefused(result)) {
      failures.push(`${shown} should be refused, gave ${String(result)}`);
    } else if (
      !(result.error instanceof ArgumentRangeError) &&
      !(result.error instanceof InvalidArgumentError)
    ) {
      failures.push(`${shown} was refused with ${String(result.error)}`);
    } else if ((result.error as { parameter?: string }).parameter !== "value") {
      failures.push(`${shown}: the error names no parameter`);
    }
  } else if (isRefused(result)) {
    failures.push(
      `${shown} should be ${inspect(expected)}, was refused: ${String(result.error)}`,
    );
  } else if (!equal(result, expected)) {
    failures.push(
      `${shown} should be ${inspect(expected)}, gave ${inspect(result)}`,
    );
  }
}

const integerTypes: [string, number, number][] = [
  ["SByte", -128, 127],
  ["Byte", 0, 255],
  ["Short", -32768, 32767],
  ["UShort", 0, 65535],
  ["Int", -2147483648, 2147483647],
  ["UInt", 0, 4294967295],
];

for (const [name, min, max] of integerTypes) {
  test(`conversions: ${name} takes exactly the integers in [${min}, ${max}], from numbers`, (t) => {
    const call = edge(name);
    const failures: string[] = [];
    const values = numbersAround(min, max);
    for (const value of values) {
      const holds = Number.isInteger(value) && value >= min && value <= max;
      // -0 is the integer 0, as C# converts it.
      checkValue(
        failures,
        name,
        value,
        attempt(() => call(value)),
        holds ? value + 0 : undefined,
      );
    }
    t.deepEqual(failures, [], `${values.length} values`);
  });
}

const longTypes: [string, bigint, bigint][] = [
  ["Long", -(2n ** 63n), 2n ** 63n - 1n],
  ["ULong", 0n, 2n ** 64n - 1n],
  ["NInt", -(2n ** 63n), 2n ** 63n - 1n],
];

for (const [name, min, max] of longTypes) {
  test(`conversions: ${name} takes exactly the bigints in its range, and only safe integers from numbers`, (t) => {
    const call = edge(name);
    const failures: string[] = [];
    const bigints = bigintsAround(min, max);
    for (const value of bigints) {
      checkValue(
        failures,
        name,
        value,
        attempt(() => call(value)),
        value >= min && value <= max ? value : undefined,
      );
    }
    const numbers = numbersAround(Number(min), Number(max));
    for (const value of numbers) {
      const holds =
        Number.isSafeInteger(value) &&
        BigInt(value) >= min &&
        BigInt(value) <= max;
      checkValue(
        failures,
        name,
        value,
        attempt(() => call(value)),
        holds ? BigInt(value) : undefined,
      );
    }
    t.deepEqual(failures, [], `${bigints.length + numbers.length} values`);
  });
}

test("conversions: double takes every number exactly, NaN, ±Infinity and -0 included", (t) => {
  const call = edge("Double");
  const failures: string[] = [];
  for (const value of numbersAround(-1e308, 1e308)) {
    checkValue(
      failures,
      "Double",
      value,
      attempt(() => call(value)),
      value,
    );
  }
  t.deepEqual(failures, []);
});

test("conversions: float takes the nearest float, but never turns a number into Infinity or 0", (t) => {
  const call = edge("Single");
  const failures: string[] = [];
  const values = numbersAround(-3.5e38, 3.5e38);
  for (const value of values) {
    const single = Math.fround(value);
    const holds =
      !(Number.isFinite(value) && !Number.isFinite(single)) &&
      !(single === 0 && value !== 0);
    checkValue(
      failures,
      "Single",
      value,
      attempt(() => call(value)),
      holds ? single : undefined,
    );
  }
  t.deepEqual(failures, [], `${values.length} values`);
});

test("conversions: char takes one UTF-16 unit, as a string or a code", (t) => {
  const call = edge("Char");
  const failures: string[] = [];
  for (const value of ["A", "\0", "\uffff", "\ud800", "", "AB", "😀", "é"]) {
    checkValue(
      failures,
      "Char",
      value,
      attempt(() => call(value)),
      value.length === 1 ? value : undefined,
    );
  }
  for (const value of numbersAround(0, 65535)) {
    const holds = Number.isInteger(value) && value >= 0 && value <= 65535;
    checkValue(
      failures,
      "Char",
      value,
      attempt(() => call(value)),
      holds ? String.fromCharCode(value) : undefined,
    );
  }
  t.deepEqual(failures, []);
});

/** A decimal text as coefficient digits and exponent, or undefined for zero. */
function decimalParts(
  text: string,
): { negative: boolean; digits: string; exponent: number } | undefined {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(
    text.trim(),
  );
  if (!match) throw new Error(`not a decimal: ${text}`);
  const [, sign, whole = "", fraction = "", exponent = "0"] = match;
  let digits = (whole + fraction).replace(/^0+/, "");
  let power = Number(exponent) - fraction.length;
  if (digits === "") return undefined;
  while (digits.endsWith("0")) {
    digits = digits.slice(0, -1);
    power += 1;
  }
  return { negative: sign === "-", digits, exponent: power };
}

/** Whether System.Decimal holds the value exactly: coefficient < 2^96, at most 28 places. */
function decimalHolds(text: string): boolean {
  const parts = decimalParts(text);
  if (!parts) return true;
  if (parts.exponent < -28) return false;
  const coefficient =
    BigInt(parts.digits) * 10n ** BigInt(Math.max(parts.exponent, 0));
  return coefficient < 2n ** 96n;
}

const sameDecimal = (a: unknown, b: unknown): boolean =>
  JSON.stringify(decimalParts(String(a))) ===
  JSON.stringify(decimalParts(String(b)));

test("conversions: decimal takes a number as JavaScript prints it, or a string, exactly or not at all", (t) => {
  const call = edge("Money");
  const failures: string[] = [];
  const texts = [
    "0",
    "-0",
    "0.1",
    "1.50",
    "79228162514264337593543950335",
    "79228162514264337593543950336",
    "-79228162514264337593543950335",
    "7.9228162514264337593543950335",
    "9.9999999999999999999999999999",
    "0.0000000000000000000000000001",
    "0.00000000000000000000000000001",
    "0.10000000000000000000000000000",
    "0.10000000000000000000000000001",
    "1e28",
    "1e29",
    "1e-28",
    "1e-29",
    "123456789012345678901234567890e-2",
    "1.2345678901234567890123456789",
  ];
  for (let i = 0; i < 60; i++) {
    const digits =
      String(Math.floor(next() * 1e15)) + String(Math.floor(next() * 1e15));
    const places = Math.floor(next() * 34);
    texts.push(
      `${digits.slice(0, 1 + Math.floor(next() * digits.length))}e-${places}`,
    );
  }
  for (const text of texts) {
    checkValue(
      failures,
      "Money",
      text,
      attempt(() => call(text)),
      decimalHolds(text) ? text : undefined,
      sameDecimal,
    );
  }
  for (const value of numbersAround(-1e29, 1e29)) {
    const holds = Number.isFinite(value) && decimalHolds(String(value));
    checkValue(
      failures,
      "Money",
      value,
      attempt(() => call(value)),
      holds ? String(value) : undefined,
      sameDecimal,
    );
  }
  t.deepEqual(failures, []);
});

/** The tick nearest to `milliseconds`, ties to even, computed exactly. */
function ticksOfMilliseconds(milliseconds: number): bigint {
  const whole = Math.trunc(milliseconds);
  const fraction = (milliseconds - whole) * 10000;
  let rounded = Math.round(fraction);
  if (Math.abs(fraction % 1) === 0.5 && rounded % 2 !== 0)
    rounded -= Math.sign(fraction);
  return BigInt(whole) * 10000n + BigInt(rounded);
}

/** Whether `ticks` is the tick nearest to `milliseconds` (a tie either way). */
function nearestTick(milliseconds: number, ticks: bigint): boolean {
  const whole = Math.trunc(milliseconds);
  // Both parts are exact: the whole milliseconds as a bigint, the fraction (below 1) in
  // a double, whose error is far below half a tick.
  const rest = ticks - BigInt(whole) * 10000n;
  return Math.abs(Number(rest) - (milliseconds - whole) * 10000) <= 0.5 + 1e-9;
}

test("conversions: TimeSpan takes milliseconds to the nearest 100 ns within its range", (t) => {
  const duration = edge("Duration");
  const ticksOf = edge("SpanTicks");
  const failures: string[] = [];
  // TimeSpan.MaxValue.TotalMilliseconds (922337203685477.5807) as the nearest double.
  const limit = Number("922337203685477.5807");
  for (const value of numbersAround(-limit, limit)) {
    const result = attempt(() => ticksOf(value));
    const holds = Number.isFinite(value) && Math.abs(value) < 922337203685477;
    if (!holds) {
      checkValue(failures, "SpanTicks", value, result, undefined);
    } else if (isRefused(result)) {
      failures.push(`SpanTicks(${value}) was refused: ${String(result.error)}`);
    } else if (!nearestTick(value, result as bigint)) {
      failures.push(
        `SpanTicks(${value}) gave ${String(result)} ticks, not the nearest`,
      );
    } else {
      // A TimeSpan comes back as milliseconds when they give back its ticks; any other
      // is an error.
      // Duration(ms) makes the TimeSpan of the nearest tick, and gives back its
      // milliseconds when they give back its ticks; any other is an error.
      const milliseconds = Number(result as bigint) / 10000;
      const made = ticksOfMilliseconds(milliseconds);
      const back = attempt(() => duration(milliseconds));
      if (ticksOfMilliseconds(Number(made) / 10000) === made) {
        if (back !== Number(made) / 10000)
          failures.push(`Duration(${milliseconds}) gave ${String(back)}`);
      } else if (!isRefused(back) || !(back.error instanceof DotnetException)) {
        failures.push(
          `Duration(${milliseconds}) gave ${String(back)}, not an error`,
        );
      }
    }
  }
  t.deepEqual(failures, []);
});

test("conversions: DateTime and DateTimeOffset take every Date in years 1 to 9999, and no other", (t) => {
  const failures: string[] = [];
  const min = -62135596800000;
  const max = 253402300799999;
  for (const name of ["Date", "Offset"]) {
    const call = edge(name);
    for (const value of numbersAround(min, max)) {
      const date = new Date(value);
      const time = date.getTime();
      const holds = !Number.isNaN(time) && time >= min && time <= max;
      const result = attempt(() => call(date));
      checkValue(
        failures,
        name,
        date,
        isRefused(result) ? result : (result as Date).getTime(),
        holds ? time : undefined,
      );
    }
  }
  t.deepEqual(failures, []);
});

test("conversions: a Date is its milliseconds × 10000 ticks exactly; a number of milliseconds the nearest tick", (t) => {
  const ticksOf = edge("TicksOf");
  const failures: string[] = [];
  const epoch = 621355968000000000n;
  for (const value of numbersAround(-62135596800000, 253402300799999)) {
    const time = new Date(value).getTime();
    if (Number.isNaN(time) || time < -62135596800000 || time > 253402300799999)
      continue;
    const ticks = attempt(() => ticksOf(new Date(time)));
    if (ticks !== epoch + BigInt(time) * 10000n)
      failures.push(`TicksOf(new Date(${time})) gave ${String(ticks)}`);
    const fromNumber = attempt(() => ticksOf(value));
    if (value < -62135596800000 || value > 253402300799999) {
      if (
        !isRefused(fromNumber) ||
        !(fromNumber.error instanceof ArgumentRangeError)
      )
        failures.push(
          `TicksOf(${value}) gave ${String(fromNumber)}, not an error`,
        );
    } else if (
      isRefused(fromNumber) ||
      !nearestTick(value, (fromNumber as bigint) - epoch)
    ) {
      failures.push(`TicksOf(${value}) gave ${String(fromNumber)}`);
    }
  }
  t.deepEqual(failures, []);
});

test("conversions: nullable and Guid edges", (t) => {
  t.is(Edges.maybeInt(null), null);
  t.is(Edges.maybeInt(2147483647), 2147483647);
  t.throws(() => Edges.maybeInt(2 ** 31), { instanceOf: ArgumentRangeError });
  t.throws(() => Edges.maybeInt(Number.NaN), {
    instanceOf: ArgumentRangeError,
  });
  t.is(
    Edges.id("{00000000-0000-0000-0000-000000000001}"),
    "00000000-0000-0000-0000-000000000001",
  );
  t.throws(() => Edges.id("00000000-0000-0000-0000-00000000000"), {
    instanceOf: InvalidArgumentError,
  });
  t.throws(() => Edges.bool(1), { instanceOf: InvalidArgumentError });
});

// ---------------------------------------------------------------------------------------
// Values .NET holds more precisely than JavaScript.

test("a Date from .NET passed back is the same .NET value: sub-millisecond ticks, Kind and offset kept", (t) => {
  const precise = Edges.precise() as Date;
  t.true(precise instanceof Date);
  t.is(
    precise.toISOString(),
    "2024-03-15T10:30:00.123Z",
    "the Date is the millisecond it falls in",
  );
  t.is(
    Edges.ticksOf(precise),
    638460954001234567n,
    "passed back, every tick is there",
  );
  t.is(
    Edges.kindOf(Edges.local()),
    "Local 638460954000000005",
    "a local DateTime stays local",
  );
  t.is(
    Edges.offsetOf(Edges.shifted()),
    "02:00:00 638460954000000007",
    "a DateTimeOffset keeps its offset",
  );
  t.deepEqual(Object.keys(precise), [], "nothing shows as a property");
  // A Date changed in JavaScript is only what it says now.
  const changed = Edges.precise() as Date;
  changed.setTime(changed.getTime() + 1);
  t.is(Edges.ticksOf(changed), 638460954001240000n);
  t.is(
    Edges.kindOf(new Date(Date.UTC(2024, 2, 15, 10, 30))),
    "Utc 638460954000000000",
  );
  // The same inside JSON: a record holding a .NET date.
  const boxed = (Edges.boxes() as { get(index: number): unknown }).get(
    13,
  ) as Date;
  t.is(
    Edges.ticksOf(boxed),
    638460954001234567n,
    "a DateTime boxed in an object[]",
  );
});

test("a TimeSpan JavaScript cannot hold exactly is an error, not a rounded number", (t) => {
  t.is(Edges.span(1n), 0.0001);
  t.is(Edges.spanTicks(Edges.span(1n)), 1n);
  t.is(
    Edges.spanTicks(Edges.span(123456789012345n)),
    123456789012345n,
    "to the tick, 143 days",
  );
  t.is(
    Edges.span(9223372036854770000n),
    922337203685477,
    "whole milliseconds, to the end",
  );
  const error = t.throws(() => Edges.longest(), {
    instanceOf: DotnetException,
  });
  t.is(error.dotnetType, "System.OverflowException");
  t.regex(
    error.message,
    /TimeSpan 10675199\.02:48:05\.4775807 \(9223372036854775807 ticks\) has no exact number of milliseconds.*read its Ticks as a bigint/,
  );
  t.throws(() => Edges.span(2n ** 60n + 1n), {
    message: /has no exact number of milliseconds/,
  });
});

test("numbers inside JSON: NaN and ±Infinity cross, integers beyond 2^53 are refused for integer types", (t) => {
  const record = {
    value: Number.NaN,
    count: 1n,
    money: "1.5",
    small: 1,
    ratio: -Infinity,
  };
  const back = Edges.record(record) as typeof record;
  t.true(Number.isNaN(back.value));
  t.is(back.ratio, -Infinity);
  t.is(
    Edges.show({ ...record, value: Infinity }),
    "Infinity 1 1.5 1 -Infinity",
  );
  t.throws(() => Edges.record({ ...record, count: 2 ** 62 }), {
    instanceOf: InvalidArgumentError,
    message:
      /4611686018427388000 is not a safe integer; pass a bigint for long/,
  });
  t.is(
    (Edges.record({ ...record, count: 2n ** 62n + 1n }) as typeof record).count,
    2n ** 62n + 1n,
  );
  t.throws(() => Edges.record({ ...record, ratio: 1e300 }), {
    message: /out of range for float/,
  });
  t.is(
    (Edges.record({ ...record, ratio: 0.1 }) as typeof record).ratio,
    Math.fround(0.1),
    "a float is the double it is",
  );
  t.throws(
    () => Edges.record({ ...record, money: "0.10000000000000000000000000001" }),
    {
      message: /more digits than a decimal holds/,
    },
  );
  t.throws(() => Edges.record({ ...record, small: 1.5 }), {
    instanceOf: InvalidArgumentError,
  });
  // object: a number that is no safe integer is a double, NaN a double too.
  t.is(Edges.unbox(2 ** 62), "Double 4.611686018427388E+18");
  t.is(Edges.unbox(Number.NaN), "Double NaN");
  t.is(Edges.unbox(-Infinity), "Double -Infinity");
  t.is(Edges.unbox(2 ** 31), "Int64 2147483648");
  const boxes = Edges.boxes() as { get(index: number): unknown };
  t.true(Number.isNaN(boxes.get(4)));
  t.is(boxes.get(5), -Infinity);
  t.true(Object.is(boxes.get(6), -0));
  t.is(boxes.get(3), Math.fround(0.1));
});

test("a delegate inside a JSON argument is the delegate itself; its JSON is its description", (t) => {
  const same = Fine.same((a: number, b: number) => a - b) as {
    invoke(a: number, b: number): number;
  };
  t.is(same.invoke(5, 2), 3);
  // Written by reference: the wrapper's toJSON (a copy of the object) is not run.
  const boxed = Edges.box([same, 1]) as { get(index: number): unknown };
  t.is(boxed.get(0), same, "the same delegate came back");
  t.is(JSON.stringify(same), '"[Func<int, int, int>]"');
  t.is(
    JSON.stringify({
      type: lib.bind("System.Type.GetType", ["string"])("System.Int32"),
    }),
    '{"type":"int"}',
  );
});

test("a JavaScript value JSON cannot carry is refused, not sent as null", (t) => {
  for (const value of [
    { toJSON: () => () => 1 },
    { toJSON: () => Symbol("s") },
  ]) {
    t.throws(() => Fine.echo(value), {
      instanceOf: InvalidArgumentError,
      message: /JSON\.stringify gives nothing for this value/,
    });
    t.throws(() => Fine.describe(value), { instanceOf: InvalidArgumentError });
  }
  t.is(Fine.echo({ a: 1, b: 2 }), "a=1,b=2");
});

// ---------------------------------------------------------------------------------------
// Memory .NET hands to JavaScript callbacks.

test("a callback may keep what it was given; spans and memory cannot be handed to one", (t) => {
  const { Feeds } = Hostile;
  let kept: Buffer | undefined;
  const returned = Feeds.array((bytes: Buffer) => {
    kept = bytes;
    bytes[1] = 77;
  }) as Buffer;
  t.deepEqual(
    [...returned],
    [9, 77, 11, 12],
    "the callback's write reached .NET's array",
  );
  Feeds.churn();
  t.deepEqual([...kept!], [9, 77, 11, 12], "what it kept is its own copy");
  for (const feed of [Feeds.span, Feeds.memory]) {
    t.throws(() => feed(() => {}), {
      instanceOf: InvalidArgumentError,
      message: /spans and memory can be parameters only/,
    });
  }
});

const upperCase = (byte: number): number =>
  byte >= 0x61 && byte <= 0x7a ? byte - 0x20 : byte;

test("an interface implemented in JavaScript fills .NET's buffers, as CryptoStream needs", (t) => {
  const { System } = lib.namespaces as { System: Namespace };
  const IO = System.IO as Namespace;
  const Cryptography = (System.Security as Namespace).Cryptography as Namespace;
  const upper = {
    inputBlockSize: 1,
    outputBlockSize: 1,
    canTransformMultipleBlocks: true,
    canReuseTransform: true,
    transformBlock(
      input: Buffer,
      from: number,
      count: number,
      output: Buffer,
      to: number,
    ) {
      for (let i = 0; i < count; i++)
        output[to + i] = upperCase(input[from + i]!);
      return count;
    },
    transformFinalBlock: (input: Buffer, from: number, count: number) =>
      Buffer.from(input.subarray(from, from + count).map(upperCase)),
    dispose() {},
  };
  const target = new IO.MemoryStream();
  const stream = new Cryptography.CryptoStream(
    target,
    upper,
    Cryptography.CryptoStreamMode.Write,
    true,
  );
  const data = Buffer.from("hello world");
  stream.write(data, 0, data.length);
  stream.flushFinalBlock();
  t.is(Buffer.from(target.toArray() as Buffer).toString(), "HELLO WORLD");
});

// ---------------------------------------------------------------------------------------
// Exceptions that fight back.

test("an exception whose Message and other properties throw keeps its type (child)", (t) => {
  const child = runScenario("hostile-exception");
  const expected = {
    type: "Hostile.HostileException",
    message: "(its Message property threw System.InvalidOperationException)",
    hresult: "0x80131500",
    kind: "hostile",
    hasLevel: false,
  };
  t.deepEqual(
    child.result,
    { sync: expected, later: expected },
    `status ${child.status}, stderr: ${child.stderr}`,
  );
  t.is(child.status, 0);
});

/** Every DotnetException reachable from `error` through inner, innerExceptions and cause. */
function exceptionTree(error: DotnetException): {
  count: number;
  depth: number;
} {
  const seen = new Set<DotnetException>();
  let depth = 0;
  const walk = (node: DotnetException, level: number): void => {
    if (seen.has(node)) return;
    seen.add(node);
    depth = Math.max(depth, level);
    for (const child of [node.inner, ...(node.innerExceptions ?? [])]) {
      if (child) walk(child, level + 1);
    }
  };
  walk(error, 1);
  return { count: seen.size, depth };
}

test("nested AggregateExceptions cross once each, at most 8 levels and 32 exceptions", (t) => {
  for (const levels of [16, 40, 1000]) {
    const error = t.throws(() => Throwers.throwNested(levels), {
      instanceOf: DotnetException,
    });
    t.is(error.dotnetType, "System.AggregateException");
    const tree = exceptionTree(error);
    t.is(tree.depth, 9, `${levels} levels: the first 8 inner levels cross`);
    t.is(
      tree.count,
      9,
      "each exception once (an AggregateException's InnerException is innerExceptions[0])",
    );
    t.is(error.inner, error.innerExceptions?.[0]);
    t.true(
      error.dotnetMessage.length <= 8193,
      "the message is cut at 8192 characters",
    );
  }
  const wide = t.throws(() => Throwers.throwWide(10000), {
    instanceOf: DotnetException,
  });
  t.is(exceptionTree(wide).count, 32);
  t.is(wide.innerExceptions?.length, 31);
  const long = t.throws(() => Throwers.throwLong(1_000_000), {
    instanceOf: DotnetException,
  });
  t.is(long.dotnetMessage.length, 8193);
  t.true(long.dotnetMessage.endsWith("m…"));
});

// ---------------------------------------------------------------------------------------
// Wrappers, types and names.

test("a wrapper with a .NET Then method is never a thenable", async (t) => {
  const fluent = await Fluent.makeLater();
  t.true(fluent instanceof Fluent, "await gave the wrapper itself");
  t.is(fluent.calls, 0, "await did not call Then");
  t.is(typeof fluent.then, "undefined");
  let ran = 0;
  fluent.Then(() => (ran += 1));
  t.is(ran, 1);
  t.is(fluent.calls, 1, ".NET's Then is called by its C# name");
  t.is(await Promise.resolve(fluent), fluent);
});

test("a type that cannot load fails alone, with its cause; the rest of the namespace works", (t) => {
  t.true(Object.keys(Hostile).includes("Broken"), "it is listed");
  t.is(Fine.hello(), "hello");
  const error = t.throws(() => Hostile.Broken, { instanceOf: BindError });
  t.is(error.code, "TypeLoadFailed");
  t.regex(
    error.message,
    /Hostile\.Broken cannot be loaded: Could not load file or assembly 'Missing/,
  );
  t.is(Fine.length("é"), 2, "and still works after");
  t.is(lib.bind("Hostile.Fine.Hello")(), "hello");
});

// ---------------------------------------------------------------------------------------
// In child processes: memory .NET keeps, and limits that take gigabytes or the whole stack.

test("memory .NET keeps after a call is its own copy; lengths beyond .NET's are refused (child)", (t) => {
  const child = runScenario("hostile-memory", [], {
    nodeArgs: ["--expose-gc"],
  });
  t.is(child.status, 0, child.stderr);
  const result = child.result as Record<
    string,
    { ok?: unknown; error?: Record<string, string> }
  > &
    Record<string, unknown>;
  t.deepEqual(
    result.callAsyncLater,
    { ok: "67108864" },
    "callAsync: read 200 ms after the call returned",
  );
  t.deepEqual(
    result.syncTaskDropped,
    { ok: "67108864" },
    "the buffer was overwritten and dropped meanwhile",
  );
  t.deepEqual(
    result.keptMemory,
    { ok: "32" },
    "a kept Memory<byte> is the copy made at the call",
  );
  t.deepEqual(result.writeLater, {
    before: [0, 0, 0, 0, 0, 0, 0, 0],
    length: { ok: 8 },
    after: [7, 7, 7, 7, 7, 7, 7, 7],
  });
  t.deepEqual(result.writeLaterDetached, { length: { ok: 8 }, byteLength: 0 });
  t.deepEqual(result.spanMax, { ok: 2147483647 });
  for (const [key, parameter, count] of [
    ["span2GiB", "span", "2147483648"],
    ["span4GiB", "span", "4294967312"],
    ["array2GiB", "array", "2147483648"],
    ["arrayBeyondMaxLength", "array", "2147483592"],
  ]) {
    const error = result[key!]?.error;
    t.is(error?.name, "ArgumentRangeError", key);
    t.true(error?.message?.startsWith(`argument '${parameter}' of `), key);
    t.true(error?.message?.includes(`${count} elements is more than`), key);
  }
});

test("a .NET string longer than a JavaScript string can be is a RangeError (child)", (t) => {
  // Two strings of 2^29 characters (1 GiB each in .NET): 16–30 s on Linux, but 138–149 s
  // under wine on 2026-12-03 (the same with the addon of before that day's changes),
  // past the usual 60 s.
  const child = runScenario("hostile-limits", ["string"], {
    timeoutMs: 300_000,
  });
  t.is(child.status, 0, child.stderr);
  t.deepEqual(child.result, {
    longest: { ok: 536870888 },
    tooLong: {
      error: {
        name: "RangeError",
        message:
          "a string of 536870912 characters is longer than a JavaScript string can be (536870888)",
        code: "StringTooLong",
      },
    },
  });
});

test("JavaScript → .NET → JavaScript recursion ends in a short error naming the cause (child)", (t) => {
  const child = runScenario("hostile-limits", ["recursion"]);
  t.is(child.status, 0, child.stderr);
  const result = child.result as Record<string, unknown>;
  t.true(result.isDotnetException);
  t.true(
    (result.messageLength as number) <= 1100,
    `message of ${String(result.messageLength)} characters`,
  );
  t.regex(
    String(result.messageEnd),
    /RangeError: Maximum call stack size exceeded$/,
  );
  t.is(
    result.root,
    "RangeError: Maximum call stack size exceeded",
    "cause leads to the JavaScript error",
  );
  t.true((result.deepest as number) > 20, "some nesting happened");
  t.is(result.after, 41, "both runtimes work afterwards");
});
