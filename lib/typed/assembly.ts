// load() and bind(): calling public static .NET methods by name.
import { BindError, InvalidArgumentError } from "../errors.js";
import { native } from "../native/binding.js";
import type { InitializeOptions } from "../options.js";
import { describe, toAbsolutePath } from "../paths.js";
import {
  argumentConverter,
  resultConverter,
  type ArgumentConverter,
  type CallScope,
  type ResultConverter,
} from "./convert.js";
import {
  Kind,
  type BindResult,
  type Candidate,
  type WireParameter,
} from "./kinds.js";
import { choose, requiredCount } from "./overloads.js";
import { joinRuntime, runtimeConfigFor } from "./runtime.js";

export interface LoadOptions extends InitializeOptions {
  /** The runtimeconfig.json to start .NET with, instead of `<Assembly>.runtimeconfig.json`. */
  runtimeConfig?: string;
  /**
   * Load into the default load context instead of an isolated one per assembly.
   * Default false: each assembly gets its own context resolving its .deps.json.
   */
  defaultContext?: boolean;
}

/** A bound .NET method: call it like a function. */
export interface BoundMethod {
  (...args: unknown[]): unknown;
  /** Runs the call on a pool thread; the Promise settles with its result. */
  callAsync(...args: unknown[]): Promise<unknown>;
  /** The C# signatures this name bound to. */
  readonly signatures: readonly string[];
  readonly typeName: string;
  readonly methodName: string;
}

interface Prepared {
  signature: string;
  parameters: WireParameter[];
  call: (...args: unknown[]) => unknown;
  callAsync: (...args: unknown[]) => Promise<unknown>;
  converters: (ArgumentConverter | undefined)[];
  result: ResultConverter | undefined;
  isTask: boolean;
  /** No JavaScript-side work: the native function is the whole call. */
  direct: boolean;
}

function prepare(candidate: Candidate): Prepared {
  const parameters = candidate.parameters ?? [];
  const [call, callAsync] = native.bridgePrepare(candidate);
  const converters = parameters.map(argumentConverter);
  const result = resultConverter(candidate.returns!);
  return {
    signature: candidate.signature,
    parameters,
    call,
    callAsync,
    converters,
    result,
    isTask: candidate.returns!.kind === Kind.Task,
    direct:
      converters.every((converter) => converter === undefined) &&
      result === undefined &&
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
  prepared: Prepared,
  promise: Promise<unknown>,
  scope: CallScope | undefined,
): Promise<unknown> {
  const settled = promise.then(
    (value) => {
      release(scope);
      return value;
    },
    (error: unknown) => {
      release(scope);
      throw canceledBySignal(error, scope);
    },
  );
  if (!prepared.result) return settled;
  return prepared.isTask
    ? (prepared.result(settled) as Promise<unknown>)
    : settled.then(prepared.result);
}

/** A call that needs JavaScript-side work: defaults, conversions, cleanup. */
function run(
  prepared: Prepared,
  args: unknown[],
  mode: "sync" | "async",
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
        ? prepared.call(...values)
        : prepared.callAsync(...values);
  } catch (error) {
    release(scope);
    throw error;
  }
  if (mode === "async" || prepared.isTask) {
    return settleLater(prepared, settled as Promise<unknown>, scope);
  }
  release(scope);
  return prepared.result ? prepared.result(settled) : settled;
}

function splitName(name: unknown): [string, string] {
  if (typeof name !== "string") {
    throw new InvalidArgumentError(
      `name must be a string such as "Namespace.Type.Method", got ${describe(name)}`,
    );
  }
  const dot = name.lastIndexOf(".");
  if (dot <= 0 || dot === name.length - 1) {
    throw new InvalidArgumentError(
      `name must be "Namespace.Type.Method" (nested types: "Namespace.Outer+Inner.Method"), got ${JSON.stringify(name)}`,
    );
  }
  return [name.slice(0, dot), name.slice(dot + 1)];
}

/** A loaded .NET assembly whose public static methods can be bound by name. */
export class DotnetAssembly {
  readonly path: string;
  /** True when loaded into its own load context. */
  readonly isolated: boolean;
  readonly #id: number;

  /** @internal */
  constructor(path: string, isolated: boolean, id: number) {
    this.path = path;
    this.isolated = isolated;
    this.#id = id;
  }

  /**
   * Binds `Namespace.Type.Method`. With several overloads the one to call is chosen per
   * call from the arguments; pass `parameterTypes` (C# names: `"int"`, `"string"`,
   * `"System.DateTime"`, …) to fix one.
   */
  bind(name: string, parameterTypes?: readonly string[]): BoundMethod {
    const [typeName, methodName] = splitName(name);
    if (
      parameterTypes !== undefined &&
      (!Array.isArray(parameterTypes) ||
        parameterTypes.some((type) => typeof type !== "string"))
    ) {
      throw new InvalidArgumentError(
        "parameterTypes must be an array of type names",
      );
    }
    const result = JSON.parse(
      native.bridgeBind(
        this.#id,
        typeName,
        methodName,
        parameterTypes ? JSON.stringify(parameterTypes) : null,
      ),
    ) as BindResult;
    if (result.error !== undefined) {
      throw new BindError(
        `${result.message}${result.candidates.length ? `. Candidates:\n  ${result.candidates.join("\n  ")}` : ""}`,
        {
          code: result.error,
          candidates: result.candidates,
        },
      );
    }
    const supported = result.candidates.filter(
      (candidate) => candidate.id !== undefined,
    );
    if (supported.length === 0) {
      const reasons = result.candidates.map(
        (candidate) => `${candidate.signature}: ${candidate.unsupported}`,
      );
      throw new BindError(
        `${name} has no overload that can be called from JavaScript:\n  ${reasons.join("\n  ")}`,
        {
          code: "UnsupportedSignature",
          candidates: reasons,
        },
      );
    }
    const overloads = supported.map(prepare);
    const signatures = result.candidates.map(
      (candidate) => candidate.signature,
    );
    const pick = (args: unknown[]): Prepared =>
      overloads.length === 1 ? overloads[0]! : choose(name, overloads, args);
    const single = overloads.length === 1 ? overloads[0]! : undefined;
    // The common case, one overload needing no JavaScript-side conversion, calls the
    // native function directly.
    const bound = (
      single?.direct
        ? single.call
        : (...args: unknown[]) => run(pick(args), args, "sync")
    ) as BoundMethod;
    const callAsync = single?.direct
      ? single.callAsync
      : (...args: unknown[]) =>
          run(pick(args), args, "async") as Promise<unknown>;
    return Object.defineProperties(bound, {
      callAsync: { value: callAsync },
      signatures: { value: Object.freeze(signatures) },
      typeName: { value: typeName },
      methodName: { value: methodName },
    });
  }
}

/**
 * Loads a .NET assembly for typed calls, starting the runtime with its
 * `<Name>.runtimeconfig.json`, or, for a plain library without one, the newest installed
 * .NET 8+. One runtime per process: later loads join it (and fail with
 * HostIncompatibleConfig if their config cannot run on it).
 */
export function load(
  assemblyPath: string,
  options: LoadOptions = {},
): DotnetAssembly {
  const path = toAbsolutePath(assemblyPath, "assemblyPath");
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError(
      `options must be an object, got ${describe(options)}`,
    );
  }
  const runtimeConfig = options.runtimeConfig
    ? toAbsolutePath(options.runtimeConfig, "runtimeConfig")
    : undefined;
  joinRuntime(runtimeConfigFor(path, { ...options, runtimeConfig }), options);
  const isolated = !options.defaultContext;
  return new DotnetAssembly(
    path,
    isolated,
    native.bridgeLoadAssembly(path, isolated),
  );
}

/** What the managed bridge currently holds on behalf of JavaScript: for leak checks. */
export interface BridgeDiagnostics {
  /** Pinned strings/arrays handed out and not yet released (0 between calls). */
  liveHandles: number;
  /** CancellationTokenSources for AbortSignals of calls in flight. */
  liveCancellations: number;
  /** Compiled overloads (they live as long as the process). */
  boundMethods: number;
}

/** Counters of the managed bridge; throws HostStateError before the first load(). */
export function bridgeDiagnostics(): BridgeDiagnostics {
  return native.bridgeDiagnostics();
}
