// .NET objects in JavaScript, against the Objects fixture: construction, members of every
// kind, identity, inheritance and interfaces, generics, value and reference crossings,
// collections, disposal, and the errors of each.
import test from "ava";
import {
  BindError,
  DotnetException,
  DotnetObject,
  HostStateError,
  type DotnetClass,
  InvalidArgumentError,
  bridgeDiagnostics,
  load,
  type Namespace,
} from "../lib/index.js";
import { fixture, runScenario } from "./helpers.js";

const objects = load(fixture("Objects"));
const { Objects } = objects.namespaces as { Objects: Namespace };
const { Counter, Circle, Square, Shape, Factory, Inventory, Generic } = Objects;

test("new constructs the .NET object; overloads by argument count", (t) => {
  const empty = new Counter();
  const started = new Counter(5);
  const stepped = new Counter(5, 10);
  t.true(started instanceof Counter);
  t.true(started instanceof DotnetObject);
  t.is(empty.count, 0);
  t.is(started.count, 5);
  t.is(stepped.increment(), 15);
  t.is(Counter.name, "Counter");
  t.is(String(started), "Counter(5)", "ToString() is toString()");
  t.throws(() => new Counter("five"), {
    instanceOf: BindError,
    message: /no overload of new Counter accepts \(string\)/,
  });
});

test("instance methods, properties and fields: get, set, read-only", (t) => {
  const counter = new Counter(1);
  t.is(counter.increment(), 2);
  counter.step = 5;
  t.is(counter.step, 5);
  t.is(counter.increment(), 7);
  t.is(counter.add(3), 10, "Add(int)");
  t.is(counter.add("!"), "10!", "Add(string): overloads by JavaScript type");
  counter.label = "mine";
  t.is(counter.label, "mine", "a public field");
  const readOnly = t.throws(
    () => {
      counter.count = 3;
    },
    { instanceOf: InvalidArgumentError },
  );
  t.regex(readOnly.message, /Counter\.Count is read-only/);
  t.is(counter.count, 10);
  t.throws(() => counter.increment(1), {
    instanceOf: InvalidArgumentError,
    message: /int Increment\(\) takes 0 arguments: 1 arguments given/,
  });
});

test("static methods, properties, fields, constants and read-only fields", (t) => {
  t.is(Counter.staticAdd(2, 3), 5);
  t.true(Counter.create(4) instanceof Counter);
  t.is(Counter.create(4).count, 4);
  t.is(Counter.max, 100, "const");
  t.is(Counter.kind, "counter", "static readonly");
  const before = Counter.created as number;
  new Counter();
  t.is(Counter.created, before + 1, "a static field");
  Counter.created = 0;
  t.is(Counter.created, 0);
  t.throws(
    () => {
      Counter.kind = "other";
    },
    { instanceOf: InvalidArgumentError, message: /read-only/ },
  );
});

test("the same .NET object is the same wrapper, and wrappers go back in by reference", (t) => {
  const counter = new Counter(1);
  t.is(counter.self(), counter);
  t.true(counter.same(counter));
  const clone = counter.clone();
  t.not(clone, counter);
  t.false(counter.same(clone));
  const inventory = new Inventory();
  t.is(inventory.counters.getItem("one"), inventory.counters.getItem("one"));
});

test("classes follow .NET inheritance; interfaces answer instanceof; overrides dispatch", (t) => {
  const circle = Factory.make("circle", 2);
  t.true(circle instanceof Circle);
  t.true(circle instanceof Shape);
  t.true(circle instanceof Objects.IShape);
  t.false(circle instanceof Square);
  t.is(Object.getPrototypeOf(Circle), Shape);
  t.is(circle.name, "circle", "the override");
  t.is(
    circle.describe(),
    "circle 12.57",
    "an inherited method calling virtual members",
  );
  t.is(new Square(3).name, "shape", "the base implementation");
  t.is(
    Factory.name(new Square(2)),
    "shape",
    "a wrapper passed as its interface",
  );
  t.is(
    Factory.totalArea([new Square(2), new Square(3)]),
    13,
    "an array of wrappers for IEnumerable<IShape>: each element by reference",
  );
  const forged = t.throws(() => Factory.totalArea([{ $dotnet: "12345" }]), {
    instanceOf: InvalidArgumentError,
  });
  t.regex(forged.message, /not a \.NET object held by JavaScript/);
  // Data from elsewhere (a request's body) may carry markers: a handle must not be
  // guessable from the order in which objects were made, though the shapes above are live.
  const guesses = [];
  for (let generation = 0; generation < 4; generation++)
    for (let slot = 1; slot <= 256; slot++)
      guesses.push(String(generation * 2 ** 30 + slot));
  const accepted = guesses.filter((guess) => {
    try {
      Factory.totalArea([{ $dotnet: guess }]);
      return true;
    } catch (error) {
      return !(error instanceof InvalidArgumentError);
    }
  });
  t.deepEqual(accepted, [], "no small handle names a live object");
});

test("an interface implemented explicitly is callable on the wrapper", (t) => {
  const greeter = Factory.greeter();
  t.is(greeter.constructor.name, "Hidden");
  t.true(greeter instanceof Objects.IGreeter);
  t.is(greeter.greet("Ada"), "hi Ada");
});

test("overloads prefer the most derived parameter type, as C# does", (t) => {
  t.is(Factory.which(new Circle(3)), "circle 3");
  t.is(Factory.which(new Square(2)), "shape shape");
  t.throws(() => Factory.which(new Counter()), {
    instanceOf: BindError,
    code: "NoMatchingOverload",
  });
});

test("records cross by value; structs as wrappers of a boxed copy; declared object decides per value", (t) => {
  t.deepEqual(Factory.older({ name: "Ada", age: 36 }), {
    name: "Ada",
    age: 37,
  });
  const moved = Factory.move({ x: 1, y: 2 }, 2);
  t.true(moved instanceof Objects.Point, "a struct comes back as a wrapper");
  t.is(moved.x, 3);
  t.is(moved.y, 2);
  t.is(Factory.move(moved, 1).x, 4, "and goes back into .NET as itself");
  const point = new Objects.Point(1, 2);
  t.true(point instanceof Objects.Point, "new on a struct gives a wrapper");
  t.true(point.equals(new Objects.Point(1, 2)), "Equals compares the values");
  t.is(String(point), "Point { X = 1, Y = 2 }");
  t.is(new Objects.Point().x, 0, "new S() is default(S)");
  t.throws(() => Factory.move({ x: 1, z: 2 }, 1), {
    instanceOf: InvalidArgumentError,
    message: /cannot make a Point from an object with keys x, z/,
  });
  t.throws(() => Factory.move(null, 1), {
    instanceOf: InvalidArgumentError,
    message: /null is not allowed/,
  });
  const values = [0, 1, 2, 3, 4, 5, 6].map((which) => Factory.anything(which));
  t.is(values[0], 42);
  t.is(values[1], "text");
  t.true(values[2] instanceof Circle);
  t.true(values[3] instanceof Objects.Point);
  t.deepEqual(values[4], { name: "Ada", age: 36 });
  t.deepEqual([...values[5]], [1, 2], "a List<int> as object: by reference");
  t.is(values[6], null);
  t.is(Factory.typeOf(5), "Int32", "an integral number is an int, as in C#");
  t.is(Factory.typeOf(5.5), "Double");
  t.is(Factory.typeOf(2 ** 40), "Int64");
  t.is(Factory.typeOf(5n), "Int64");
  t.is(Factory.typeOf("x"), "String");
  t.is(Factory.typeOf(true), "Boolean");
  t.is(Factory.typeOf(new Date(0)), "DateTime");
  t.is(Factory.typeOf(new Circle(1)), "Circle");
  t.is(Factory.typeOf({ a: 1 }), "Dictionary`2");
  t.is(Factory.typeOf([1, "a"]), "Object[]");
  t.is(Factory.typeOf(null), "null");
});

test("a class parameter takes a wrapper, or JSON for a new object", (t) => {
  const counter = new Counter(2);
  t.true(counter.same(counter));
  const wrong = t.throws(() => counter.same(new Circle(1)), {
    instanceOf: InvalidArgumentError,
  });
  t.is(wrong.parameter, "other");
  t.is(wrong.dotnetType, "Counter");
  t.regex(wrong.message, /argument 'other' of bool Same\(Counter other\)/);
  t.throws(() => counter.same(() => 1), { instanceOf: InvalidArgumentError });
  t.is(Objects.Inventory.sum([1, 2, 3]), 6, "a JSON array for List<int>");
});

test("generic types and methods are closed by naming their type arguments", (t) => {
  const IntBox = Objects.Box.of("int");
  t.is(IntBox.name, "Box<int>");
  t.is(IntBox, objects.type("Objects.Box<int>"), "one class per closed type");
  t.is(IntBox, objects.type("Objects.Box`1", ["System.Int32"]));
  const box = new IntBox(5);
  t.is(box.value, 5);
  t.is(box.toString(), "Box(5)");
  t.true(IntBox.of(6) instanceof IntBox, "a static member of a closed type");
  t.is(
    box.map.of("string")((value: number) => `v=${value}`),
    "v=5",
  );
  const CounterBox = Objects.Box.of(Counter);
  const counter = new Counter(3);
  t.is(new CounterBox(counter).value, counter, "a class as a type argument");
  t.is(Generic.identity.of("int")(5), 5);
  t.is(Generic.typeName.of("string")(), "String");
  t.is(
    Generic.pair.of("int", Counter)(1, counter),
    "Int32:1,Counter:Counter(3)",
  );
  t.deepEqual([...Generic.repeat.of("string")("x", 2)], ["x", "x"]);
  t.is(objects.bind("Objects.Generic.Identity<string>")("s"), "s");
  t.is(Generic.identity(5), 5, "type arguments are inferred as C# infers them");
  t.is(
    Generic.pair(1, counter),
    "Int32:1,Counter:Counter(3)",
    "an integral number is an int; a wrapper its object's type",
  );
  t.deepEqual([...Generic.repeat("x", 2)], ["x", "x"]);
  const open = t.throws(() => Generic.typeName(), { instanceOf: BindError });
  t.is(open.code, "NoMatchingOverload");
  t.regex(open.message, /name its type arguments/);
  t.throws(() => Objects.Box.of("int", "string"), {
    instanceOf: BindError,
    code: "WrongTypeArgumentCount",
  });
  t.throws(() => objects.type("Objects.Box`1"), {
    instanceOf: BindError,
    code: "NotClosed",
  });
  t.throws(() => Objects.Box.of("NoSuchType"), {
    instanceOf: BindError,
    code: "TypeNotFound",
  });
});

test("collections are iterable and copied on request; indexers are getItem/setItem", (t) => {
  const inventory = new Inventory();
  const items = inventory.items;
  t.is(items.constructor.name, "List<string>");
  t.deepEqual([...items], ["a", "b", "c"]);
  t.deepEqual(Array.from(items), ["a", "b", "c"]);
  t.is(items.count, 3);
  items.add("d");
  t.is(inventory.items.count, 4, "by reference: the change is .NET's");
  t.is(JSON.stringify(items), '["a","b","c","d"]');
  t.deepEqual(
    new Map(inventory.stock),
    new Map([
      ["apple", 3],
      ["pear", 5],
    ]),
  );
  t.deepEqual(Object.fromEntries(inventory.stock), { apple: 3, pear: 5 });
  t.true(inventory.stock.containsKey("pear"));
  const counters = new Map(inventory.counters);
  t.true(
    counters.get("two") instanceof Counter,
    "dictionary values by reference",
  );
  t.deepEqual([...inventory.evens(4)], [0, 2, 4, 6], "an iterator method");
  const sequence = inventory.counterSequence(3);
  t.deepEqual(
    [...sequence].map((counter) => counter.count),
    [0, 1, 2],
  );
  t.deepEqual(inventory.names, ["x", "y"], "string[] is copied as JSON");
  const many = inventory.many(3);
  t.is(many.length, 3, "Counter[] is a reference to the .NET array");
  t.deepEqual(
    Array.from(many, (counter: typeof Counter.prototype) => counter.count),
    [0, 1, 2],
  );
  t.is(inventory.getItem(1), "b");
  inventory.setItem(1, "B");
  t.is(inventory.getItem(1), "B");
  t.is(inventory.getItem("pear"), 5, "indexer overloads by key type");
  t.throws(() => inventory.getItem(99), {
    instanceOf: DotnetException,
    message: /ArgumentOutOfRangeException/,
  });
});

test("an early break from for…of disposes the enumerator", (t) => {
  const inventory = new Inventory();
  const before = bridgeDiagnostics().wrappers;
  for (const value of inventory.evens(1000)) {
    if (value > 4) break;
  }
  for (const value of inventory.items) {
    if (value === "a") break;
  }
  t.true(bridgeDiagnostics().wrappers <= before + 2);
});

test("IAsyncEnumerable is async-iterable", async (t) => {
  const inventory = new Inventory();
  const seen: number[] = [];
  for await (const value of inventory.slowly(3)) seen.push(value as number);
  t.deepEqual(seen, [0, 1, 2]);
});

test("Task-returning instance methods are Promises; callAsync runs any method off the JS thread", async (t) => {
  const counter = new Counter(1);
  t.is(await counter.incrementLater(), 2);
  t.is(await counter.callAsync("slow", 5), 2);
  t.is(await counter.callAsync("Slow", 5), 2, "the .NET name works too");
  t.is(await Counter.callAsync("staticAdd", 1, 2), 3);
  await t.throwsAsync(counter.callAsync("nope"), {
    instanceOf: BindError,
    code: "MemberNotFound",
  });
});

test("dispose() calls IDisposable.Dispose and releases; later use is ObjectDisposed", (t) => {
  const before = Counter.disposedCount as number;
  const counter = new Counter(1);
  counter.dispose();
  t.is(Counter.disposedCount, before + 1);
  const error = t.throws(() => counter.increment(), {
    instanceOf: HostStateError,
  });
  t.is(error.code, "ObjectDisposed");
  t.throws(() => counter.count, { instanceOf: HostStateError });
  t.throws(() => new Counter(2).same(counter), { instanceOf: HostStateError });
  t.notThrows(() => counter.dispose(), "disposing twice does nothing");
  t.is(Counter.disposedCount, before + 1);
  {
    using scoped = new Counter(3);
    t.is(scoped.count, 3);
  }
  t.is(Counter.disposedCount, before + 2, "using calls Symbol.dispose");
  const plain = new Circle(1);
  plain.dispose();
  t.throws(() => plain.area(), {
    instanceOf: HostStateError,
    code: "ObjectDisposed",
  });
});

test("exceptions from members and from Dispose are DotnetExceptions", (t) => {
  const throwing = new Objects.Throwing();
  t.throws(() => throwing.value, {
    instanceOf: DotnetException,
    message: "System.InvalidOperationException: no value",
  });
  t.throws(() => throwing.dispose(), {
    instanceOf: DotnetException,
    message: /cannot dispose/,
  });
  t.throws(
    () => throwing.value,
    { instanceOf: HostStateError },
    "released even so",
  );
});

test("calling a member on the wrong receiver is a TypeError, not a crash", (t) => {
  const increment = new Counter(1).increment;
  increment.call(new Counter(1));
  t.throws(() => increment(), {
    instanceOf: InvalidArgumentError,
    message: /instance member: call it on a \.NET object/,
  });
  t.throws(() => increment.call({}), { instanceOf: InvalidArgumentError });
  t.throws(() => increment.call(new Circle(1)), {
    instanceOf: InvalidArgumentError,
    message: /another type/,
  });
  t.throws(() => increment.call(5), { instanceOf: InvalidArgumentError });
  // Wrappers pass their receiver key, a small integer; a number is never taken for one.
  const counter = new Counter(10);
  for (let key = 0; key < 16; key++) {
    t.throws(() => increment.call(key), {
      instanceOf: InvalidArgumentError,
      message: new RegExp(`, not ${key}$`),
    });
  }
  t.is(counter.count, 10, "no wrapper was called through a number");
});

test("what cannot be constructed says why", (t) => {
  t.throws(() => new Objects.Calls(), {
    instanceOf: BindError,
    code: "NoConstructor",
    message: /static class/,
  });
  t.throws(() => new Shape(), { instanceOf: BindError, message: /abstract/ });
  t.throws(() => new Objects.IShape(), {
    instanceOf: InvalidArgumentError,
    message: /interface/,
  });
  class Mine extends Counter {}
  t.throws(() => new Mine(), {
    instanceOf: TypeError,
    message: /extending \.NET classes/,
  });
  t.throws(() => new DotnetObject(), { instanceOf: TypeError });
});

test("namespaces list the assembly's types; nested types hang off their outer class", (t) => {
  t.true(Object.keys(Objects).includes("Counter"));
  t.true("Counter" in Objects);
  t.is(Objects.NoSuchType, undefined);
  t.is(objects.namespaces.NoSuchNamespace, undefined);
  t.is(new Objects.Outer.Inner().value, 7);
  t.is(objects.type("Objects.Outer.Inner"), Objects.Outer.Inner);
  t.is(objects.type("Objects.Outer+Inner"), Objects.Outer.Inner);
  t.is(Objects.Counter, objects.type("Counter"), "a unique short name");
  const StringBuilder = objects.type(
    "System.Text.StringBuilder",
  ) as DotnetClass;
  const builder = new StringBuilder("a");
  builder.append("b").append(1);
  t.is(builder.toString(), "ab1", "framework types work too");
  const missing = t.throws(() => objects.type("Objects.Countr"), {
    instanceOf: BindError,
  });
  t.is(missing.code, "TypeNotFound");
});

test("an enum is an object of its values: names, and numbers for [Flags]", (t) => {
  const { Transform } = Objects;
  t.is(typeof Transform, "function", "a delegate type is a class");
  const day = objects.type("System.DayOfWeek") as Record<string, string>;
  t.is(day.Monday, "Monday");
  t.true(Object.isFrozen(day));
  const attributes = objects.type("System.IO.FileAttributes") as unknown as {
    Hidden: number;
    ReadOnly: number;
  };
  t.is(attributes.Hidden, 2);
  t.is(attributes.Hidden | attributes.ReadOnly, 3);
});

test("toJSON serializes the object as System.Text.Json does", (t) => {
  const counter = new Counter(2);
  counter.label = "x";
  t.deepEqual(JSON.parse(JSON.stringify(counter)), {
    label: "x",
    count: 2,
    step: 1,
    disposed: false,
    subscribers: 0,
  });
});

test("wrappers released by the JavaScript GC release the .NET objects, and identity survives until then", (t) => {
  const result = runScenario("objects-gc", [], { nodeArgs: ["--expose-gc"] });
  t.is(result.status, 0, result.stderr);
  const report = result.result as {
    baseline: number;
    young: { made: number; afterGc: number; dotnetAlive: number };
    held: number;
    afterGc: number;
    dotnetAlive: number;
    dotnetAliveHeld: number;
    sameWhileHeld: boolean;
    inLoop: number;
    afterLoop: number;
    constructed: {
      young: { made: number; afterGc: number; dotnetAlive: number };
      held: number;
      same: boolean;
      dotnetAliveHeld: number;
      afterGc: number;
      dotnetAlive: number;
    };
  };
  t.deepEqual(
    report.young,
    { made: 1000, afterGc: 0, dotnetAlive: 0 },
    "wrappers dropped before any collection are released after the next one",
  );
  t.is(report.held, report.baseline + 1000);
  t.true(report.sameWhileHeld);
  t.is(
    report.dotnetAliveHeld,
    1000,
    ".NET keeps the objects while JavaScript holds them",
  );
  t.is(report.afterGc, report.baseline, "every handle released after GC");
  t.is(report.dotnetAlive, 0, ".NET collected them");
  t.deepEqual(
    report.constructed,
    {
      young: { made: 1000, afterGc: 0, dotnetAlive: 0 },
      held: 1000,
      same: true,
      dotnetAliveHeld: 1000,
      afterGc: 0,
      dotnetAlive: 0,
    },
    "objects made by new: released when dropped, kept and found again while held",
  );
  t.true(
    report.inLoop <= 5000 + 1024,
    `a synchronous loop releases what it dropped before it ends (${report.inLoop} of 10000 still held)`,
  );
  t.is(report.afterLoop, 0, "and the rest after it");
});

test("setMemberNaming('dotnet') keeps .NET names; it is fixed once a type is used", (t) => {
  const result = runScenario("objects-naming");
  t.is(result.status, 0, result.stderr);
  const report = result.result as Record<string, unknown>;
  t.is(report.pascal, 2);
  t.is(report.count, 2);
  t.is(report.camel, "undefined");
  t.is(report.statics, 3);
  t.is(report.reserved, "function", "dispose() is DotnetObject's either way");
  t.like(report.again, {
    error: { name: "HostStateError", code: "NamingFixed" },
  });
  t.deepEqual(report.same, {}, "choosing the same again is fine");
  t.like(report.invalid, { error: { name: "TypeError" } });
});

test("bind() reaches statics of generic types and instance methods (with the object as this)", (t) => {
  const of = objects.bind("Objects.Box<int>.Of");
  const box = of(5) as { value: number; constructor: unknown };
  t.is(box.constructor, Objects.Box.of("int"));
  t.is(box.value, 5);
  const increment = objects.bind("Objects.Counter.Increment");
  const counter = new Counter(1);
  t.is(increment.call(counter), 2);
  t.throws(() => increment(), { instanceOf: InvalidArgumentError });
});

test("an overload chosen for one string is not reused for a string it does not take", (t) => {
  const NetString = objects.type("System.String") as unknown as {
    compare(a: string, b: string, comparison: string): number;
  };
  const Char = objects.type("System.Char") as unknown as {
    isDigit(c: string): boolean;
  };
  // An enum parameter reads names: the text is part of what the choice depends on.
  t.is(NetString.compare("a", "a", "Ordinal"), 0);
  t.throws(() => NetString.compare("a", "a", "Ordinall"), {
    instanceOf: BindError,
  });
  // Elsewhere only a length of 1 (a char) is.
  t.true(Char.isDigit("7"));
  t.false(Char.isDigit("x"));
  t.throws(() => Char.isDigit("77"), { instanceOf: BindError });
  t.throws(() => Char.isDigit(""), { instanceOf: BindError });
});

test("a copy of a wrapper's receiver key never stands for the wrapper", (t) => {
  const counter = new Counter(4);
  t.true(counter.same(counter), "the wrapper itself is its object");
  const key = Object.getOwnPropertySymbols(counter).find(
    (symbol) => symbol.description === "dotnet-host.receiver",
  );
  if (key === undefined)
    return t.fail("wrappers keep their key under a symbol");
  const keyed = counter as unknown as Record<symbol, unknown>;
  const spread = { ...counter };
  t.is(
    (spread as Record<symbol, unknown>)[key],
    keyed[key],
    "spread copies it",
  );
  t.false(
    counter.same(spread),
    "a plain object with the key is JSON for a Counter parameter: a new Counter",
  );
  t.false(counter.same({ [key]: keyed[key] }));
  // A wrapper given another's key is neither: it names no object at all.
  const other = new Counter(6) as unknown as Record<symbol, unknown>;
  other[key] = keyed[key];
  t.throws(() => counter.same(other), { instanceOf: InvalidArgumentError });
  t.is((other as unknown as { increment(): number }).increment(), 7);
  t.true(counter.same(counter));
});

test("a wrapper sent to another thread arrives as a plain object, not a .NET object", (t) => {
  const counter = new Counter(4);
  const copy = structuredClone(counter);
  t.deepEqual(copy, {});
  t.false(copy instanceof Counter);
  t.false(
    counter.same(copy),
    "for a Counter parameter it is JSON: a new, different Counter",
  );
});
