// The argument conversions that need JavaScript itself (the addon does the rest, JSON
// included): enum names, AbortSignals, bigints for decimals.
import { InvalidArgumentError } from "../errors.js";
import { native } from "../native/binding.js";
import { Kind, type WireParameter } from "./kinds.js";

/** Per-call resources to release once the call (or its Task) is over. */
export interface CallScope {
  cleanups: (() => void)[];
  signal: AbortSignal | undefined;
}

export type ArgumentConverter = (value: unknown, scope: CallScope) => unknown;

function enumConverter(
  parameter: WireParameter,
  values: Record<string, number>,
): ArgumentConverter {
  return (value) => {
    if (typeof value !== "string") return value;
    const exact = values[value];
    if (exact !== undefined) return exact;
    const name = Object.keys(values).find(
      (key) => key.toLowerCase() === value.toLowerCase(),
    );
    if (name !== undefined) return values[name];
    throw new InvalidArgumentError(
      `argument '${parameter.name}': ${JSON.stringify(value)} is not a member of ${parameter.type} (${Object.keys(values).join(", ")})`,
      { parameter: parameter.name, dotnetType: parameter.type },
    );
  };
}

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

/** The converter for a parameter, or undefined when the addon takes the value as is. */
export function argumentConverter(
  parameter: WireParameter,
): ArgumentConverter | undefined {
  if (parameter.enumValues)
    return enumConverter(parameter, parameter.enumValues);
  switch (parameter.kind) {
    case Kind.CancellationToken:
      return cancellation;
    case Kind.Decimal:
      return (value) => (typeof value === "bigint" ? value.toString() : value);
  }
  // Binary kinds need no help: the addon takes TypedArrays, and plain arrays for T[].
  return undefined;
}
