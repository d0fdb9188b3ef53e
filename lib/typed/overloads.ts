// Choosing an overload from the JavaScript arguments of a call.
import { BindError } from "../errors.js";
import { Kind, isBinary, type WireParameter } from "./kinds.js";

const numeric: ReadonlySet<number> = new Set([
  Kind.SByte,
  Kind.Byte,
  Kind.Int16,
  Kind.UInt16,
  Kind.Int32,
  Kind.UInt32,
  Kind.Int64,
  Kind.UInt64,
  Kind.Single,
  Kind.Double,
  Kind.IntPtr,
  Kind.UIntPtr,
  Kind.Decimal,
  Kind.TimeSpan,
  Kind.Char,
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
]);

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

/** The one overload the arguments fit, or a BindError listing the candidates. */
export function choose<T extends Overload>(
  displayName: string,
  overloads: readonly T[],
  args: readonly unknown[],
): T {
  const fitting = overloads.filter(
    (overload) =>
      args.length >= requiredCount(overload) &&
      args.length <= overload.parameters.length &&
      args.every((value, index) => accepts(overload.parameters[index]!, value)),
  );
  if (fitting.length === 1) return fitting[0]!;
  const candidates = overloads.map((overload) => overload.signature);
  const described = args
    .map((value) =>
      value === null ? "null" : Array.isArray(value) ? "array" : typeof value,
    )
    .join(", ");
  const [code, message] =
    fitting.length === 0
      ? [
          "NoMatchingOverload",
          `no overload of ${displayName} accepts (${described})`,
        ]
      : [
          "AmbiguousOverload",
          `${fitting.length} overloads of ${displayName} accept (${described})`,
        ];
  throw new BindError(`${message}. Candidates:\n  ${candidates.join("\n  ")}`, {
    code,
    candidates,
    hint: `Pick one with bind("${displayName}", [parameter types]), e.g. ["int", "string"].`,
  });
}
