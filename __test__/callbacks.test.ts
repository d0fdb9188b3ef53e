// JavaScript functions as .NET delegates: called on the JavaScript thread during a call,
// or from other .NET threads through the event loop; exceptions both ways; the deadlock
// rule; and how long .NET keeps a function.
import test from "ava";
import {
  DotnetException,
  InvalidArgumentError,
  bridgeDiagnostics,
  load,
  setDeadlockTimeout,
  type DotnetClass,
  type Namespace,
} from "../lib/index.js";
import { fixture, runScenario } from "./helpers.js";

const { Objects } = load(fixture("Objects")).namespaces as {
  Objects: Namespace;
};
const { Calls, Counter } = Objects;

test("a function passed for Func, Action, Predicate or a custom delegate runs synchronously", (t) => {
  t.is(
    Calls.apply((value: number) => value + 1, 41),
    42,
  );
  t.is(
    Calls.applyCustom((value: number) => value * 3, 2),
    6,
  );
  t.is(
    Calls.combine((a: string, b: string) => `${a}+${b}`),
    "a+b",
  );
  let calls = 0;
  t.is(
    Calls.twice(() => {
      calls++;
    }),
    2,
  );
  t.is(calls, 2);
  const seen: number[] = [];
  Calls.count(3, (index: number) => seen.push(index));
  t.deepEqual(seen, [0, 1, 2]);
  const counter = new Counter(7);
  t.true(
    Calls.test((value: unknown) => value === counter, counter),
    "wrappers keep their identity",
  );
  t.is(
    Calls.make(() => counter),
    counter,
    "a returned wrapper goes back by reference",
  );
  t.is(
    Calls.nested((value: number) => value + 1),
    11,
    ".NET → JS → .NET → JS",
  );
});

test("a .NET delegate comes back as a callable wrapper and can be passed again", (t) => {
  const doubler = Calls.doubler();
  t.is(doubler.constructor.name, "Func<int, int>");
  t.is(doubler.invoke(4), 8);
  t.is(Calls.invoke(doubler, 5), 10);
  const transform = new Objects.Transform((value: number) => value - 1);
  t.is(Calls.applyCustom(transform, 10), 9);
  t.is(transform.invoke(3), 2);
});

test("a JavaScript exception becomes a JavaScriptException in .NET, and the original error comes back as cause", (t) => {
  t.is(
    Calls.catch(() => {
      throw new TypeError("bad");
    }),
    "DotnetHost.JavaScriptException: TypeError: bad",
  );
  const thrown = new RangeError("deep");
  const error = t.throws(
    () =>
      Calls.propagate(() => {
        throw thrown;
      }),
    { instanceOf: DotnetException },
  );
  t.is(error.dotnetType, "DotnetHost.JavaScriptException");
  t.is(error.dotnetMessage, "RangeError: deep");
  t.is(error.cause, thrown, "the very error object");
  t.regex(error.dotnetStack, /Objects\.Calls\.Propagate/);
  t.is(
    Calls.catch(() => {
      throw "a string";
    }),
    "DotnetHost.JavaScriptException: a string",
  );
});

test("a return value of the wrong type is a .NET exception naming the delegate", (t) => {
  t.is(
    Calls.catch(() => "not a number"),
    "DotnetHost.JavaScriptException: InvalidArgumentError: the value returned by the JavaScript function for int Func<int>(): expected int (an integer number), got a string",
  );
  t.regex(
    Calls.catch(() => 2 ** 40),
    /out of range for int/,
  );
});

test("delegates a function cannot stand in for are refused before .NET runs", (t) => {
  const error = t.throws(() => Calls.withRef(() => 0), {
    instanceOf: InvalidArgumentError,
  });
  t.regex(error.message, /RefDelegate has ref\/out\/in parameters/);
  t.throws(() => Calls.apply(5, 1), {
    instanceOf: InvalidArgumentError,
    message: /expected Func<int, int> \(a function or a \.NET delegate\)/,
  });
  t.throws(() => Calls.apply(new Counter(1), 1), {
    instanceOf: InvalidArgumentError,
  });
});

test("a function called from another .NET thread runs on the JavaScript thread", async (t) => {
  const threads = new Set<number>();
  t.is(
    await Calls.onThread((value: number) => {
      threads.add(process.pid);
      return value * 2;
    }, 21),
    42,
  );
  t.is(await Calls.manyOnThread((value: number) => value, 1000), 499500);
  t.is(
    await Calls.catchOnThreadAsync(() => {
      throw new Error("from a thread");
    }),
    "DotnetHost.JavaScriptException: Error: from a thread",
    "a JavaScript exception reaches the .NET caller on its thread",
  );
  const counter = new Counter(1);
  t.is(
    await Calls.callAsync("apply", (value: number) => value + counter.count, 1),
    2,
    "callAsync: the call runs on a pool thread, the function on the JavaScript thread",
  );
});

test.serial(
  "a callback from another thread while the JavaScript thread blocks in a sync call fails instead of deadlocking",
  (t) => {
    const previous = setDeadlockTimeout(200);
    try {
      const started = Date.now();
      const error = t.throws(
        () => Calls.blocking((value: number) => value, 1),
        { instanceOf: DotnetException },
      );
      t.true(Date.now() - started < 10_000);
      const cause = error.innerExceptions?.[0] ?? error.inner;
      t.is(cause?.dotnetType, "DotnetHost.JavaScriptException");
      t.regex(
        cause?.dotnetMessage ?? "",
        /stayed inside one synchronous \.NET call for 200 ms/,
      );
      t.regex(cause?.dotnetMessage ?? "", /callAsync\(\)/);
      t.is(
        Calls.catchOnThread(() => 1),
        "DotnetHost.JavaScriptException: a JavaScript callback (int Func<int>()) was called from another thread while the JavaScript thread stayed inside one synchronous .NET call for 200 ms; if that call waits for this thread, neither can go on (a deadlock). Call the .NET method with callAsync() so the JavaScript thread stays free to run callbacks, or raise the limit with setDeadlockTimeout()",
      );
    } finally {
      setDeadlockTimeout(previous === 200 ? 1000 : previous);
    }
  },
);

test.serial("the same blocking call with callAsync works", async (t) => {
  t.is(await Calls.callAsync("blocking", (value: number) => value + 1, 1), 2);
});

test("setDeadlockTimeout checks its argument", (t) => {
  t.throws(() => setDeadlockTimeout(-1), { instanceOf: InvalidArgumentError });
  t.throws(() => setDeadlockTimeout("1" as unknown as number), {
    instanceOf: InvalidArgumentError,
  });
});

test(".NET holds a function only while it holds the delegate", (t) => {
  const result = runScenario("callbacks-gc", [], { nodeArgs: ["--expose-gc"] });
  t.is(result.status, 0, result.stderr);
  const report = result.result as {
    callWhileStored: number;
    collectedWhileStored: boolean;
    callbacksWhileStored: number;
    collectedAfterClear: boolean;
    callbacksAfterClear: number;
    delegatesAfterClear: number;
  };
  t.is(report.callWhileStored, 1005);
  t.false(
    report.collectedWhileStored,
    "the stored delegate keeps the function",
  );
  t.true(report.callbacksWhileStored >= 1);
  t.true(
    report.collectedAfterClear,
    "released once .NET collected the delegate",
  );
  t.is(report.callbacksAfterClear, 0);
  t.is(report.delegatesAfterClear, 0);
});

test("a callback that throws on a thread .NET started, uncaught there, ends the process (.NET's rule)", (t) => {
  const child = runScenario("callback-fatal");
  const how = `status ${child.status}, stderr: ${child.stderr}`;
  // .NET ends the process with abort() on Unix, and with its exception code on Windows.
  if (process.platform === "win32") t.not(child.status, 0, how);
  else t.is(child.signal, "SIGABRT", how);
  t.regex(child.stdout, /returned\r?\ncallback ran\r?\n/);
  t.regex(
    child.stderr,
    /Unhandled exception\. DotnetHost\.JavaScriptException: Error: listener failed/,
  );
  t.notRegex(child.stdout, /still alive|node exit event/);
});

test("an async function (or any Promise) for a delegate returning Task becomes that Task", async (t) => {
  t.is(
    await Calls.awaitCallback(async (value: number) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return value * 2;
    }, 20),
    41,
  );
  t.is(
    await Calls.awaitCallback((value: number) => value, 1),
    2,
    "a plain value is a completed Task",
  );
  t.is(
    await Calls.awaitAction(async () => {
      await Promise.resolve();
    }),
    1,
    "Func<Task>",
  );
  t.is(await Calls.awaitValueTask(async () => 7), 7, "Func<ValueTask<int>>");
  t.is(
    await Calls.awaitOnThread(async (value: number) => value + 1, 1),
    2,
    "called from a .NET thread",
  );
  t.is(bridgeDiagnostics().pendingPromises, 0);
});

test("a rejected Promise faults the Task with a JavaScriptException; a wrong result type too", async (t) => {
  t.is(
    await Calls.catchAsync(async () => {
      throw new RangeError("nope");
    }),
    "DotnetHost.JavaScriptException: RangeError: nope",
  );
  t.is(
    await Calls.catchAsync(async () => "text"),
    "DotnetHost.JavaScriptException: InvalidArgumentError: the value the JavaScript function's Promise resolved to for Task<int> Func<Task<int>>(): expected int (an integer number), got a string",
  );
  t.is(
    await Calls.catchAsync(() => {
      throw new Error("before any Promise");
    }),
    "DotnetHost.JavaScriptException: Error: before any Promise",
  );
  const reason = new Error("kept");
  const error = await t.throwsAsync(
    Calls.awaitCallback(() => Promise.reject(reason), 1),
    { instanceOf: DotnetException },
  );
  t.is(error.cause, reason, "the rejection reason comes back as cause");
});

test("framework methods take JavaScript functions: Sort(Comparison<T>), FindIndex(Predicate<T>), ConvertAll<TOutput>", (t) => {
  const List = load(fixture("Objects")).type(
    "System.Collections.Generic.List<int>",
  ) as DotnetClass;
  const list = new List();
  for (const value of [3, 1, 2]) list.add(value);
  list.sort((a: number, b: number) => b - a);
  t.deepEqual([...list], [3, 2, 1]);
  t.is(
    list.findIndex((value: number) => value === 1),
    2,
  );
  t.deepEqual(
    list.convertAll
      .of("string")((value: number) => `#${value}`)
      .toArray(),
    ["#3", "#2", "#1"],
  );
});

test("a function passed again while .NET holds its delegate is that delegate, as in C#", (t) => {
  // C#: list.Add(f); list.IndexOf(f) == 0; list.Remove(f) == true (one delegate object).
  const List = load(fixture("Objects")).type(
    "System.Collections.Generic.List<System.Func<int, int>>",
  ) as DotnetClass;
  const list = new List();
  const double = (value: number) => value * 2;
  list.add(double);
  t.is(list.indexOf(double), 0);
  t.true(list.contains(double));
  t.is(list.getItem(0).invoke(21), 42);
  t.true(list.remove(double));
  t.is(list.count, 0);
  t.false(
    list.contains((value: number) => value * 2),
    "another function",
  );
});

test("passing one function in a loop makes one delegate, not one per call", (t) => {
  const plusOne = (value: number) => value + 1;
  Calls.apply(plusOne, 0);
  const before = bridgeDiagnostics();
  let sum = 0;
  for (let index = 0; index < 2000; index++) sum += Calls.apply(plusOne, index);
  t.is(sum, (2000 * 1999) / 2 + 2000);
  const after = bridgeDiagnostics();
  t.true(
    after.liveDelegates - before.liveDelegates <= 2,
    `live delegates ${before.liveDelegates} → ${after.liveDelegates}`,
  );
  t.true(
    after.callbacks - before.callbacks <= 2,
    `functions held ${before.callbacks} → ${after.callbacks}`,
  );
  t.true(
    after.liveObjects - before.liveObjects <= 1,
    `object references ${before.liveObjects} → ${after.liveObjects}`,
  );
});

test("a kept delegate lent to a call stays valid while later arguments push it out of the last four", (t) => {
  // C#: Compose(a, b, c, d, e, 1) == a(b(c(d(e(1))))).
  const plusOne = (value: number) => value + 1;
  t.is(Calls.apply(plusOne, 0), 1);
  t.is(Calls.apply(plusOne, 0), 1, "its reference is kept from now on");
  const before = bridgeDiagnostics().liveObjects;
  for (let round = 0; round < 3; round++)
    t.is(
      Calls.compose(
        plusOne,
        (value: number) => value * 2,
        (value: number) => value * 3,
        (value: number) => value * 5,
        (value: number) => value * 7,
        1,
      ),
      211,
      `round ${round}`,
    );
  t.is(Calls.apply(plusOne, 41), 42);
  t.true(
    bridgeDiagnostics().liveObjects - before <= 1,
    "references given back once the calls returned",
  );
});

test("a function passed again is kept while among the last four, then let go", (t) => {
  const result = runScenario("callbacks-reuse-gc", [], {
    nodeArgs: ["--expose-gc"],
  });
  t.is(result.status, 0, result.stderr);
  const report = result.result as {
    results: number[];
    keptReferences: number;
    collectedWhileRecent: boolean;
    referencesAfterOthers: number;
    collectedAfterOthers: boolean;
    callbacksAfterOthers: number;
  };
  t.deepEqual(report.results, [1, 2, 3, 0, 2, 4, 6]);
  t.is(report.keptReferences, 1, "one reference kept, lent to later calls");
  t.false(report.collectedWhileRecent, "kept while among the last four");
  t.is(report.referencesAfterOthers, 0, "given back when four others came");
  t.true(report.collectedAfterOthers, "then .NET and JavaScript let it go");
  t.is(report.callbacksAfterOthers, 0);
});
