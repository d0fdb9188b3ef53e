// The overload cache's key (lib/typed/overloads.ts): `shapeOfValue` builds it without
// classifying common arguments, and must give exactly the key `shapeOf(classify(value))`
// gives, or calls of one shape could share a choice made for another.
import test from "ava";
import { classify } from "../../lib/typed/conversions.js";
import {
  primitiveKey,
  shapeOf,
  shapeOfValue,
} from "../../lib/typed/overloads.js";

/** `levels` arrays, one inside the other, around `inner`. */
const nested = (levels: number, inner: unknown): unknown =>
  levels === 0 ? inner : [nested(levels - 1, inner)];

const sparse: unknown[] = [];
sparse[2] = "x";

const scalars: unknown[] = [
  0,
  1,
  -1,
  127,
  128,
  -128,
  -129,
  255,
  256,
  65535,
  65536,
  2 ** 31 - 1,
  2 ** 31,
  -(2 ** 31),
  2 ** 32,
  Number.MAX_SAFE_INTEGER,
  2 ** 53,
  2 ** 64,
  -0,
  0.5,
  -2.5,
  1e21,
  NaN,
  Infinity,
  -Infinity,
  "",
  "a",
  "ab",
  "é",
  "😀",
  'quote " and \\',
  null,
  undefined,
  true,
  false,
  0n,
  -1n,
  2n ** 63n,
  2n ** 64n,
  new Date(0),
  new Uint8Array(2),
  new Float64Array(1),
  new ArrayBuffer(4),
  { a: 1 },
  { B: 1, a: "x" },
  () => 1,
  function two(a: unknown, b: unknown) {
    return [a, b];
  },
  Symbol("s"),
];

const arrays: unknown[] = [
  [],
  [1, 2, 3],
  [1, 300, -5],
  [1, 2.5],
  ["a", "b", "c"],
  ["a", "bc"],
  ["a", null, "b"],
  [null, undefined],
  ["x", 1, null, true, { a: 1 }],
  [[1], [2]],
  [["a"], [1]],
  [new Date(0), "a"],
  nested(3, "a"),
  nested(4, "a"),
  nested(5, 1),
  nested(8, [1, "a"]),
  sparse,
  [sparse, ["y"]],
];

for (const text of [false, true]) {
  test(`shapeOfValue gives the key shapeOf(classify(value)) gives (text ${text})`, (t) => {
    const values = [...scalars, ...arrays, ...scalars.map((value) => [value])];
    for (const value of values) {
      t.is(
        shapeOfValue(value, text),
        shapeOf(classify(value), text),
        `for ${String(JSON.stringify(value, (_, item: unknown) => (typeof item === "bigint" ? `${item}n` : item)))}`,
      );
    }
  });
}

test("arrays of strings of different lengths or texts are told apart where it matters", (t) => {
  t.not(shapeOfValue(["a"], false), shapeOfValue(["ab"], false));
  t.is(shapeOfValue(["ab"], false), shapeOfValue(["cd", "efg"], false));
  t.not(shapeOfValue(["ab"], true), shapeOfValue(["cd"], true));
});

test("calls of primitives (and arrays of strings) share a number key exactly when they share the key without text", (t) => {
  const primitives: unknown[] = [
    0,
    1,
    -1,
    200,
    -200,
    70000,
    2 ** 40,
    0.5,
    NaN,
    "",
    "a",
    "ab",
    true,
    false,
    null,
    undefined,
    [],
    ["a"],
    ["ab", "cd"],
    ["a", "bc"],
    ["bc", "a", "d"],
  ];
  const calls: unknown[][] = [[]];
  for (const a of primitives) {
    calls.push([a]);
    for (const b of primitives) calls.push([a, b]);
  }
  calls.push(
    [1, 2, 3, 4],
    ["a", "b", "c", "d"],
    [1, "a", null, true],
    ["a", "b", "c", "d", "e"],
    [2 ** 40, "ab", [], ["a"], -1],
  );
  const textless = (args: unknown[]) =>
    args.map((value) => shapeOfValue(value, false)).join("|") +
    `#${args.length}`;
  const byNumber = new Map<number, string>();
  const byText = new Map<string, number>();
  for (const args of calls) {
    const number = primitiveKey(args, () => false);
    t.true(number >= 0, `${String(args)} is keyed by a number`);
    const key = textless(args);
    t.is(byNumber.get(number) ?? key, key, `number key ${number}`);
    t.is(byText.get(key) ?? number, number, `key ${key}`);
    byNumber.set(number, key);
    byText.set(key, number);
  }
  t.is(
    primitiveKey(["a"], () => true),
    -1,
    "with text, a string is keyed by it",
  );
  t.true(
    primitiveKey(["a", 1], (index) => index === 1) >= 0,
    "text only where a position reads it",
  );
  t.is(
    primitiveKey([1, 2, 3, 4, 5, 6], () => false),
    -1,
    "at most five arguments",
  );
  t.is(
    primitiveKey([{}], () => false),
    -1,
    "primitives only",
  );
  t.is(
    primitiveKey([1n], () => false),
    -1,
    "a bigint's range is its key",
  );
  t.is(
    primitiveKey([["a", 1]], () => false),
    -1,
    "arrays of strings only",
  );
  t.is(
    primitiveKey([["a", null]], () => false),
    -1,
    "arrays of strings only",
  );
  t.is(
    primitiveKey([["a"]], () => true),
    -1,
    "with text, strings in arrays too",
  );
});
