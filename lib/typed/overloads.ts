// Choosing an overload from the JavaScript arguments of a call.
import { BindError } from "../errors.js";
import { DotnetObject } from "../objects/base.js";
import { typeOf } from "../objects/registry.js";
import { Kind, isBinary, type WireParameter } from "./kinds.js";

const integerKinds: ReadonlySet<number> = new Set([
  Kind.SByte,
  Kind.Byte,
  Kind.Int16,
  Kind.UInt16,
  Kind.Int32,
  Kind.UInt32,
  Kind.Int64,
  Kind.UInt64,
  Kind.IntPtr,
  Kind.UIntPtr,
  Kind.Char,
]);
const numeric: ReadonlySet<number> = new Set([
  ...integerKinds,
  Kind.Single,
  Kind.Double,
  Kind.Decimal,
  Kind.TimeSpan,
]);

const text: ReadonlySet<number> = new Set([
  Kind.String,
  Kind.Char,
  Kind.Decimal,
  Kind.Guid,
]);
const bigints: ReadonlySet<number> = new Set([
  Kind.Int64,
  Kind.UInt64,
  Kind.IntPtr,
  Kind.UIntPtr,
  Kind.Decimal,
]);
const nullableReferences: ReadonlySet<number> = new Set([
  Kind.String,
  Kind.Json,
  Kind.Array,
  Kind.Decimal,
  Kind.Guid,
  Kind.CancellationToken,
  Kind.Object,
  Kind.Delegate,
]);

/**
 * How well a value fits a parameter, lower is better, as C# ranks a literal's conversions:
 * an integral number prefers int, then long, then double; a fractional one double; a
 * string prefers string over char; a wrapper its exact type over a base type or an
 * interface; JSON comes last.
 */
const EXACT = 0;
const CLOSE = 1;
const WIDER = 2;
const OTHER = 3;
const AS_JSON = 6;

const integralRank: Readonly<Record<number, number>> = {
  [Kind.Int32]: EXACT,
  [Kind.Int64]: CLOSE,
  [Kind.Double]: WIDER,
};
const fractionalRank: Readonly<Record<number, number>> = {
  [Kind.Double]: EXACT,
  [Kind.Single]: CLOSE,
  [Kind.Decimal]: WIDER,
};
const stringRank: Readonly<Record<number, number>> = {
  [Kind.String]: EXACT,
  [Kind.Char]: CLOSE,
};
const bigintRank: Readonly<Record<number, number>> = {
  [Kind.Int64]: EXACT,
  [Kind.UInt64]: CLOSE,
};

const integerRanges: Readonly<Record<number, readonly [number, number]>> = {
  [Kind.SByte]: [-128, 127],
  [Kind.Byte]: [0, 255],
  [Kind.Int16]: [-32768, 32767],
  [Kind.UInt16]: [0, 65535],
  [Kind.Char]: [0, 65535],
  [Kind.Int32]: [-2147483648, 2147483647],
  [Kind.UInt32]: [0, 4294967295],
  [Kind.UInt64]: [0, Number.MAX_SAFE_INTEGER],
  [Kind.UIntPtr]: [0, Number.MAX_SAFE_INTEGER],
};

function objectFit(
  parameter: WireParameter,
  value: unknown,
): number | undefined {
  const { kind } = parameter;
  if (value instanceof DotnetObject) {
    if (kind === Kind.Json) return AS_JSON; // serialized through its toJSON
    if (kind !== Kind.Object && kind !== Kind.Delegate) return undefined;
    const type = typeOf(value);
    if (!parameter.fullName || !type) return WIDER;
    if (type.fullName === parameter.fullName) return EXACT;
    return type.assignable.has(parameter.fullName) ? CLOSE : undefined;
  }
  if (typeof value === "function")
    return kind === Kind.Delegate ? EXACT : undefined;
  if (
    kind === Kind.Object &&
    typeof value !== "symbol" &&
    typeof value !== "bigint"
  )
    return AS_JSON;
  return undefined;
}

function primitiveRank(parameter: WireParameter, value: unknown): number {
  const { kind } = parameter;
  if (kind === Kind.Json) return AS_JSON;
  if (parameter.enumValues) return OTHER;
  switch (typeof value) {
    case "number":
      return (
        (Number.isInteger(value) ? integralRank : fractionalRank)[kind] ?? OTHER
      );
    case "string":
      return stringRank[kind] ?? OTHER;
    case "bigint":
      return bigintRank[kind] ?? OTHER;
    default:
      return EXACT;
  }
}

/** Whether (and how well) a JavaScript value could be passed as this parameter. */
export function fit(
  parameter: WireParameter,
  value: unknown,
): number | undefined {
  if (value !== null && value !== undefined) {
    const object = objectFit(parameter, value);
    if (object !== undefined) return object;
    if (parameter.kind === Kind.Object || parameter.kind === Kind.Delegate)
      return undefined;
  }
  if (!accepts(parameter, value)) return undefined;
  // A number an integer type cannot hold (a fraction, or out of its range) does not fit
  // it: it would be a RangeError.
  if (
    typeof value === "number" &&
    integerKinds.has(parameter.kind) &&
    !parameter.enumValues
  ) {
    const [min, max] = integerRanges[parameter.kind] ?? [
      -Number.MAX_SAFE_INTEGER,
      Number.MAX_SAFE_INTEGER,
    ];
    if (!Number.isInteger(value) || value < min || value > max)
      return undefined;
  }
  return primitiveRank(parameter, value);
}

/** Whether a JavaScript value could be passed as this parameter. */
export function accepts(parameter: WireParameter, value: unknown): boolean {
  const { kind } = parameter;
  if (value === null || value === undefined)
    return parameter.nullable || nullableReferences.has(kind);
  if (parameter.enumValues)
    return typeof value === "number" || typeof value === "string";
  switch (typeof value) {
    case "number":
      return (
        numeric.has(kind) ||
        kind === Kind.DateTime ||
        kind === Kind.DateTimeOffset
      );
    case "string":
      return text.has(kind);
    case "boolean":
      return kind === Kind.Bool;
    case "bigint":
      return bigints.has(kind);
    case "object":
      if (value instanceof Date)
        return kind === Kind.DateTime || kind === Kind.DateTimeOffset;
      if (value instanceof AbortSignal) return kind === Kind.CancellationToken;
      if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer)
        return isBinary(kind);
      if (Array.isArray(value)) return isBinary(kind) || kind === Kind.Json;
      return kind === Kind.Json;
    default:
      return false;
  }
}

export interface Overload {
  signature: string;
  parameters: WireParameter[];
}

/** How many arguments an overload takes at least (parameters with defaults may be left out). */
export function requiredCount(overload: Overload): number {
  let required = overload.parameters.length;
  while (required > 0 && "default" in overload.parameters[required - 1]!)
    required--;
  return required;
}

/** How well the arguments fit an overload (lower is better), or undefined if they don't. */
function score(
  overload: Overload,
  args: readonly unknown[],
): number | undefined {
  if (
    args.length < requiredCount(overload) ||
    args.length > overload.parameters.length
  )
    return undefined;
  let total = 0;
  for (let index = 0; index < args.length; index++) {
    const fits = fit(overload.parameters[index]!, args[index]);
    if (fits === undefined) return undefined;
    total += fits;
  }
  return total;
}

/**
 * The one overload the arguments fit best (as C# would: an exact .NET type before a base
 * type, before JSON), or a BindError listing the candidates.
 */
export function choose<T extends Overload>(
  displayName: string,
  overloads: readonly T[],
  args: readonly unknown[],
): T {
  // One pass without allocations: this runs on every call of an overloaded member.
  let best: T | undefined;
  let bestScore = Infinity;
  let ties = 0;
  for (const overload of overloads) {
    const fits = score(overload, args);
    if (fits === undefined || fits > bestScore) continue;
    if (fits < bestScore) {
      best = overload;
      bestScore = fits;
      ties = 1;
    } else {
      ties++;
    }
  }
  if (ties === 1) return best!;
  const fitting = ties;
  const candidates = overloads.map((overload) => overload.signature);
  const described = args
    .map((value) =>
      value === null
        ? "null"
        : Array.isArray(value)
          ? "array"
          : value instanceof DotnetObject
            ? value.constructor.name
            : typeof value,
    )
    .join(", ");
  const [code, message] =
    fitting === 0
      ? [
          "NoMatchingOverload",
          `no overload of ${displayName} accepts (${described})`,
        ]
      : [
          "AmbiguousOverload",
          `${fitting} overloads of ${displayName} accept (${described})`,
        ];
  throw new BindError(`${message}. Candidates:\n  ${candidates.join("\n  ")}`, {
    code,
    candidates,
    hint: `Pick one with bind("${displayName}", [parameter types]), e.g. ["int", "string"].`,
  });
}
