// Calling compiled overloads: the native functions the addon makes per overload, the
// JavaScript-side conversions some parameters need, and the choice among overloads.
import { native } from "../native/binding.js";
import {
  argumentConverter,
  type ArgumentConverter,
  type CallScope,
} from "./convert.js";
import { Kind, type Candidate, type WireParameter } from "./kinds.js";
import { choose, requiredCount } from "./overloads.js";

type NativeCall = (this: unknown, ...args: unknown[]) => unknown;

/** One compiled overload, ready to call. */
export interface Prepared {
  signature: string;
  parameters: WireParameter[];
  call: NativeCall;
  callAsync: (this: unknown, ...args: unknown[]) => Promise<unknown>;
  converters: (ArgumentConverter | undefined)[];
  isTask: boolean;
  /** No JavaScript-side work: the native function is the whole call. */
  direct: boolean;
}

export function prepare(candidate: Candidate): Prepared {
  const parameters = candidate.parameters ?? [];
  const [call, callAsync] = native.bridgePrepare(candidate);
  const converters = parameters.map(argumentConverter);
  return {
    signature: candidate.signature,
    parameters,
    call: call as NativeCall,
    callAsync: callAsync as Prepared["callAsync"],
    converters,
    isTask: candidate.returns!.kind === Kind.Task,
    direct:
      converters.every((converter) => converter === undefined) &&
      requiredCount({ signature: candidate.signature, parameters }) ===
        parameters.length,
  };
}

function canceledBySignal(
  error: unknown,
  scope: CallScope | undefined,
): unknown {
  return scope?.signal?.aborted &&
    error instanceof Error &&
    error.name === "DotnetException"
    ? (scope.signal.reason as unknown)
    : error;
}

function release(scope: CallScope | undefined): void {
  if (scope) for (const cleanup of scope.cleanups.splice(0)) cleanup();
}

/** A Promise result: release the call's resources once it settles. */
function settleLater(
  promise: Promise<unknown>,
  scope: CallScope | undefined,
): Promise<unknown> {
  return promise.then(
    (value) => {
      release(scope);
      return value;
    },
    (error: unknown) => {
      release(scope);
      throw canceledBySignal(error, scope);
    },
  );
}

/**
 * A call that needs JavaScript-side work: defaults, conversions, cleanup. `self` is the
 * object an instance member is called on.
 */
export function run(
  prepared: Prepared,
  args: readonly unknown[],
  mode: "sync" | "async",
  self?: unknown,
): unknown {
  const { parameters, converters } = prepared;
  const values: unknown[] = new Array(parameters.length);
  let scope: CallScope | undefined;
  let settled: unknown;
  try {
    for (let index = 0; index < parameters.length; index++) {
      let value =
        index < args.length ? args[index] : parameters[index]!.default;
      const converter = converters[index];
      if (converter) {
        value = converter(
          value,
          (scope ??= { cleanups: [], signal: undefined }),
        );
      }
      values[index] = value;
    }
    settled =
      mode === "sync"
        ? prepared.call.apply(self, values)
        : prepared.callAsync.apply(self, values);
  } catch (error) {
    release(scope);
    throw error;
  }
  if (mode === "async" || prepared.isTask) {
    return settleLater(settled as Promise<unknown>, scope);
  }
  release(scope);
  return settled;
}

/** The functions of one member: overloads chosen per call, or the one native function. */
export interface Callable {
  call: NativeCall;
  callAsync: (this: unknown, ...args: unknown[]) => Promise<unknown>;
  overloads: Prepared[];
}

/**
 * Makes one function of a member's overloads. The common case, a single overload needing
 * no JavaScript-side conversion, is the native function itself.
 */
export function callable(displayName: string, overloads: Prepared[]): Callable {
  const single = overloads.length === 1 ? overloads[0]! : undefined;
  const pick = (args: readonly unknown[]): Prepared =>
    single ?? choose(displayName, overloads, args);
  return {
    overloads,
    call: single?.direct
      ? single.call
      : function (this: unknown, ...args: unknown[]) {
          return run(pick(args), args, "sync", this);
        },
    callAsync: single?.direct
      ? single.callAsync
      : function (this: unknown, ...args: unknown[]) {
          return run(pick(args), args, "async", this) as Promise<unknown>;
        },
  };
}
