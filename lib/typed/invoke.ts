// Calling compiled overloads: the native functions the addon makes per overload, the
// JavaScript-side conversions some parameters need, and the choice among overloads.
import { native } from "../native/binding.js";
import { pendingOf, receiverOf } from "../objects/base.js";
import {
  argumentConverter,
  type ArgumentConverter,
  type CallScope,
} from "./convert.js";
import { Kind, type Candidate, type WireParameter } from "./kinds.js";
import { inferenceArgument, type Arg } from "./conversions.js";
import { Chooser, inputsOf } from "./overloads.js";

type NativeCall = (this: unknown, ...args: unknown[]) => unknown;

/** One compiled overload, ready to call. */
export interface Prepared {
  signature: string;
  /** Every parameter, `out` ones included (the overload choice needs them all). */
  parameters: WireParameter[];
  generic: boolean;
  call: NativeCall;
  callAsync: (this: unknown, ...args: unknown[]) => Promise<unknown>;
  /** Per argument JavaScript passes (every parameter but `out`). */
  converters: (ArgumentConverter | undefined)[];
  isTask: boolean;
  /** No JavaScript-side work: the native function is the whole call. */
  direct: boolean;
  /**
   * An instance member's native functions take the receiver first: a wrapper as its key
   * (`receiverOf`), or, for a struct JavaScript holds as its own value (a Date for a
   * `DateTime`), the value itself. A constructor's take the wrapper `new` made for the
   * addon to adopt (`pendingOf`), or undefined.
   */
  receiver: "key" | "value" | "adoptee" | undefined;
}

export function prepare(candidate: Candidate): Prepared {
  const parameters = candidate.parameters ?? [];
  const [call, callAsync] = native.bridgePrepare(candidate);
  const converters = inputsOf({
    signature: candidate.signature,
    parameters,
  }).map(argumentConverter);
  return {
    signature: candidate.signature,
    parameters,
    generic: candidate.generic === true,
    call: call as NativeCall,
    callAsync: callAsync as Prepared["callAsync"],
    converters,
    isTask: candidate.returns!.kind === Kind.Task,
    direct: converters.every((converter) => converter === undefined),
    receiver: candidate.constructs
      ? "adoptee"
      : candidate.instance !== true
        ? undefined
        : candidate.thisWire === undefined
          ? "key"
          : "value",
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

/** What converters that keep no per-call resources are given (see `ArgumentConverter`). */
const UNSCOPED: CallScope = Object.freeze({
  cleanups: Object.freeze([]) as unknown as (() => void)[],
  signal: undefined,
});

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
  const { converters } = prepared;
  // Copied only when a converter writes into it: `args` may be the caller's own array.
  let values = args as unknown[];
  let scope: CallScope | undefined;
  let settled: unknown;
  try {
    for (let index = 0; index < values.length; index++) {
      const converter = converters[index];
      if (converter) {
        if (values === args) values = args.slice();
        values[index] = converter(
          values[index],
          converter.scoped
            ? (scope ??= { cleanups: [], signal: undefined })
            : UNSCOPED,
        );
      }
    }
    const native = mode === "sync" ? prepared.call : prepared.callAsync;
    settled =
      prepared.receiver === undefined
        ? native(...values)
        : native(receiverFor(prepared.receiver, self), ...values);
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

/**
 * A native function as a member: itself for a static one; for an instance member, a
 * function that passes its receiver first, as the native function takes it.
 */
function directly(
  native: NativeCall,
  receiver: Prepared["receiver"],
): NativeCall {
  if (receiver === undefined) return native;
  if (receiver === "value") {
    return function (this: unknown, ...args: unknown[]) {
      return native(this, ...args);
    };
  }
  if (receiver === "adoptee") {
    return function (this: unknown, ...args: unknown[]) {
      return native(pendingOf(this), ...args);
    };
  }
  return function (this: unknown, ...args: unknown[]) {
    return native(receiverOf(this), ...args);
  };
}

const receiverFor = (
  kind: "key" | "value" | "adoptee",
  self: unknown,
): unknown =>
  kind === "key"
    ? receiverOf(self)
    : kind === "adoptee"
      ? pendingOf(self)
      : self;

/** Where generic overloads of a member are closed per call (bridgeInferMember). */
export interface Generics {
  ownerId: number;
  name: string;
  isStatic: boolean;
}

/** Overloads closed by inference, by invoker id: each is prepared once. */
const inferredPrepared = new Map<number, Prepared>();

function inferrer(generics: Generics): (args: readonly Arg[]) => Prepared[] {
  return (args) => {
    const answer = JSON.parse(
      native.bridgeInferMember(
        generics.ownerId,
        generics.name,
        generics.isStatic,
        JSON.stringify(args.map(inferenceArgument)),
      ),
    ) as { candidates: Candidate[] };
    return answer.candidates
      .filter((candidate) => candidate.id !== undefined)
      .map((candidate) => {
        let prepared = inferredPrepared.get(candidate.id!);
        if (!prepared) {
          prepared = prepare(candidate);
          inferredPrepared.set(candidate.id!, prepared);
        }
        return prepared;
      });
  };
}

/** The functions of one member: overloads chosen per call, or the one native function. */
export interface Callable {
  call: NativeCall;
  /** `call` with the arguments in an array a caller already has (no spread, no rest). */
  apply: (args: readonly unknown[], self: unknown) => unknown;
  callAsync: (this: unknown, ...args: unknown[]) => Promise<unknown>;
  overloads: Prepared[];
}

/**
 * Makes one function of a member's overloads. The common case, a single overload needing
 * no JavaScript-side conversion, is the native function itself.
 */
export function callable(
  displayName: string,
  overloads: Prepared[],
  generics?: Generics,
): Callable {
  const single =
    overloads.length === 1 && !generics ? overloads[0]! : undefined;
  const chooser = new Chooser(
    displayName,
    overloads,
    generics && inferrer(generics),
  );
  // One overload still goes through the choice when it has `params`: the arguments may
  // be its elements, one by one.
  const needsChoice =
    !single || single.parameters.some((parameter) => parameter.params);
  const call = (
    args: readonly unknown[],
    mode: "sync" | "async",
    self: unknown,
  ): unknown => {
    if (!needsChoice) return run(single!, args, mode, self);
    const { overload, expanded } = chooser.choose(args);
    if (!expanded) return run(overload, args, mode, self);
    const fixed = overload.converters.length - 1;
    return run(
      overload,
      [...args.slice(0, fixed), args.slice(fixed)],
      mode,
      self,
    );
  };
  const direct = single?.direct && !needsChoice ? single : undefined;
  const sync = direct ? directly(direct.call, direct.receiver) : undefined;
  return {
    overloads,
    call:
      sync ??
      function (this: unknown, ...args: unknown[]) {
        return call(args, "sync", this);
      },
    apply: sync
      ? (args, self) => Reflect.apply(sync, self, args)
      : (args, self) => call(args, "sync", self),
    callAsync: direct
      ? (directly(direct.callAsync, direct.receiver) as Callable["callAsync"])
      : function (this: unknown, ...args: unknown[]) {
          return call(args, "async", this) as Promise<unknown>;
        },
  };
}
