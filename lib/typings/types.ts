// The types generated declarations build on: what `load()`, `namespaces`, `type()` and
// `bind()` return once an assembly's declarations are in the program (docs/typings.md).
import type { DotnetObject } from "../objects/base.js";
import type { DotnetClass, DotnetType } from "../objects/registry.js";
import type { BoundMethod, DotnetAssembly } from "../typed/assembly.js";
import type { Namespace } from "../objects/namespaces.js";

/**
 * The assemblies declarations were generated for, by file name without `.dll`. Each
 * generated file adds its assembly here, so `load("bin/MyLib.dll")` is typed.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface Assemblies {}

/** A .NET delegate held by JavaScript: call it with `invoke(...)`. */
export type DelegateWrapper<F> = DotnetObject & {
  invoke: F;
};

/**
 * A .NET interface as JavaScript sees it: `value instanceof IShape` asks .NET; a plain
 * object with its members may be passed where .NET takes it.
 */
export interface DotnetInterface<T> {
  [Symbol.hasInstance](value: unknown): value is T & DotnetObject;
}

/**
 * The JavaScript type of a type argument given to `.of(...)`: C#'s names of the types with
 * a JavaScript value of their own, and classes from this API.
 */
export type TypeOf<A> = A extends
  | "int"
  | "uint"
  | "short"
  | "ushort"
  | "byte"
  | "sbyte"
  | "float"
  | "double"
  | "TimeSpan"
  | "System.Int32"
  | "System.Double"
  ? number
  : A extends
        "long" | "ulong" | "nint" | "nuint" | "System.Int64" | "System.UInt64"
    ? bigint
    : A extends
          | "string"
          | "char"
          | "decimal"
          | "Guid"
          | "System.String"
          | "System.Guid"
          | "System.Decimal"
      ? string
      : A extends "bool" | "System.Boolean"
        ? boolean
        : A extends
              | "DateTime"
              | "DateTimeOffset"
              | "System.DateTime"
              | "System.DateTimeOffset"
          ? Date
          : A extends abstract new (...args: never[]) => infer I
            ? I
            : unknown;

/** A bound static method of known signatures. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TypedMethod<F extends (...args: any[]) => any> = F & {
  /** Runs the call on a pool thread; the Promise settles with its result. */
  callAsync(...args: Parameters<F>): Promise<Awaited<ReturnType<F>>>;
  readonly signatures: readonly string[];
  readonly typeName: string;
  readonly methodName: string;
};

/**
 * An assembly whose declarations were generated: `namespaces`, `type(name)` and
 * `bind(name)` are typed for the names the declarations list; other names fall back to
 * the untyped forms.
 */
export interface TypedAssembly<N, T, M> extends Omit<
  DotnetAssembly,
  "namespaces" | "type" | "bind"
> {
  /** The public types by namespace, as declared. */
  readonly namespaces: N;
  type<K extends keyof T & string>(name: K): T[K];
  type(
    name: string,
    typeArguments?: readonly (string | DotnetType)[],
  ): DotnetClass;
  bind<K extends keyof M & string>(
    name: K,
  ): M[K] extends (...args: never[]) => unknown ? TypedMethod<M[K]> : never;
  bind(name: string, parameterTypes?: readonly string[]): BoundMethod;
}

type FileName<P extends string> = P extends `${string}/${infer Rest}`
  ? FileName<Rest>
  : P extends `${string}\\${infer Rest}`
    ? FileName<Rest>
    : P;

type AssemblyName<P extends string> =
  FileName<P> extends `${infer Name}.dll` ? Name : FileName<P>;

/**
 * What `load(path)` returns: the typed assembly when `path` is a literal naming an
 * assembly (or a folder made by `dotnet-host add`) whose declarations are in the program.
 */
export type AssemblyFor<P extends string> = string extends P
  ? DotnetAssembly
  : AssemblyName<P> extends keyof Assemblies
    ? Assemblies[AssemblyName<P>]
    : DotnetAssembly;

export type { Namespace };
