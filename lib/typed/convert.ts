// The argument conversions that need JavaScript itself (the addon does the rest, JSON,
// enum names and decimals included): AbortSignals, classes for Type,
// JavaScript objects implementing interfaces.
import { native } from "../native/binding.js";
import { DotnetObject } from "../objects/base.js";
import { implement } from "../objects/implement.js";
import { typeOf } from "../objects/registry.js";
import { Kind, type WireParameter } from "./kinds.js";

/** Per-call resources to release once the call (or its Task) is over. */
export interface CallScope {
  cleanups: (() => void)[];
  signal: AbortSignal | undefined;
}

/**
 * Converts one argument. Only a converter marked `scoped` uses the scope it is given (the
 * others get a frozen empty one): a call makes a scope, and releases it, only for those.
 */
export type ArgumentConverter = ((
  value: unknown,
  scope: CallScope,
) => unknown) & {
  scoped?: true;
};

function cancellation(value: unknown, scope: CallScope): unknown {
  if (value === undefined || value === null) return value;
  if (!(value instanceof AbortSignal)) return value; // the addon reports the type error
  const handle = native.bridgeCreateCancellation();
  const abort = () => native.bridgeCancel(handle);
  if (value.aborted) abort();
  else value.addEventListener("abort", abort, { once: true });
  scope.signal = value;
  scope.cleanups.push(() => {
    value.removeEventListener("abort", abort);
    native.bridgeFreeCancellation(handle);
  });
  return handle;
}
cancellation.scoped = true as const;

/**
 * A .NET class (or enum) from this API where .NET takes a `System.Type` (or `object`): its
 * Type object, as `typeof(T)` in C#.
 */
function typeObject(value: unknown): unknown {
  const description =
    typeof value === "function" || (typeof value === "object" && value !== null)
      ? typeOf(value)
      : undefined;
  if (!description || value instanceof DotnetObject) return value;
  return native.bridgeTypeObject(description.id);
}

/** A TypedArray where .NET takes a collection (`IEnumerable<byte>`, `object`): its items. */
function items(value: unknown): unknown {
  return ArrayBuffer.isView(value) && !(value instanceof DataView)
    ? Array.from(value as unknown as ArrayLike<unknown>)
    : value;
}

/** A JavaScript object or function where .NET takes an interface: an implementation of it. */
function implementer(typeId: number): ArgumentConverter {
  return (value) => {
    if (typeof value === "function" && !typeOf(value))
      return implement(typeId, value);
    if (
      typeof value !== "object" ||
      value === null ||
      value instanceof DotnetObject ||
      Array.isArray(value) ||
      ArrayBuffer.isView(value) ||
      value instanceof Date
    )
      return value;
    return implement(typeId, value);
  };
}

const typeNames: ReadonlySet<string | undefined> = new Set([
  "System.Type",
  "System.Reflection.MemberInfo",
]);

/** The converter for a parameter, or undefined when the addon takes the value as is. */
export function argumentConverter(
  parameter: WireParameter,
): ArgumentConverter | undefined {
  switch (parameter.kind) {
    case Kind.CancellationToken:
      return cancellation;
    case Kind.Object:
      if (parameter.dynamic) return (value) => items(typeObject(value));
      if (typeNames.has(parameter.fullName)) return typeObject;
      if (parameter.interface !== undefined && parameter.typeId !== undefined)
        return implementer(parameter.typeId);
      // A Type[] (GetMethod("Append", [String])): classes as their Type objects.
      if (typeNames.has(parameter.element?.fullName))
        return (value) =>
          Array.isArray(value) ? value.map(typeObject) : value;
      return parameter.element ? items : undefined;
    case Kind.Json:
      return parameter.element ? items : undefined;
  }
  // Binary kinds need no help: the addon takes TypedArrays, and plain arrays for T[].
  return undefined;
}
