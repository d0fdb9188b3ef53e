// C#'s semantics where JavaScript has no direct equivalent, against the Objects fixture
// (Semantics.cs) and the base class library: struct value semantics, member hiding,
// indexers, `object` parameters, arrays .NET writes into, Type arguments, interfaces
// implemented in JavaScript, operators and casts, exceptions' own properties, and what
// String(), inspect and JSON.stringify show. The compatibility suite (__test__/compat)
// proves the same on real libraries with C# as the oracle.
import test from "ava";
import { inspect } from "node:util";
import {
  BindError,
  DotnetException,
  DotnetObject,
  InvalidArgumentError,
  load,
  type Namespace,
} from "../lib/index.js";
import { fixture } from "./helpers.js";

const objects = load(fixture("Objects"));
const { Objects } = objects.namespaces as { Objects: Namespace };
const { Money, Tally, Ledger, Quantity, Meters, Bag, Grumpy, Announced } =
  Objects;
const { System } = objects.namespaces as { System: Namespace };

test("a struct is a wrapper of a boxed copy: members, operators, Equals and CompareTo", (t) => {
  const price = new Money("12.5", "EUR");
  t.true(price instanceof Money);
  t.is(price.amount, "12.5");
  t.is(price.currency, "EUR");
  t.is(String(price), "12.50 EUR");
  const total = Ledger.total(price, new Money("0.75", "EUR"));
  t.is(String(total), "13.25 EUR", "params of structs, expanded");
  t.is(String(Money.op_Addition(price, price)), "25.00 EUR");
  t.true(Money.op_GreaterThan(total, price));
  t.true(price.equals(new Money("12.50", "EUR")), "the private state survived");
  t.is(price.compareTo(total), -1);
  t.throws(() => new Money("1", "EUR").add(new Money("1", "USD")), {
    instanceOf: DotnetException,
    message: /currencies differ/,
  });
});

test("struct values: a method on the wrapper changes its box; a .NET method gets a copy", (t) => {
  const tally = new Tally();
  tally.bump();
  tally.bump();
  t.is(tally.count, 2, "bump() ran on the wrapper's own box");
  const bumped = Ledger.bumped(tally);
  t.is(bumped.count, 3);
  t.is(tally.count, 2, "the argument was a copy, as in C#");
  tally.count = 10;
  t.is(tally.count, 10, "fields are set on the box");
  t.throws(() => Ledger.bumped({ count: 1, other: 2 }), {
    instanceOf: InvalidArgumentError,
    message: /cannot make a Tally from an object with keys count, other/,
  });
  t.is(Ledger.bumped({ count: 1 }).count, 2, "settable members convert");
});

test("new gives the object's one wrapper, also when its constructor handed it out first", (t) => {
  // C#: the object a constructor passes on is the object `new` returns.
  let seen: unknown;
  const announced = new Announced((self: unknown) => {
    seen = self;
  });
  t.is(announced, seen);
  t.true(announced instanceof Announced);
  t.true(announced.isLast);
  t.is(Announced.last, announced);
  // A wrapper `new` made itself is the identity later crossings find, as a receiver and
  // as an argument.
  const plain = new Announced();
  t.true(plain.isLast);
  t.is(Announced.last, plain);
  t.true(System.Object.referenceEquals(plain, Announced.last));
  t.false(System.Object.referenceEquals(plain, announced));
  // A constructor that throws leaves no wrapper behind; the next `new` works.
  t.throws(() => new Announced("refused"), {
    instanceOf: DotnetException,
    message: /refused/,
  });
  t.is(Announced.last, plain);
  t.not(new Announced(), plain);
});

test("a static hidden with `new` in a derived class is the one C# calls", (t) => {
  t.true(Meters.parse("12m") instanceof Meters);
  t.is(String(Meters.parse("12m")), "12");
  t.true(Quantity.parse("3") instanceof Quantity);
  t.false(Quantity.parse("3") instanceof Meters);
});

test("indexers: overloads by argument type; an explicit interface's never shadows the class's", (t) => {
  const bag = new Bag();
  t.is(bag.getItem("b"), 2);
  t.deepEqual([...bag], ["a", "b"]);
  const dictionary = new (objects.type(
    "System.Collections.Generic.Dictionary<string, int>",
  ))();
  dictionary.setItem("x", 1);
  t.is(dictionary.getItem("x"), 1);
  const [found, value] = dictionary.tryGetValue("x");
  t.deepEqual([found, value], [true, 1]);
  t.is(dictionary.remove("x"), true, "Remove(key), not Remove(key, out value)");
});

test("object parameters get the JavaScript value's natural .NET value", (t) => {
  const describe = (value: unknown) => Ledger.describe(value);
  t.is(describe(42), "Int32 42");
  t.is(describe(-2147483648), "Int32 -2147483648");
  t.is(describe(2147483648), "Int64 2147483648");
  t.is(describe(1.5), "Double 1.5");
  t.is(describe(1e300), "Double 1E+300");
  t.is(describe("x"), "String x");
  t.is(describe(true), "Boolean True");
  t.is(describe(12n), "Int64 12");
  t.is(describe(2n ** 70n), "BigInteger 1180591620717411303424");
  t.is(
    describe(new Date(Date.UTC(2024, 0, 2))),
    "DateTime 01/02/2024 00:00:00",
  );
  t.is(describe([1, "a", null]), "object[] [Int32 1, String a, null]");
  t.is(
    describe({ a: 1, b: [true] }),
    "Dictionary {a: Int32 1, b: object[] [Boolean True]}",
  );
  t.is(describe(null), "null");
  t.is(describe(undefined), "null");
  t.is(
    describe(new Money("1", "EUR")),
    "Money 1.00 EUR",
    "a wrapper is its object",
  );
  t.is(describe(Money), "RuntimeType Objects.Money", "a class is its Type");
});

test("arrays are .NET reference types: writes into them show in JavaScript", async (t) => {
  const buffer = Buffer.alloc(4);
  Ledger.fill(buffer, 9);
  t.deepEqual([...buffer], [9, 9, 9, 9], "a Buffer for byte[]");
  const numbers = [1, 2, 3];
  Ledger.square(numbers);
  t.deepEqual(numbers, [1, 4, 9], "a plain array for int[]");
  const typed = new Int32Array([4, 5]);
  Ledger.square(typed);
  t.deepEqual([...typed], [16, 25], "an Int32Array for int[]");
  const names = ["b", "c", "a"];
  Ledger.sort(names);
  t.deepEqual(names, ["a", "b", "c"], "a string[] comes back as well");
  const thrown = Buffer.alloc(2);
  t.throws(() => Ledger.fillThenThrow(thrown), { instanceOf: DotnetException });
  t.is(thrown[0], 7, "writes before an exception show too, as in C#");
  const later = Buffer.alloc(3);
  const pending = Ledger.fillLater(later, 5, 20);
  t.deepEqual([...later], [0, 0, 0], "not yet written");
  t.is(await pending, 3);
  t.deepEqual([...later], [5, 5, 5], "written when the Task ended");
});

test("a generic method's enum parameter reads names, each call its own", (t) => {
  t.is(Ledger.compared("x", "Ordinal"), "x:Ordinal");
  t.is(Ledger.compared("y", "ordinalIgnoreCase"), "y:OrdinalIgnoreCase");
  t.throws(() => Ledger.compared("x", "Ordinall"), { instanceOf: BindError });
  t.is(Ledger.compared(2, "InvariantCulture"), "2:InvariantCulture");
  // Known overloads read names at the first position, the generic one at the second.
  t.is(Ledger.mode("Ordinal", "x"), "Ordinal:x");
  t.is(Ledger.mode(1, "Ordinal"), "1:Ordinal");
  t.is(
    Ledger.mode(1, "Ordinall"),
    "CurrentCultureIgnoreCase:Ordinall",
    "no generic overload takes it: the number stands for the enum (the loose form)",
  );
});

test("an array .NET leaves as it was keeps JavaScript's items; one it changed comes back", (t) => {
  const ada = { name: "Ada", age: 36 };
  const people = [ada, { name: "Bo", age: 9 }];
  t.is(Ledger.adults(people), 1);
  t.is(
    people[0],
    ada,
    "the same object: the .NET array holds the records it was given",
  );
  Ledger.birthday(people);
  t.deepEqual(people, [
    { name: "Ada", age: 37 },
    { name: "Bo", age: 10 },
  ]);
  const names = ["b", "a"];
  Ledger.sort(names);
  t.deepEqual(names, ["a", "b"]);
  Ledger.sort(names);
  t.deepEqual(names, ["a", "b"], "sorted already: left as it was");
});

test("Memory<T> is never JavaScript's memory: a copy .NET may keep, copied back after the call", (t) => {
  const bytes = Buffer.from([1, 2, 3]);
  Ledger.keep(bytes);
  bytes.fill(0);
  t.is(Ledger.sumKept(), 6, "what .NET kept is its own copy");
  const cleared = Buffer.from([4, 5]);
  Ledger.clear(cleared);
  t.deepEqual([...cleared], [0, 0], "writes come back after the call");
});

test("multi-dimensional and jagged arrays cross as nested arrays both ways", (t) => {
  t.is(
    Ledger.trace([
      [1, 2],
      [3, 4],
    ]),
    5,
  );
  t.deepEqual(Ledger.grid(2, 3), [
    [0, 1, 2],
    [10, 11, 12],
  ]);
  t.deepEqual(Ledger.jagged(), [[1], [2, 3]]);
  t.throws(() => Ledger.trace([[1, 2], [3]]), {
    instanceOf: InvalidArgumentError,
    message: /rectangular/,
  });
});

test("a class (a closed generic too) stands for its System.Type", (t) => {
  t.is(Ledger.typeName(Money), "Objects.Money");
  t.regex(
    Ledger.typeName(objects.type("System.Collections.Generic.List<int>")),
    /^System\.Collections\.Generic\.List`1\[\[System\.Int32, /,
  );
});

test("JavaScript objects implement .NET interfaces: methods, properties and events", (t) => {
  const handlers: DotnetObject[] = [];
  const ticker = {
    interval: 1,
    name: (prefix: string) => `${prefix}-js`,
    add_Ticked(handler: DotnetObject) {
      handlers.push(handler);
      (handler as unknown as { invoke(...args: unknown[]): void }).invoke(
        null,
        3,
      );
    },
    remove_Ticked(handler: DotnetObject) {
      handlers.splice(handlers.indexOf(handler), 1);
    },
  };
  t.is(Ledger.run(ticker), "tick-js every 5");
  t.is(ticker.interval, 5, "the property set wrote the object's");
  t.is(handlers.length, 0, "the handler was removed again");
  const comparer = objects.implement(
    "System.Collections.Generic.IComparer<string>",
    (a: string, b: string) => b.localeCompare(a),
  );
  const list = new (objects.type("System.Collections.Generic.List<string>"))();
  list.addRange(["a", "c", "b"]);
  list.sort(comparer);
  t.deepEqual([...list], ["c", "b", "a"], "a function implements IComparer<T>");
  list.sort({ compare: (a: string, b: string) => a.localeCompare(b) });
  t.deepEqual([...list], ["a", "b", "c"], "an object literal, passed directly");
  t.throws(() => Ledger.run({}), {
    instanceOf: DotnetException,
    message: /has no add_Ticked/,
  });
});

test("casts call conversion operators; a wrapper that already is the type comes back", (t) => {
  const { BigInteger } = System.Numerics;
  const big = BigInteger.parse("12345678901234567890");
  t.is(objects.cast(big, "double"), 12345678901234567000);
  t.is(String(objects.cast(5, "System.Numerics.BigInteger")), "5");
  const meters = Meters.parse("2m");
  t.is(objects.cast(meters, "Objects.Quantity"), meters);
  t.throws(() => objects.cast(meters, "System.Guid"), {
    instanceOf: BindError,
    code: "NoConversion",
  });
});

test("an exception's own properties are on the error, and the exception as a wrapper", (t) => {
  const error = t.throws(() => Ledger.throw(12), {
    instanceOf: DotnetException,
  });
  t.is(error.dotnetType, "Objects.ParseError");
  t.is((error as unknown as { line: number }).line, 12);
  t.is((error as unknown as { path: string }).path, "$.items[2]");
  t.deepEqual(error.properties, {
    line: 12,
    path: "$.items[2]",
    day: "Friday",
  });
  t.true(error.exception instanceof Objects.ParseError);
  t.is((error.exception as { line: number }).line, 12);
});

test("String(), template literals, inspect and JSON.stringify never throw", (t) => {
  const grumpy = new Grumpy();
  t.is(String(grumpy), "[Grumpy]");
  t.is(`${grumpy}`, "[Grumpy]");
  t.throws(() => grumpy.toString(), { instanceOf: DotnetException });
  t.is(inspect(grumpy), "[Grumpy]");
  t.is(inspect(new Money("1", "EUR")), "Money [1.00 EUR]");
  t.is(String(Money), "[.NET struct Objects.Money]");
  t.is(String(System.Convert), "[.NET class System.Convert]");
  t.is(
    JSON.stringify(new Money("2", "EUR")),
    '{"amount":"2","currency":"EUR"}',
  );
  const disposed = new Money("1", "EUR");
  disposed.dispose();
  t.is(JSON.stringify(disposed), '"[Money (disposed)]"');
  const thenable = Object.getPrototypeOf(new Money("1", "EUR")) as object;
  t.false("then" in thenable, "a wrapper is never a thenable");
});

test("types of the shared framework are found by name and in namespaces", (t) => {
  const Regex = objects.type("System.Text.RegularExpressions.Regex");
  t.true(Regex.isMatch("abc", "b"));
  t.is(
    System.Text.RegularExpressions.Regex,
    Regex,
    "the same class through namespaces",
  );
  t.is(String(objects.type("System.Numerics.Complex").imaginaryOne), "<0; 1>");
  t.true(Object.keys(System).includes("Text"));
  const missing = t.throws(
    () => objects.type("System.Text.RegularExpressions.Regexp"),
    {
      instanceOf: BindError,
    },
  );
  t.is(missing.code, "TypeNotFound");
});
