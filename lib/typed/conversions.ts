// How a JavaScript value converts to a .NET parameter type, in C#'s terms: a JavaScript
// value has no static type, so each gets the .NET type C# would give the same literal (its
// "natural" type: an integral number is an `int`, a string a `string`, a wrapper its
// object's run-time type) and converts from there by identity, by C#'s implicit
// conversions, through a type's implicit operator, or by one of dotnet-host's own
// conversions (a number for an enum, JSON for a record), which rank after C#'s.
import { DotnetObject } from "../objects/base.js";
import { findType, isAssignable, typeOf } from "../objects/registry.js";
import { Kind, isBinary, type Wire } from "./kinds.js";

/** How a value reaches a parameter type, best first. */
export const enum Via {
  /** The value's natural type is the parameter's type. */
  Identity = 0,
  /** One of C#'s implicit conversions (numeric widening, reference, boxing, nullable, span). */
  Implicit = 1,
  /** The type's implicit conversion operator (`XName name = "root"`). */
  UserDefined = 2,
  /**
   * dotnet-host's mapping, where JavaScript has no value of the type itself: a plain object
   * or array as JSON for a record or class, a string for a Guid, decimal, char or enum
   * member, milliseconds for a TimeSpan, an AbortSignal for a CancellationToken.
   */
  Mapped = 3,
  /**
   * Accepted only where C# could call nothing else: a number for an enum or a char, a
   * fraction for a float or decimal (C#'s explicit conversions).
   */
  Loose = 4,
}

/** What kind of JavaScript value an argument is, with what choosing an overload needs. */
export type Arg =
  | { tag: "null" }
  | { tag: "number"; value: number; integral: boolean }
  | { tag: "string"; value: string }
  | { tag: "boolean" }
  | { tag: "bigint"; value: bigint }
  | { tag: "date" }
  | { tag: "signal" }
  | { tag: "function"; arity: number; async: boolean }
  | {
      tag: "wrapper";
      typeId: number;
      fullName: string;
      assignable: ReadonlySet<string>;
    }
  | { tag: "type" }
  | { tag: "typed"; element: number }
  | { tag: "bytes" }
  | { tag: "array"; items: Arg[] }
  | { tag: "object"; keys: string[] }
  | { tag: "other" };

/** The napi_typedarray_type order: Int8Array … BigUint64Array. */
const typedElements: ReadonlyMap<unknown, number> = new Map<unknown, number>([
  [Int8Array, Kind.SByte],
  [Uint8Array, Kind.Byte],
  [Uint8ClampedArray, Kind.Byte],
  [Int16Array, Kind.Int16],
  [Uint16Array, Kind.UInt16],
  [Int32Array, Kind.Int32],
  [Uint32Array, Kind.UInt32],
  [Float32Array, Kind.Single],
  [Float64Array, Kind.Double],
  [BigInt64Array, Kind.Int64],
  [BigUint64Array, Kind.UInt64],
]);

function typedElement(value: ArrayBufferView): number | undefined {
  for (
    let prototype = Object.getPrototypeOf(value) as object | null;
    prototype;
    prototype = Object.getPrototypeOf(prototype) as object | null
  ) {
    const element = typedElements.get(prototype.constructor);
    if (element !== undefined) return element;
  }
  return undefined;
}

/** Arrays nested deeper than this are not looked into (their elements decide nothing more). */
export const MAX_DEPTH = 4;

export function classify(value: unknown, depth = 0): Arg {
  if (value === null || value === undefined) return { tag: "null" };
  switch (typeof value) {
    case "number":
      return { tag: "number", value, integral: Number.isInteger(value) };
    case "string":
      return { tag: "string", value };
    case "boolean":
      return { tag: "boolean" };
    case "bigint":
      return { tag: "bigint", value };
    case "function": {
      if (typeOf(value)) return { tag: "type" };
      return {
        tag: "function",
        arity: value.length,
        async: value.constructor.name === "AsyncFunction",
      };
    }
    case "object":
      break;
    default:
      return { tag: "other" };
  }
  if (value instanceof DotnetObject) {
    const type = typeOf(value);
    return type
      ? {
          tag: "wrapper",
          typeId: type.id,
          fullName: type.fullName,
          assignable: type.assignable,
        }
      : { tag: "other" };
  }
  if (value instanceof Date) return { tag: "date" };
  if (value instanceof AbortSignal) return { tag: "signal" };
  if (ArrayBuffer.isView(value)) {
    const element = value instanceof DataView ? undefined : typedElement(value);
    return element === undefined ? { tag: "bytes" } : { tag: "typed", element };
  }
  if (value instanceof ArrayBuffer) return { tag: "bytes" };
  if (Array.isArray(value)) {
    return {
      tag: "array",
      items:
        depth >= MAX_DEPTH
          ? []
          : value.map((item: unknown) => classify(item, depth + 1)),
    };
  }
  if (typeOf(value)) return { tag: "type" };
  return { tag: "object", keys: Object.keys(value) };
}

const integerRanges: Readonly<Record<number, readonly [number, number]>> = {
  [Kind.SByte]: [-128, 127],
  [Kind.Byte]: [0, 255],
  [Kind.Int16]: [-32768, 32767],
  [Kind.UInt16]: [0, 65535],
  [Kind.Char]: [0, 65535],
  [Kind.Int32]: [-2147483648, 2147483647],
  [Kind.UInt32]: [0, 4294967295],
  [Kind.Int64]: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  [Kind.IntPtr]: [-Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  [Kind.UInt64]: [0, Number.MAX_SAFE_INTEGER],
  [Kind.UIntPtr]: [0, Number.MAX_SAFE_INTEGER],
};

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** The C# type of an integral number literal: int, uint, long, else (as a double) double. */
function integralNatural(value: number): number {
  if (value >= -2147483648 && value <= 2147483647) return Kind.Int32;
  if (value >= 0 && value <= 4294967295) return Kind.UInt32;
  if (Number.isSafeInteger(value)) return Kind.Int64;
  return Kind.Double;
}

/** C#'s implicit numeric conversions (§10.2.3), by wire kind. */
const widening: Readonly<Record<number, readonly number[]>> = {
  [Kind.SByte]: [
    Kind.Int16,
    Kind.Int32,
    Kind.Int64,
    Kind.Single,
    Kind.Double,
    Kind.Decimal,
    Kind.IntPtr,
  ],
  [Kind.Byte]: [
    Kind.Int16,
    Kind.UInt16,
    Kind.Int32,
    Kind.UInt32,
    Kind.Int64,
    Kind.UInt64,
    Kind.Single,
    Kind.Double,
    Kind.Decimal,
    Kind.IntPtr,
    Kind.UIntPtr,
  ],
  [Kind.Int16]: [
    Kind.Int32,
    Kind.Int64,
    Kind.Single,
    Kind.Double,
    Kind.Decimal,
    Kind.IntPtr,
  ],
  [Kind.UInt16]: [
    Kind.Int32,
    Kind.UInt32,
    Kind.Int64,
    Kind.UInt64,
    Kind.Single,
    Kind.Double,
    Kind.Decimal,
    Kind.IntPtr,
    Kind.UIntPtr,
  ],
  [Kind.Int32]: [
    Kind.Int64,
    Kind.Single,
    Kind.Double,
    Kind.Decimal,
    Kind.IntPtr,
  ],
  [Kind.UInt32]: [
    Kind.Int64,
    Kind.UInt64,
    Kind.Single,
    Kind.Double,
    Kind.Decimal,
    Kind.UIntPtr,
  ],
  [Kind.Int64]: [Kind.Single, Kind.Double, Kind.Decimal],
  [Kind.UInt64]: [Kind.Single, Kind.Double, Kind.Decimal],
  [Kind.Char]: [
    Kind.UInt16,
    Kind.Int32,
    Kind.UInt32,
    Kind.Int64,
    Kind.UInt64,
    Kind.Single,
    Kind.Double,
    Kind.Decimal,
    Kind.IntPtr,
    Kind.UIntPtr,
  ],
  [Kind.Single]: [Kind.Double],
  [Kind.IntPtr]: [Kind.Int64, Kind.Single, Kind.Double, Kind.Decimal],
  [Kind.UIntPtr]: [Kind.UInt64, Kind.Single, Kind.Double, Kind.Decimal],
};

const numericKinds: ReadonlySet<number> = new Set([
  ...Object.keys(widening).map(Number),
  Kind.Double,
  Kind.Decimal,
]);

const isNumeric = (wire: Wire): boolean =>
  numericKinds.has(wire.kind) && !wire.enumValues;

/** A number literal's conversion to a numeric type, or undefined (out of range, fraction). */
function numberTo(
  value: number,
  integral: boolean,
  wire: Wire,
): Via | undefined {
  const { kind } = wire;
  if (kind === Kind.Double || kind === Kind.Single || kind === Kind.Decimal) {
    if (!integral) {
      // C# has no implicit double → float or decimal; the nearest value is what a JS
      // caller means by 0.1 there.
      return kind === Kind.Double
        ? Via.Identity
        : Number.isFinite(value) || kind === Kind.Single
          ? Via.Loose
          : undefined;
    }
    const natural = integralNatural(value);
    if (natural === Kind.Double)
      return kind === Kind.Double ? Via.Identity : Via.Loose;
    return kind === natural ? Via.Identity : Via.Implicit;
  }
  const range = integerRanges[kind];
  if (!range || !integral || value < range[0] || value > range[1])
    return undefined;
  if (kind === Kind.Char) return Via.Loose; // a char code: no C# conversion
  const natural = integralNatural(value);
  if (kind === natural) return Via.Identity;
  // A constant in range converts to any integer type (C# §10.2.11).
  return Via.Implicit;
}

function bigintTo(value: bigint, wire: Wire): Via | undefined {
  switch (wire.kind) {
    case Kind.Int64:
    case Kind.IntPtr:
      return value >= INT64_MIN && value <= INT64_MAX
        ? wire.kind === Kind.Int64
          ? Via.Identity
          : Via.Implicit
        : undefined;
    case Kind.UInt64:
    case Kind.UIntPtr:
      return value >= 0n && value <= UINT64_MAX
        ? value > INT64_MAX
          ? Via.Identity
          : Via.Implicit
        : undefined;
    case Kind.Decimal:
      return Via.Implicit;
  }
  return undefined;
}

/** Names of the natural sources a user-defined implicit operator may take. */
function implicitSource(arg: Arg): string | undefined {
  switch (arg.tag) {
    case "string":
      return "string";
    case "boolean":
      return "bool";
    case "number":
      if (!arg.integral) return "double";
      return integralNatural(arg.value) === Kind.Int32 ? "int" : "long";
    case "bigint":
      return "long";
    default:
      return undefined;
  }
}

function userDefined(arg: Arg, wire: Wire): Via | undefined {
  const sources = wire.implicitFrom;
  if (!sources) return undefined;
  const source = implicitSource(arg);
  if (source === undefined) return undefined;
  if (sources.includes(source)) return Via.UserDefined;
  // An int widens to the long or double an operator takes, as C# lets a standard
  // conversion precede a user-defined one.
  if (
    source === "int" &&
    (sources.includes("long") || sources.includes("double"))
  )
    return Via.UserDefined;
  if (source === "long" && sources.includes("double") && arg.tag === "number")
    return Via.UserDefined;
  return undefined;
}

const spanKinds: ReadonlySet<number> = new Set([
  Kind.Span,
  Kind.ReadOnlySpan,
  Kind.Memory,
  Kind.ReadOnlyMemory,
]);

/** Parameters that take null: reference types and nullable value types. */
function takesNull(wire: Wire): boolean {
  if (wire.nullable) return true;
  if (wire.struct) return false;
  switch (wire.kind) {
    case Kind.String:
    case Kind.Json:
    case Kind.Array:
    case Kind.Object:
    case Kind.Delegate:
    case Kind.CancellationToken:
      return true;
  }
  return spanKinds.has(wire.kind) && wire.elementKind === Kind.Void;
}

function wrapperTo(
  arg: Extract<Arg, { tag: "wrapper" }>,
  wire: Wire,
): Via | undefined {
  const { kind } = wire;
  if (kind === Kind.Json) return Via.Loose; // serialized through its toJSON
  if (kind !== Kind.Object && kind !== Kind.Delegate) return undefined;
  if (wire.dynamic) return Via.Implicit;
  const target = wire.fullName;
  if (!target) return Via.Implicit;
  if (arg.fullName === target) return Via.Identity;
  if (arg.assignable.has(target)) return Via.Implicit;
  // Variance (an IEnumerable<Circle> for an IEnumerable<IShape>): .NET answers.
  return wire.typeId !== undefined && isAssignable(wire.typeId, arg.typeId)
    ? Via.Implicit
    : undefined;
}

function functionTo(
  arg: Extract<Arg, { tag: "function" }>,
  wire: Wire,
): Via | undefined {
  // A function implements an interface of one method (IComparer<T>).
  if (wire.kind === Kind.Object && wire.interface === 1) return Via.Mapped;
  if (wire.kind !== Kind.Delegate || !wire.delegate) return undefined;
  // A JavaScript function may ignore trailing arguments, never need more.
  return arg.arity <= wire.delegate.parameters.length
    ? Via.Implicit
    : undefined;
}

function objectTo(
  arg: Extract<Arg, { tag: "object" }>,
  wire: Wire,
): Via | undefined {
  if (wire.kind === Kind.Json) return Via.Mapped;
  if (wire.kind !== Kind.Object) return undefined;
  if (wire.dynamic) return Via.Implicit; // a Dictionary<string, object?>
  if (wire.interface !== undefined) return Via.Mapped; // implemented by the object
  if (wire.struct) {
    const keys = wire.objectKeys ?? [];
    return arg.keys.length > 0 &&
      arg.keys.every((key) => keys.includes(key.toLowerCase()))
      ? Via.Mapped
      : undefined;
  }
  return Via.Mapped; // JSON for a new object
}

/** A JavaScript array converts like a C# collection expression: each item to the element. */
function arrayTo(
  arg: Extract<Arg, { tag: "array" }>,
  wire: Wire,
): Via | undefined {
  if (wire.dynamic) return Via.Implicit; // an object?[]
  const element = wire.element;
  if (!element) {
    // A by-value array without a described element (multi-dimensional, jagged by value).
    return wire.kind === Kind.Json && wire.type.includes("[")
      ? Via.Mapped
      : undefined;
  }
  if (wire.kind === Kind.Array && !isPrimitiveElement(element))
    return undefined;
  // As good as its worst item (a collection expression is a C# conversion).
  let worst = Via.Implicit;
  for (const item of arg.items) {
    const via = convert(item, element);
    if (via === undefined) return undefined;
    if (via > worst) worst = via;
  }
  return worst;
}

const isPrimitiveElement = (wire: Wire): boolean =>
  wire.kind >= Kind.Bool && wire.kind <= Kind.UIntPtr;

function typedTo(element: number, wire: Wire): Via | undefined {
  if (wire.kind === Kind.Array) {
    return wire.elementKind === element ||
      (wire.elementKind === Kind.Char && element === Kind.UInt16)
      ? wire.elementKind === element
        ? Via.Identity
        : Via.Loose
      : undefined;
  }
  if (spanKinds.has(wire.kind))
    return wire.elementKind === element ? Via.Implicit : undefined;
  if (wire.dynamic) return Via.Implicit;
  // IEnumerable<byte> and other collections of the element: copied as an array.
  return wire.element &&
    wire.element.kind === element &&
    !wire.element.enumValues &&
    !wire.element.nullable
    ? Via.Implicit
    : undefined;
}

/**
 * The member names in an enum value written as text: `"Monday"`, or flags as C# and
 * `Enum.Parse` write them, `"Read, Write"` or `"Read | Write"` (lowercase, for matching).
 */
export function enumNames(text: string): string[] {
  return text
    .split(/[,|]/)
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name.length > 0);
}

let stringTypeId: number | undefined;

/** A string where .NET takes what System.String is (IEnumerable<char>, IComparable …). */
function stringAs(wire: Wire): Via | undefined {
  if (wire.kind !== Kind.Object || wire.typeId === undefined) return undefined;
  stringTypeId ??= typeOf(findType(-1, "System.String"))!.id;
  return isAssignable(wire.typeId, stringTypeId) ? Via.Implicit : undefined;
}

/** How `arg` converts to a parameter of type `wire`, or undefined when it cannot. */
export function convert(arg: Arg, wire: Wire): Via | undefined {
  const via = convertTo(arg, wire);
  // T to T? is C#'s implicit nullable conversion, not an identity.
  return via === Via.Identity && wire.nullable ? Via.Implicit : via;
}

function convertTo(arg: Arg, wire: Wire): Via | undefined {
  const { kind } = wire;
  switch (arg.tag) {
    case "null":
      return takesNull(wire) ? Via.Implicit : undefined;
    case "wrapper":
      return wrapperTo(arg, wire);
    case "function":
      return functionTo(arg, wire);
    case "type":
      return kind === Kind.Object &&
        (wire.dynamic ||
          wire.fullName === "System.Type" ||
          wire.fullName === "System.Reflection.MemberInfo")
        ? Via.Implicit
        : undefined;
    case "other":
      return undefined;
  }
  if (wire.dynamic) return Via.Implicit; // boxed as its natural .NET value
  if (wire.enumValues) {
    // A [Flags] enum's values are numbers; any other enum's are names (a number only
    // where nothing else applies, as an int never is an enum in C#).
    if (arg.tag === "number")
      return arg.integral ? (wire.flags ? Via.Mapped : Via.Loose) : undefined;
    if (arg.tag !== "string") return undefined;
    const names = enumNames(arg.value);
    if (names.length !== 1 && !wire.flags) return undefined;
    return names.every((name) =>
      Object.keys(wire.enumValues!).some(
        (member) => member.toLowerCase() === name,
      ),
    )
      ? Via.Mapped
      : undefined;
  }
  switch (arg.tag) {
    case "number":
      if (isNumeric(wire)) return numberTo(arg.value, arg.integral, wire);
      if (kind === Kind.Char) return numberTo(arg.value, arg.integral, wire);
      // A number is a duration (milliseconds); as a date (since 1970) only where
      // nothing else takes it.
      if (kind === Kind.TimeSpan) return Via.Mapped;
      if (kind === Kind.DateTime || kind === Kind.DateTimeOffset)
        return Via.Loose;
      return (
        userDefined(arg, wire) ?? (kind === Kind.Json ? Via.Mapped : undefined)
      );
    case "string":
      if (kind === Kind.String) return Via.Identity;
      if (kind === Kind.Char)
        return arg.value.length === 1 ? Via.Mapped : undefined;
      if (kind === Kind.Guid || kind === Kind.Decimal) return Via.Mapped;
      if (
        (kind === Kind.ReadOnlySpan || kind === Kind.ReadOnlyMemory) &&
        wire.elementKind === Kind.Char
      )
        return Via.UserDefined;
      return (
        userDefined(arg, wire) ??
        (kind === Kind.Json ? Via.Mapped : stringAs(wire))
      );
    case "boolean":
      return kind === Kind.Bool
        ? Via.Identity
        : (userDefined(arg, wire) ??
            (kind === Kind.Json ? Via.Mapped : undefined));
    case "bigint":
      return bigintTo(arg.value, wire) ?? userDefined(arg, wire);
    case "date":
      if (kind === Kind.DateTime)
        return wire.nullable ? Via.Implicit : Via.Identity;
      return kind === Kind.DateTimeOffset
        ? Via.UserDefined
        : kind === Kind.Json
          ? Via.Mapped
          : undefined;
    case "signal":
      return kind === Kind.CancellationToken ? Via.Mapped : undefined;
    case "typed":
      return typedTo(arg.element, wire);
    case "bytes":
      return isBinary(kind) && wire.elementKind === Kind.Byte
        ? Via.Implicit
        : undefined;
    case "array":
      return arrayTo(arg, wire);
    case "object":
      return objectTo(arg, wire);
  }
}

/** Whether two parameter types are the same .NET type. */
export function sameType(a: Wire, b: Wire): boolean {
  return (
    (a.fullName ?? a.type) === (b.fullName ?? b.type) &&
    a.nullable === b.nullable &&
    a.type === b.type
  );
}

/** Whether C# converts type `a` to type `b` implicitly (for "better conversion target"). */
export function implicitType(a: Wire, b: Wire): boolean {
  if (sameType(a, b)) return true;
  if (b.dynamic) return a.kind !== Kind.Void;
  if (a.nullable && !b.nullable) return false;
  if (isNumeric(a) && isNumeric(b))
    // T to T? (lifted), and C#'s widening (to the nullable form too).
    return a.kind === b.kind || (widening[a.kind]?.includes(b.kind) ?? false);
  if (!a.nullable && b.nullable && a.type + "?" === b.type) return true;
  if (a.kind === Kind.DateTime && b.kind === Kind.DateTimeOffset) return true;
  if (b.implicitFrom?.includes(a.type)) return true;
  if (a.kind === Kind.Array && spanKinds.has(b.kind))
    return a.elementKind === b.elementKind;
  if (a.kind === Kind.Span && b.kind === Kind.ReadOnlySpan)
    return a.elementKind === b.elementKind;
  if (a.typeId !== undefined && b.typeId !== undefined)
    return isAssignable(b.typeId, a.typeId);
  return false;
}

const signedOver: Readonly<Record<number, readonly number[]>> = {
  [Kind.SByte]: [Kind.Byte, Kind.UInt16, Kind.UInt32, Kind.UInt64],
  [Kind.Int16]: [Kind.UInt16, Kind.UInt32, Kind.UInt64],
  [Kind.Int32]: [Kind.UInt32, Kind.UInt64],
  [Kind.Int64]: [Kind.UInt64],
  [Kind.IntPtr]: [Kind.UIntPtr],
};

/** C#'s "better conversion target" (§12.6.4.7): 1 when `a` is better, -1 when `b` is. */
export function betterTarget(a: Wire, b: Wire): number {
  const ab = implicitType(a, b);
  const ba = implicitType(b, a);
  if (ab && !ba) return 1;
  if (ba && !ab) return -1;
  if (isNumeric(a) && isNumeric(b) && a.nullable === b.nullable) {
    if (signedOver[a.kind]?.includes(b.kind)) return 1;
    if (signedOver[b.kind]?.includes(a.kind)) return -1;
  }
  return 0;
}

/**
 * What C# type inference can read from an argument (managed/DotnetHost.Bridge/
 * TypeInference.cs): its natural type, a wrapper's type, an array's element type, or a
 * function's arity (a lambda, whose body JavaScript cannot show).
 */
export function inferenceArgument(arg: Arg): unknown {
  switch (arg.tag) {
    case "number":
      return {
        natural: arg.integral
          ? ({
              [Kind.Int32]: "int",
              [Kind.UInt32]: "uint",
              [Kind.Int64]: "long",
            }[integralNatural(arg.value)] ?? "double")
          : "double",
      };
    case "string":
      return { natural: "string" };
    case "boolean":
      return { natural: "bool" };
    case "bigint":
      return { natural: arg.value <= INT64_MAX ? "long" : "ulong" };
    case "date":
      return { natural: "DateTime" };
    case "wrapper":
      return { typeId: arg.typeId };
    case "type":
      return { natural: "Type" };
    case "typed":
      return { array: { natural: typedNatural[arg.element] ?? "object" } };
    case "function":
      return { function: arg.arity };
    case "object":
      return { object: true };
    case "array": {
      const element = commonElement(arg.items.map(inferenceArgument));
      return element === undefined ? null : { array: element };
    }
    default:
      return null;
  }
}

const typedNatural: Readonly<Record<number, string>> = {
  [Kind.Int32]: "int",
  [Kind.UInt32]: "uint",
  [Kind.Int64]: "long",
  [Kind.UInt64]: "ulong",
  [Kind.Double]: "double",
};

const numberOrder = ["int", "uint", "long", "double"];

/** The element type an array's items share (numbers widen: an int and a double, a double). */
function commonElement(items: unknown[]): unknown {
  if (items.length === 0) return undefined;
  const keys = new Set(items.map((item) => JSON.stringify(item)));
  if (keys.size === 1) return items[0];
  const naturals = items.map(
    (item) => (item as { natural?: string } | null)?.natural,
  );
  if (
    naturals.every(
      (natural) => natural !== undefined && numberOrder.includes(natural),
    )
  )
    return {
      natural:
        numberOrder[
          Math.max(...naturals.map((natural) => numberOrder.indexOf(natural!)))
        ],
    };
  return undefined;
}
