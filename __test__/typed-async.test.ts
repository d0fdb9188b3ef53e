// Task/ValueTask → Promise, callAsync on a pool thread, AbortSignal → CancellationToken.
import test from "ava";
import { DotnetException, bridgeDiagnostics, load } from "../lib/index.js";
import { fixture } from "./helpers.js";

const typed = load(fixture("Typed"));
const bind = (name: string) => typed.bind(name);

test("Task<T> returns a Promise of T", async (t) => {
  const later = bind("Typed.Async.AddLater")(20, 22, 20);
  t.true(later instanceof Promise);
  t.is(await later, 42);
  t.is(await bind("Typed.Async.Completed")(7), 7, "an already-completed Task");
  t.is(await bind("Typed.Async.EchoLater")("世界"), "世界");
  t.deepEqual(await bind("Typed.Async.OrderLater")("B-2"), {
    id: "B-2",
    total: "12.5",
    items: ["a", "b"],
    color: "Green",
  });
});

test("Task and ValueTask", async (t) => {
  t.is(await bind("Typed.Async.Wait")(5), undefined);
  t.is(await bind("Typed.Async.ValueLater")(21), 42);
  t.is(await bind("Typed.Async.ValueNow")(1), 2);
});

test("a faulted Task rejects with the DotnetException", async (t) => {
  const error = await t.throwsAsync(
    bind("Typed.Async.Fail")("late boom") as Promise<unknown>,
    {
      instanceOf: DotnetException,
    },
  );
  t.is(error.dotnetType, "System.InvalidOperationException");
  t.is(error.dotnetMessage, "late boom");
  t.regex(error.dotnetStack, /Typed\.Async\.Fail/);
});

test.serial(
  "an AbortSignal cancels the CancellationToken and rejects with the signal's reason",
  async (t) => {
    const controller = new AbortController();
    const pending = bind("Typed.Async.WaitForCancel")(
      controller.signal,
    ) as Promise<unknown>;
    setTimeout(() => controller.abort(), 20);
    // The reason is a DOMException (AbortError), which ava's throwsAsync does not accept.
    const error = await pending.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    t.is(error, controller.signal.reason);
    t.is((error as Error).name, "AbortError");

    const aborted = AbortSignal.abort(new Error("already"));
    await t.throwsAsync(
      bind("Typed.Async.WaitForCancel")(aborted) as Promise<unknown>,
      { message: "already" },
    );
    t.true(bind("Typed.Async.IsCanceled")(aborted) as boolean);
    t.false(
      bind("Typed.Async.IsCanceled")(new AbortController().signal) as boolean,
    );
    t.false(bind("Typed.Async.IsCanceled")(null) as boolean);
    t.is(
      bridgeDiagnostics().liveCancellations,
      0,
      "every token source is freed",
    );
  },
);

test("callAsync runs on a pool thread and does not block the event loop", async (t) => {
  const threadId = bind("Typed.Async.ThreadId");
  const slow = bind("Typed.Async.Slow");
  const mainThread = threadId() as number;
  let loopTurned = false;
  const pending = slow
    .callAsync(1000)
    .then((thread) => ({ thread, loopTurned }));
  setImmediate(() => (loopTurned = true));
  const { thread, loopTurned: turnedFirst } = await pending;
  t.not(thread, mainThread);
  t.true(turnedFirst, "the event loop ran while .NET was busy");
  t.is(await bind("Typed.Calc.Add").callAsync(2, 3), 5);
  await t.throwsAsync(bind("Typed.Failures.Throw").callAsync("async boom"), {
    instanceOf: DotnetException,
    message: /async boom/,
  });
});

test("callAsync copies its arguments and validates them first", async (t) => {
  const sum = bind("Typed.Buffers.SpanSum");
  const buffer = Buffer.from([1, 2, 3]);
  const pending = sum.callAsync(buffer);
  buffer.fill(0);
  t.is(await pending, 6);
  t.throws(() => bind("Typed.Calc.Add").callAsync("x", 1), {
    name: "InvalidArgumentError",
  });
  t.is(
    await bind("Typed.Async.AddLater").callAsync(1, 2, 1),
    3,
    "a Task from callAsync settles too",
  );
});

// Serial: ava runs it before the concurrent tests, so no other call holds a handle.
test.serial(
  "many Tasks in flight settle, and nothing stays pinned",
  async (t) => {
    const add = bind("Typed.Async.AddLater");
    const results = await Promise.all(
      Array.from(
        { length: 2000 },
        (_, index) => add(index, 1, index % 3) as Promise<number>,
      ),
    );
    t.is(results.length, 2000);
    t.true(results.every((value, index) => value === index + 1));
    t.is(bridgeDiagnostics().liveHandles, 0);
  },
);
