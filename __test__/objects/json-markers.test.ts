// Arguments as JSON (lib/objects/json-markers.ts): plain data skips the replacer, and must
// come out exactly as the replacer writes it; anything the replacer marks must still get
// its marker.
import test from "ava";
import {
  referenceReplacer,
  stringifyArgument,
} from "../../lib/objects/json-markers.js";
import { writingArguments } from "../../lib/objects/writing.js";

const withReplacer = (value: unknown) =>
  writingArguments(() => JSON.stringify(value, referenceReplacer));

/** `levels` arrays, one inside the other, around `inner`. */
const nested = (levels: number, inner: unknown): unknown =>
  levels === 0 ? inner : [nested(levels - 1, inner)];

test("plain data is written exactly as the replacer writes it", (t) => {
  const bare = Object.create(null) as Record<string, unknown>;
  bare.key = [1, "two"];
  const values: unknown[] = [
    { id: "A-1", total: 99.5, items: ["a", "b", "c"], color: "green" },
    [1, , 3], // eslint-disable-line no-sparse-arrays
    { skipped: undefined, fn: () => 1, kept: null, [Symbol("s")]: 1 },
    [undefined, () => 1],
    -0,
    Number.MAX_SAFE_INTEGER,
    -Number.MAX_SAFE_INTEGER,
    5e-324,
    1.5e-7,
    { "é 世界 🎉": "\ud800 lone", "\u2028": "\u2029", quote: '"\\' },
    { 2: "b", 1: "a", z: 0, a: 1 },
    bare,
    nested(63, { deep: true }),
    "text",
    true,
    null,
    {},
    [],
  ];
  for (const [index, value] of values.entries())
    t.is(stringifyArgument(value), withReplacer(value), `value ${index}`);
});

test("whatever the replacer marks keeps its marker, however deep", (t) => {
  class Point {
    x = 1;
  }
  const cases: [unknown, string][] = [
    [{ big: 5n }, '{"big":{"$bigint":"5"}}'],
    [[Number.NaN], '[{"$double":"NaN"}]'],
    [{ far: 2 ** 62 }, '{"far":{"$double":"4611686018427388000"}}'],
    [{ when: new Date(5) }, '{"when":{"$date":5}}'],
    [{ bytes: new Uint8Array([1, 2]) }, '{"bytes":[1,2]}'],
    [new Point(), '{"x":1}'],
    [nested(70, -Infinity), withReplacer(nested(70, -Infinity))],
    [nested(70, 1), withReplacer(nested(70, 1))],
  ];
  for (const [value, expected] of cases) {
    t.is(stringifyArgument(value), expected);
    t.is(stringifyArgument(value), withReplacer(value));
  }
  t.true(
    stringifyArgument(nested(70, -Infinity))!.includes(
      '{"$double":"-Infinity"}',
    ),
  );
});

test("a cycle is still JSON.stringify's TypeError", (t) => {
  const cycle: Record<string, unknown> = { a: 1 };
  cycle.self = cycle;
  t.throws(() => stringifyArgument(cycle), { instanceOf: TypeError });
});
