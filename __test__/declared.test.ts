// Function pointers called with declared C signatures: every integer width, float and
// double in mixed orders, pointers from buffers, void — on this platform's convention.
import test from "ava";
import {
  ArgumentRangeError,
  InvalidArgumentError,
  declareFunction,
  initializeForRuntimeConfig,
  load,
  type CSignature,
} from "../lib/index.js";
import { FIXTURE_TYPE, fixture, fixtureConfig } from "./helpers.js";

const typed = load(fixture("Typed"));
const addressOf = typed.bind("Typed.Native.AddressOf") as (
  name: string,
) => bigint;
const declare = (name: string, signature: CSignature) =>
  declareFunction(addressOf(name), signature);

test("int32 (int32, int32)", (t) => {
  t.is(
    declare("Add", { returns: "int32", parameters: ["int32", "int32"] })(40, 2),
    42,
  );
});

test("floats, doubles and integers interleaved land in the right registers", (t) => {
  const mix = declare("Mix", {
    returns: "double",
    parameters: ["float", "double", "int32", "float", "int64"],
  });
  t.is(mix(1.5, 2.25, 3, 0.5, 100n), 107.25);
  const six = declare("SixInts", {
    returns: "int64",
    parameters: ["int64", "int64", "int64", "int64", "int64", "int64"],
  });
  t.is(six(1, 2, 3, 4, 5, 6), 654321n);
  const eight = declare("EightDoubles", {
    returns: "double",
    parameters: Array(8).fill("double"),
  });
  t.is(eight(1, 1, 1, 1, 1, 1, 1, 1), 36);
  t.is(declare("Half", { returns: "float", parameters: ["float"] })(3), 1.5);
});

test("narrow and unsigned integers are extended and truncated correctly", (t) => {
  t.is(
    declare("Negate", { returns: "int8", parameters: ["int8"] })(-128),
    -128,
  );
  t.is(declare("Negate", { returns: "int8", parameters: ["int8"] })(5), -5);
  t.is(
    declare("Swap", { returns: "uint16", parameters: ["uint16"] })(0x1234),
    0x3412,
  );
  t.is(
    declare("MaxUInt64", { returns: "uint64", parameters: [] })(),
    18446744073709551615n,
  );
  t.is(
    declare("MaxUInt32", { returns: "uint32", parameters: [] })(),
    4294967295,
  );
  t.true(
    declare("IsPositive", { returns: "bool", parameters: ["int32"] })(
      3,
    ) as boolean,
  );
  t.false(
    declare("IsPositive", { returns: "bool", parameters: ["int32"] })(
      -3,
    ) as boolean,
  );
});

test("pointers: buffers by address without copying, bigints, null", (t) => {
  const fill = declare("Fill", {
    returns: "void",
    parameters: ["pointer", "int32", "uint8"],
  });
  const buffer = Buffer.alloc(6);
  t.is(fill(buffer.subarray(2), 3, 0x7f), undefined);
  t.deepEqual([...buffer], [0, 0, 0x7f, 0x7f, 0x7f, 0]);
  const offset = declare("Offset", {
    returns: "pointer",
    parameters: ["pointer", "int32"],
  });
  t.is(offset(0x1000n, 0x20), 0x1020n);
  const isNull = declare("IsNull", {
    returns: "int32",
    parameters: ["pointer"],
  });
  t.is(isNull(null), 1);
  t.is(isNull(new Uint8Array(1)), 0);
});

test("a ManagedFunction bound as [UnmanagedCallersOnly] can be declared", (t) => {
  const context = initializeForRuntimeConfig(fixtureConfig("Fixture"));
  const add = context.loadAssemblyAndGetFunctionPointer(
    fixture("Fixture"),
    FIXTURE_TYPE,
    "Add",
    {
      unmanagedCallersOnly: true,
    },
  );
  context.close();
  t.is(
    add.declare({ returns: "int32", parameters: ["int32", "int32"] })(-7, 10),
    3,
  );
});

test("bad declarations and arguments are rejected before the call", (t) => {
  t.throws(
    () =>
      declare("Add", {
        returns: "int" as "int32",
        parameters: ["quad" as "int32"],
      }),
    {
      instanceOf: InvalidArgumentError,
      message: /unknown C type "quad"/,
    },
  );
  t.throws(() => declareFunction(0n, { returns: "void", parameters: [] }), {
    instanceOf: InvalidArgumentError,
    message: /null/,
  });
  t.throws(
    () =>
      declareFunction(1 as unknown as bigint, {
        returns: "void",
        parameters: [],
      }),
    {
      instanceOf: InvalidArgumentError,
    },
  );
  t.throws(
    () => declare("Add", { returns: "int32", parameters: ["void", "int32"] }),
    {
      instanceOf: InvalidArgumentError,
    },
  );
  t.throws(
    () =>
      declare("Add", { returns: "int32", parameters: Array(9).fill("double") }),
    {
      instanceOf: InvalidArgumentError,
      message: /at most/,
    },
  );
  const add = declare("Add", {
    returns: "int32",
    parameters: ["int32", "int32"],
  });
  t.throws(() => add(1), {
    instanceOf: InvalidArgumentError,
    message: /takes 2 arguments/,
  });
  t.throws(() => add("1", 2), {
    instanceOf: InvalidArgumentError,
    message: /expected a number/,
  });
  t.throws(() => add(2 ** 31, 2), { instanceOf: ArgumentRangeError });
});

test("a float argument is the nearest float, or refused where it would become Infinity or 0", (t) => {
  const half = declare("Half", { returns: "float", parameters: ["float"] });
  t.is(half(0.1), Math.fround(Math.fround(0.1) / 2));
  t.is(half(Infinity), Infinity);
  t.throws(() => half(1e39), {
    instanceOf: ArgumentRangeError,
    message:
      /^argument 0 of float \(\*\)\(float\): 1e\+39 is out of range for float/,
  });
  t.throws(() => half(1e-46), {
    instanceOf: ArgumentRangeError,
    message: /1e-46 is too small for float: it would become 0/,
  });
});

test("a 64-bit integer argument is a bigint or a safe integer, never a rounded number", (t) => {
  const sixInts = declare("SixInts", {
    returns: "int64",
    parameters: ["int64", "int64", "int64", "int64", "int64", "int64"],
  });
  t.is(sixInts(2 ** 53 - 1, 0, 0, 0, 0, 0), 2n ** 53n - 1n);
  t.throws(() => sixInts(2 ** 53, 0, 0, 0, 0, 0), {
    instanceOf: ArgumentRangeError,
    message: /9007199254740992 is not a safe integer .*pass a bigint/,
  });
});
