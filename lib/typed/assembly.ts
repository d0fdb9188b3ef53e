// load() and bind(): calling public static .NET methods by name.
import { BindError, InvalidArgumentError } from "../errors.js";
import { DotnetObject } from "../objects/base.js";
import { candidates, memberCallable } from "../objects/calls.js";
import { implement } from "../objects/implement.js";
import { native } from "../native/binding.js";
import type { InitializeOptions } from "../options.js";
import { describe, toFilePath } from "../paths.js";
import { bindError, supportedCandidates } from "./candidates.js";
import { callable, prepare } from "./invoke.js";
import type { BindResult } from "./kinds.js";
import { packageFolderAssembly } from "../typings/folder.js";
import type { AssemblyFor } from "../typings/types.js";
import { joinRuntime, runtimeConfigFor } from "./runtime.js";
import { namespaceRoot, type Namespace } from "../objects/namespaces.js";
import {
  findType,
  isAssignable,
  typeOf,
  type DotnetClass,
  type DotnetType,
  type TypeArgument,
} from "../objects/registry.js";

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

/** The last dot outside `<…>`: `A.B.Method<System.Int32>` splits before `Method`. */
function lastTopLevelDot(name: string): number {
  let depth = 0;
  for (let index = name.length - 1; index >= 0; index--) {
    const character = name[index];
    if (character === ">") depth++;
    else if (character === "<") depth--;
    else if (character === "." && depth === 0) return index;
  }
  return -1;
}

function splitName(name: unknown): [string, string] {
  if (typeof name !== "string") {
    throw new InvalidArgumentError(
      `name must be a string such as "Namespace.Type.Method", got ${describe(name)}`,
    );
  }
  const dot = lastTopLevelDot(name);
  if (dot <= 0 || dot === name.length - 1) {
    throw new InvalidArgumentError(
      `name must be "Namespace.Type.Method" (nested types: "Namespace.Outer+Inner.Method"), got ${JSON.stringify(name)}`,
    );
  }
  return [name.slice(0, dot), name.slice(dot + 1)];
}

let idOf: (assembly: DotnetAssembly) => number;

/** The bridge's id of a loaded assembly (for the declaration generator). */
export function assemblyIdOf(assembly: DotnetAssembly): number {
  return idOf(assembly);
}

/** A loaded .NET assembly whose public static methods can be bound by name. */
export class DotnetAssembly {
  static {
    idOf = (assembly) => assembly.#id;
  }

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
    if (result.error !== undefined) throw bindError(result);
    const supported = supportedCandidates(name, result.candidates);
    const generic =
      result.ownerId !== undefined &&
      !methodName.includes("<") &&
      result.candidates.some((candidate) => candidate.open);
    const { call, callAsync } = callable(
      name,
      supported.map(prepare),
      generic
        ? {
            ownerId: result.ownerId!,
            name: methodName,
            isStatic: result.static === true,
          }
        : undefined,
    );
    const signatures = result.candidates.map(
      (candidate) => candidate.signature,
    );
    // Made by this bind() alone (bridgePrepare creates fresh native functions), so the
    // properties below belong to it.
    const bound = call as BoundMethod;
    return Object.defineProperties(bound, {
      callAsync: { value: callAsync },
      signatures: { value: Object.freeze(signatures) },
      typeName: { value: typeName },
      methodName: { value: methodName },
    });
  }

  /**
   * A .NET type by name, as a JavaScript class (or, for an interface, enum or static
   * class, an object of its members): `type("MyLib.Counter")`,
   * `type("MyLib.Box<int>")`, `type("System.Text.StringBuilder")`. Names resolve in this
   * assembly first, then in .NET's own libraries.
   */
  type(name: string, typeArguments?: readonly TypeArgument[]): DotnetClass {
    if (typeof name !== "string") {
      throw new InvalidArgumentError(
        `name must be a type name such as "MyLib.Counter", got ${describe(name)}`,
      );
    }
    // Typed as a class so that `new` needs no cast; an enum is an object of its values
    // (DotnetEnum), which the same index signature covers.
    return findType(this.#id, name, typeArguments) as DotnetClass;
  }

  /**
   * C#'s cast `(T)value`: `cast(token, "string")` calls the conversion operator
   * (`op_Explicit`/`op_Implicit`) to `T` that the value's type or `T` declares; a .NET
   * object that already is a `T` comes back as itself. `type` is a C# type name or a type
   * from this API.
   */
  cast(value: unknown, type: string | DotnetType): unknown {
    const target =
      typeof type === "string" ? typeOf(this.type(type)) : typeOf(type);
    if (!target) {
      throw new InvalidArgumentError(
        `cast takes a type name such as "string" or a .NET type from this API, got ${describe(type)}`,
      );
    }
    const source = value instanceof DotnetObject ? typeOf(value) : undefined;
    if (source && isAssignable(target.id, source.id)) return value;
    let conversions: unknown[];
    try {
      conversions = candidates(
        target.id,
        "conversion",
        String(source?.id ?? 0),
        true,
      );
    } catch (error) {
      if (!(error instanceof BindError) || error.code !== "MemberNotFound")
        throw error;
      conversions = [];
    }
    if (conversions.length === 0) {
      throw new BindError(
        `no conversion from ${source?.name ?? describe(value)} to ${target.name}: neither type declares one`,
        { code: "NoConversion", candidates: [] },
      );
    }
    return memberCallable(
      target.id,
      "conversion",
      String(source?.id ?? 0),
      true,
      "call",
    ).call(value);
  }

  /**
   * A .NET object of interface `contract` (a name or an interface from this API) whose
   * members call `implementation`'s: methods by their camelCase (or .NET) name,
   * properties read and written on it, events through its `add_Name(handler)` and
   * `remove_Name(handler)`. A function implements an interface of one method. Passing
   * a plain object where .NET takes an interface does this too, once per call; use this
   * to keep one .NET object (to unsubscribe it later, say).
   */
  implement(
    contract: string | DotnetType,
    implementation: object,
  ): DotnetObject {
    const type =
      typeof contract === "string"
        ? typeOf(this.type(contract))
        : typeOf(contract);
    if (!type) {
      throw new InvalidArgumentError(
        `implement takes an interface name or a .NET interface from this API, got ${describe(contract)}`,
      );
    }
    return implement(type.id, implementation);
  }

  /** The public types by namespace: `assembly.namespaces.MyLib.Counter`. */
  get namespaces(): Namespace {
    return (this.#namespaces ??= namespaceRoot(this.#id));
  }

  #namespaces: Namespace | undefined;
}

/**
 * Loads a .NET assembly for typed calls, starting the runtime with its
 * `<Name>.runtimeconfig.json`, or, for a plain library without one, the newest installed
 * .NET 8+. One runtime per process: later loads join it (and fail with
 * HostIncompatibleConfig if their config cannot run on it).
 *
 * `assemblyPath` may also be a folder made by `dotnet-host add`: every NuGet package in it.
 *
 * With declarations made by `dotnet-host typings` in the program, a literal path
 * (`load("bin/MyLib.dll")`) returns the typed assembly; for a computed path, name it:
 * `load<MyLib.Assembly>(path)` (docs/typings.md).
 */
export function load<P extends string>(
  assemblyPath: P,
  options?: LoadOptions,
): AssemblyFor<P>;
export function load<A>(assemblyPath: string, options?: LoadOptions): A;
export function load(
  assemblyPath: string,
  options: LoadOptions = {},
): DotnetAssembly {
  const path =
    packageFolderAssembly(assemblyPath) ??
    toFilePath(assemblyPath, "assemblyPath");
  if (typeof options !== "object" || options === null) {
    throw new InvalidArgumentError(
      `options must be an object, got ${describe(options)}`,
    );
  }
  const runtimeConfig = options.runtimeConfig
    ? toFilePath(options.runtimeConfig, "runtimeConfig")
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
  /** .NET objects held by JavaScript (all environments): GCHandles not yet released. */
  liveObjects: number;
  /** .NET delegates made for JavaScript functions and not yet finalized (all environments). */
  liveDelegates: number;
  /** .NET Tasks waiting for the Promise of a JavaScript callback (all environments). */
  pendingPromises: number;
  /** Wrappers this environment has (its identity table). */
  wrappers: number;
  /** JavaScript functions this environment holds for .NET delegates. */
  callbacks: number;
}

/** Counters of the managed bridge; throws HostStateError before the first load(). */
export function bridgeDiagnostics(): BridgeDiagnostics {
  return native.bridgeDiagnostics();
}

/**
 * How long a JavaScript callback called from another .NET thread waits while the
 * JavaScript thread stays inside one synchronous .NET call (default 1000 ms). After that
 * the callback fails in .NET with `DotnetHost.JavaScriptException` (reason `Deadlock`)
 * instead of waiting forever. Returns the new value.
 */
export function setDeadlockTimeout(milliseconds: number): number {
  if (typeof milliseconds !== "number" || !(milliseconds >= 0)) {
    throw new InvalidArgumentError(
      `the deadlock timeout must be a non-negative number of milliseconds, got ${describe(milliseconds)}`,
    );
  }
  return native.bridgeSetDeadlockTimeout(milliseconds);
}
