// How each wire kind looks in TypeScript, as a result (from .NET) and as an argument (to
// .NET): the one table the declaration generator writes from, and the run-time check the
// tests hold the runtime to (__test__/typings/agreement.test.ts). The values are those of
// docs/typed-calls.md#values.
import { Kind } from "../typed/kinds.js";
import type { TypeRef } from "./model.js";

interface Scalar {
  /** What .NET gives. */
  out: string;
  /** What .NET takes (wider: a bigint or a safe-integer number for a long …). */
  in: string;
  /** Whether a value JavaScript received is of the `out` type. */
  is: (value: unknown) => boolean;
}

const number: Scalar = {
  out: "number",
  in: "number",
  is: (value) => typeof value === "number",
};
const int64: Scalar = {
  out: "bigint",
  in: "bigint | number",
  is: (value) => typeof value === "bigint",
};
const text: Scalar = {
  out: "string",
  in: "string",
  is: (value) => typeof value === "string",
};
const date: Scalar = {
  out: "$Date",
  in: "$Date | number",
  is: (value) => value instanceof Date,
};

export const scalars: Readonly<Record<number, Scalar>> = {
  // `in`: what a JavaScript function standing in for a void delegate returns (ignored).
  [Kind.Void]: { out: "void", in: "void", is: (value) => value === undefined },
  [Kind.Bool]: {
    out: "boolean",
    in: "boolean",
    is: (value) => typeof value === "boolean",
  },
  [Kind.SByte]: number,
  [Kind.Byte]: number,
  [Kind.Int16]: number,
  [Kind.UInt16]: number,
  [Kind.Int32]: number,
  [Kind.UInt32]: number,
  [Kind.Int64]: int64,
  [Kind.UInt64]: int64,
  [Kind.Single]: number,
  [Kind.Double]: number,
  [Kind.Char]: { out: "string", in: "string | number", is: text.is },
  [Kind.IntPtr]: int64,
  [Kind.UIntPtr]: int64,
  [Kind.String]: text,
  [Kind.Decimal]: {
    out: "string",
    in: "string | number | bigint",
    is: text.is,
  },
  [Kind.DateTime]: date,
  [Kind.DateTimeOffset]: date,
  [Kind.TimeSpan]: number,
  [Kind.Guid]: text,
  [Kind.CancellationToken]: {
    out: "never",
    in: "$AbortSignal",
    is: () => false,
  },
};

/** The TypedArray of each element kind (`byte[]` comes back as a Buffer). */
export const typedArrays: Readonly<
  Record<number, { name: string; type: unknown }>
> = {
  [Kind.SByte]: { name: "Int8Array", type: Int8Array },
  [Kind.Byte]: { name: "$Buffer", type: Uint8Array },
  [Kind.Int16]: { name: "Int16Array", type: Int16Array },
  [Kind.UInt16]: { name: "Uint16Array", type: Uint16Array },
  [Kind.Char]: { name: "Uint16Array", type: Uint16Array },
  [Kind.Int32]: { name: "Int32Array", type: Int32Array },
  [Kind.UInt32]: { name: "Uint32Array", type: Uint32Array },
  [Kind.Int64]: { name: "BigInt64Array", type: BigInt64Array },
  [Kind.UInt64]: { name: "BigUint64Array", type: BigUint64Array },
  [Kind.Single]: { name: "Float32Array", type: Float32Array },
  [Kind.Double]: { name: "Float64Array", type: Float64Array },
};

/** What the generator knows about the types a reference may name. */
export interface Lookup {
  /** The TypeScript name of a declared type (by .NET full name), or undefined. */
  tsName(fullName: string): string | undefined;
  /**
   * A declared generic delegate's type parameters by role: "in" for one its result uses
   * (what a JavaScript function returns to .NET), "out" for the others (what .NET passes it).
   */
  roles?(fullName: string): Direction[] | undefined;
  /** How a declared type crosses. */
  category(
    fullName: string,
  ):
    | "class"
    | "struct"
    | "interface"
    | "enum"
    | "delegate"
    | "record"
    | undefined;
}

/** Direction: `out` is what .NET gives JavaScript, `in` what JavaScript passes. */
export type Direction = "in" | "out";

function nullable(text: string, ref: TypeRef, direction: Direction): string {
  if (!ref.nullable) return text;
  return direction === "out" ? `${text} | null` : `${text} | null | undefined`;
}

function group(text: string): string {
  return /[|&]|^readonly /.test(text) ? `(${text})` : text;
}

/**
 * The TypeScript type of a reference. `inJson`: the value sits inside JSON (a record's
 * property, an array's item), where arrays of numbers are plain arrays, collections are
 * arrays and dictionaries are objects.
 */
export function tsType(
  ref: TypeRef | null | undefined,
  direction: Direction,
  lookup: Lookup,
  inJson = false,
): string {
  if (!ref) return "unknown";
  const text = bare(ref, direction, lookup, inJson);
  return text === "unknown" ? text : nullable(text, ref, direction);
}

/** A declared type by name with its type arguments (`extends` clauses); undefined if not declared. */
export function declaredName(ref: TypeRef, lookup: Lookup): string | undefined {
  const name = ref.type === undefined ? undefined : lookup.tsName(ref.type);
  if (name === undefined) return undefined;
  const args = ref.arguments?.length
    ? `<${ref.arguments.map((argument) => tsType(argument, "out", lookup)).join(", ")}>`
    : "";
  return `${name}${args}`;
}

function named(ref: TypeRef, direction: Direction, lookup: Lookup): string {
  if (ref.dynamic) return "unknown";
  const fullName = ref.type ?? "";
  if (fullName === "System.Type")
    return direction === "in" ? "$DotnetType | $DotnetObject" : "$DotnetObject";
  const name = lookup.tsName(fullName);
  if (name === undefined) return "$DotnetObject";
  const category = lookup.category(fullName);
  // A delegate's type arguments go the way its function's values go: Func<Order, bool>
  // passes an Order (as .NET gives it) and takes back a boolean (as .NET takes it).
  const roles =
    category === "delegate" && direction === "in"
      ? lookup.roles?.(fullName)
      : undefined;
  const args = ref.arguments?.length
    ? `<${ref.arguments.map((argument, index) => tsType(argument, roles?.[index] ?? direction, lookup)).join(", ")}>`
    : "";
  if (category === "record" && direction === "in")
    return `${name}$Input${args}`;
  if (category === "delegate")
    return direction === "in"
      ? `${name}${args}`
      : `$DelegateWrapper<${name}${args}>`;
  if (category === "interface" && direction === "out")
    return `${name}${args} & $DotnetObject`;
  return `${name}${args}`;
}

function bare(
  ref: TypeRef,
  direction: Direction,
  lookup: Lookup,
  inJson: boolean,
): string {
  if (ref.parameter !== undefined) return ref.parameter;
  const kind = ref.kind;
  if (kind === undefined) return "unknown";
  if (ref.enum !== undefined) {
    const name = lookup.tsName(ref.enum);
    if (name === undefined)
      return direction === "in" ? "string | number" : "string | number";
    return direction === "in" ? `${name} | number` : name;
  }
  const scalar = scalars[kind];
  if (scalar) return direction === "in" ? scalar.in : scalar.out;
  switch (kind) {
    case Kind.Array:
    case Kind.Span:
    case Kind.ReadOnlySpan:
    case Kind.Memory:
    case Kind.ReadOnlyMemory: {
      if (ref.elementKind !== undefined && inJson) {
        const item = group(
          direction === "in"
            ? scalars[ref.elementKind]!.in
            : scalars[ref.elementKind]!.out,
        );
        return direction === "in" ? `readonly ${item}[]` : `${item}[]`;
      }
      if (ref.elementKind !== undefined) {
        const typed = typedArrays[ref.elementKind]!;
        if (direction === "out") return typed.name;
        const items = scalars[ref.elementKind]!.in;
        const bytes =
          ref.elementKind === Kind.Byte && kind !== Kind.Array
            ? " | ArrayBuffer | DataView"
            : "";
        const textual =
          ref.elementKind === Kind.Char && kind === Kind.ReadOnlySpan
            ? " | string"
            : "";
        const array = typed.name === "$Buffer" ? "Uint8Array" : typed.name;
        return `${array}${bytes}${textual} | readonly ${group(items)}[]`;
      }
      return `readonly ${group(tsType(ref.element, direction, lookup))}[]`;
    }
    case Kind.Json: {
      if (ref.element) {
        let item = group(tsType(ref.element, direction, lookup, true));
        let text = "";
        for (let rank = 0; rank < (ref.rank ?? 1); rank++) {
          text = direction === "in" ? `readonly ${item}[]` : `${item}[]`;
          item = direction === "in" ? `(${text})` : text;
        }
        return text;
      }
      const fullName = ref.type ?? "";
      if (fullName === "System.DateOnly" || fullName === "System.TimeOnly")
        return "string";
      return named(ref, direction, lookup);
    }
    case Kind.Task:
      return direction === "out"
        ? `$Promise<${tsType(ref.inner, "out", lookup)}>`
        : "never";
    case Kind.Object:
    case Kind.Delegate: {
      if (inJson && ref.collection) {
        const items = tsType(ref.items, direction, lookup, true);
        if (ref.collection === "dictionary") return `Record<string, ${items}>`;
        return direction === "in"
          ? `readonly ${group(items)}[]`
          : `${group(items)}[]`;
      }
      const type = named(ref, direction, lookup);
      // A JavaScript array converts to collections of its items, as a C# collection
      // expression does.
      return direction === "in" && ref.element && !ref.dynamic
        ? `${type} | readonly ${group(tsType(ref.element, "in", lookup))}[]`
        : type;
    }
  }
  return "unknown";
}

/**
 * Whether a value JavaScript received from .NET is of the declared result type: the check
 * the agreement test runs on every member it calls. Declared types are checked by what
 * JavaScript can see (a wrapper, a plain object, an array); their members are not walked.
 */
export function conforms(
  value: unknown,
  ref: TypeRef | null,
  wrapper: (value: unknown) => boolean,
  inJson = false,
): boolean {
  if (!ref) return false;
  if (ref.nullable && value === null) return true;
  if (ref.parameter !== undefined || ref.kind === undefined) return true;
  const kind = ref.kind;
  if (ref.enum !== undefined)
    return typeof value === "string" || typeof value === "number";
  const scalar = scalars[kind];
  if (scalar) return scalar.is(value);
  switch (kind) {
    case Kind.Array: {
      if (inJson)
        return (
          Array.isArray(value) &&
          value.every((item) => scalars[ref.elementKind!]?.is(item))
        );
      const typed =
        ref.elementKind === undefined
          ? undefined
          : typedArrays[ref.elementKind];
      return (
        typed !== undefined &&
        value instanceof (typed.type as typeof Uint8Array)
      );
    }
    case Kind.Json:
      if (ref.element) {
        return (
          Array.isArray(value) &&
          value.every((item) =>
            (ref.rank ?? 1) > 1
              ? Array.isArray(item)
              : conforms(item, ref.element!, wrapper, true),
          )
        );
      }
      if (ref.type === "System.DateOnly" || ref.type === "System.TimeOnly")
        return typeof value === "string";
      return typeof value === "object" && value !== null && !wrapper(value);
    case Kind.Task:
      return value instanceof Promise;
    case Kind.Object:
      if (inJson && ref.collection === "list")
        return (
          Array.isArray(value) &&
          value.every((item) =>
            conforms(item, ref.items ?? null, wrapper, true),
          )
        );
      if (inJson && ref.collection === "dictionary")
        return (
          typeof value === "object" &&
          value !== null &&
          !Array.isArray(value) &&
          !wrapper(value)
        );
      return ref.dynamic ? value !== undefined : wrapper(value);
    case Kind.Delegate:
      return wrapper(value);
  }
  return false;
}
