// .NET events: on/off for instance and static events, events raised from other threads,
// and what happens after unsubscribing.
import test from "ava";
import {
  BindError,
  DotnetException,
  InvalidArgumentError,
  load,
  type Namespace,
} from "../lib/index.js";
import { fixture } from "./helpers.js";

const { Objects } = load(fixture("Objects")).namespaces as {
  Objects: Namespace;
};
const { Counter, Ticker } = Objects;

test("on/off subscribe and unsubscribe a listener; it gets the sender and the event data", (t) => {
  const counter = new Counter(0);
  const seen: [unknown, number][] = [];
  const listener = (sender: unknown, value: number) =>
    seen.push([sender, value]);
  t.is(counter.on("Changed", listener), counter, "chainable");
  counter.set(5);
  t.deepEqual(seen, [[counter, 5]], "the sender is the same wrapper");
  t.is(counter.subscribers, 1);
  counter.on("changed", listener);
  t.is(
    counter.subscribers,
    1,
    "the same listener twice is one subscription (camelCase name too)",
  );
  counter.off("Changed", listener);
  t.is(counter.subscribers, 0);
  counter.set(6);
  t.is(seen.length, 1, "an event raised after unsubscribing reaches no one");
  t.notThrows(
    () => counter.off("Changed", listener),
    "off for a listener not subscribed does nothing",
  );
});

test("several listeners each get the event", (t) => {
  const counter = new Counter(0);
  const first: number[] = [];
  const second: number[] = [];
  const a = (_sender: unknown, value: number) => first.push(value);
  const b = (_sender: unknown, value: number) => second.push(value);
  counter.on("Changed", a).on("Changed", b);
  counter.set(1);
  counter.off("Changed", a);
  counter.set(2);
  t.deepEqual(first, [1]);
  t.deepEqual(second, [1, 2]);
});

test("static events are on the class", (t) => {
  const seen: string[] = [];
  const listener = (text: string) => seen.push(text);
  Counter.on("Announced", listener);
  Counter.announce("hello");
  Counter.off("Announced", listener);
  Counter.announce("unheard");
  t.deepEqual(seen, ["hello"]);
});

test("events raised on another .NET thread reach the listener on the JavaScript thread", async (t) => {
  const ticker = new Ticker();
  const ticks: number[] = [];
  let stopped = false;
  ticker.on("Tick", (sender: unknown, value: number) => {
    t.is(sender, ticker);
    ticks.push(value);
  });
  ticker.on("Stopped", () => {
    stopped = true;
  });
  await ticker.runOnThread(100);
  t.deepEqual(
    ticks,
    Array.from({ length: 100 }, (_, index) => index),
  );
  t.true(stopped);
});

test("a listener that throws fails the .NET code that raised the event", async (t) => {
  const ticker = new Ticker();
  const boom = new Error("listener failed");
  ticker.on("Tick", () => {
    throw boom;
  });
  const error = t.throws(() => ticker.raise(1), {
    instanceOf: DotnetException,
  });
  t.is(error.cause, boom);
  const fromThread = await t.throwsAsync(ticker.runOnThread(1), {
    instanceOf: DotnetException,
  });
  t.is(fromThread.dotnetType, "DotnetHost.JavaScriptException");
  t.is(fromThread.cause, boom);
});

test("an unknown event or a non-function listener is refused", (t) => {
  const counter = new Counter(0);
  const unknown = t.throws(() => counter.on("Nope", () => 0), {
    instanceOf: BindError,
  });
  t.is(unknown.code, "EventNotFound");
  t.deepEqual(unknown.candidates, ["Changed"]);
  t.throws(() => Counter.on("Changed", () => 0), {
    instanceOf: BindError,
    message: /no static event Changed/,
  });
  t.throws(() => counter.on("Changed", "listener"), {
    instanceOf: InvalidArgumentError,
  });
});
