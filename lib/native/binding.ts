// The raw functions the Rust addon exports (src/js/mod.rs), typed. Only loader.ts loads
// the addon; the library's modules call these functions through `native`.
import {
  createError,
  setJavaScriptErrorSource,
  setObjectReviver,
} from "../errors.js";
import { loadNativeAddon } from "./loader.js";

declare const nativeHandle: unique symbol;
/** An opaque native handle: a host context or a managed function pointer. */
export type NativeHandle<Kind extends string> = {
  readonly [nativeHandle]: Kind;
};
export type ContextHandle = NativeHandle<"context">;
export type FunctionHandle = NativeHandle<"function">;

export interface NativeResolveOptions {
  hostfxrPath?: string | undefined;
  dotnetRoot?: string | undefined;
  appPath?: string | undefined;
  nethostPath?: string | undefined;
  hostPath?: string | undefined;
}

export interface NativeSearchRecord {
  source: string;
  location: string;
  outcome: "accepted" | "rejected";
  reason: string;
}

export interface NativeFrameworkResolution {
  name: string;
  requestedVersion: string;
  resolvedVersion: string;
  resolvedPath: string;
}

/** The benchmark floor: native calls with nothing .NET behind them. */
export interface BenchmarkFloor {
  noop(): void;
  add(a: number, b: number): number;
}

export interface NativeBinding {
  setErrorFactory(
    factory: (
      className: string,
      message: string,
      props: Record<string, unknown>,
    ) => Error,
  ): void;
  /** For `npm run bench` only (src/js/floor.rs). */
  benchmarkFloor: BenchmarkFloor;
  resolveHostfxr(options?: NativeResolveOptions): {
    path: string;
    source: string;
    version: string | null;
    dotnetRoot: string | null;
    searched: NativeSearchRecord[];
  };
  environmentInfo(options?: NativeResolveOptions): {
    hostfxrPath: string;
    hostfxrVersion: string;
    hostfxrCommitHash: string;
    sdks: { version: string; path: string }[];
    frameworks: { name: string; version: string; path: string }[];
  };
  resolveFrameworks(
    runtimeConfigPath: string,
    options?: NativeResolveOptions,
  ): {
    hostfxrPath: string;
    resolved: NativeFrameworkResolution[];
    unresolved: NativeFrameworkResolution[];
  };
  initializeForRuntimeConfig(
    path: string,
    options?: NativeResolveOptions,
  ): ContextHandle;
  initializeForCommandLine(
    args: readonly string[],
    options?: NativeResolveOptions,
  ): ContextHandle;
  contextInfo(context: ContextHandle): {
    kind: "runtimeConfig" | "commandLine";
    isPrimary: boolean;
    status: number;
    statusName: string;
    hostfxrPath: string;
    hostfxrSource: string;
    closed: boolean;
  };
  getProperty(context: ContextHandle, name: string): string | undefined;
  setProperty(context: ContextHandle, name: string, value: string | null): void;
  getProperties(context: ContextHandle): Record<string, string>;
  runApp(context: ContextHandle): number;
  closeContext(context: ContextHandle): void;
  loadAssemblyAndGetFunctionPointer(
    context: ContextHandle,
    assemblyPath: string,
    typeName: string,
    methodName: string,
    delegateTypeName: string | null,
    unmanagedCallersOnly: boolean,
  ): FunctionHandle;
  getFunctionPointer(
    context: ContextHandle,
    typeName: string,
    methodName: string,
    delegateTypeName: string | null,
    unmanagedCallersOnly: boolean,
  ): FunctionHandle;
  loadAssembly(context: ContextHandle, assemblyPath: string): void;
  loadAssemblyBytes(
    context: ContextHandle,
    assembly: ArrayBufferView | ArrayBuffer,
    symbols: ArrayBufferView | ArrayBuffer | null,
  ): void;
  functionInfo(fn: FunctionHandle): {
    address: bigint;
    loader: "loadAssemblyAndGetFunctionPointer" | "getFunctionPointer";
    typeName: string;
    methodName: string;
    delegateType: "default" | "custom" | "unmanagedCallersOnly";
    delegateTypeName?: string;
    assemblyPath?: string;
  };
  bridgeInitialize(initialize: FunctionHandle): void;
  bridgeLoadAssembly(assemblyPath: string, isolated: boolean): number;
  bridgeBind(
    assembly: number,
    typeName: string,
    methodName: string,
    parameterTypesJson: string | null,
  ): string;
  bridgePrepare(
    candidate: object,
  ): [
    (...args: unknown[]) => unknown,
    (...args: unknown[]) => Promise<unknown>,
  ];
  bridgeCreateCancellation(): bigint;
  bridgeDiagnostics(): {
    liveHandles: number;
    liveCancellations: number;
    boundMethods: number;
    liveObjects: number;
    liveDelegates: number;
    pendingPromises: number;
    wrappers: number;
    callbacks: number;
  };
  bridgeSetObjectFactory(
    factory: (typeId: number, receiver: unknown) => object,
    stringify: (value: unknown) => string | undefined,
    reviver: (this: unknown, key: string, value: unknown) => unknown,
    exactTime: symbol,
    receiverKey: symbol,
    allocate: (size: number) => Buffer,
  ): Int32Array | undefined;
  bridgeHandleOf(wrapper: object): string;
  bridgeRevive(token: string): object;
  bridgeTypeObject(typeId: number): object;
  bridgeIsAssignable(to: number, from: number): boolean;
  bridgeInferMember(
    typeId: number,
    name: string,
    isStatic: boolean,
    argumentsJson: string,
  ): string;
  bridgeFindType(
    assembly: number,
    name: string,
    typeArgumentsJson: string | null,
  ): string;
  bridgeListTypes(assembly: number): string;
  bridgeDescribeType(typeId: number): string;
  /** The JSON of managed/DotnetHost.Bridge/Surface.cs, for lib/typings/. */
  bridgeDescribeSurface(assemblyId: number, flags: number): string;
  bridgeBindMember(
    typeId: number,
    kind: string,
    name: string,
    isStatic: boolean,
    typeArgumentsJson: string | null,
    parameterTypesJson: string | null,
  ): string;
  bridgeDispose(wrapper: object): void;
  bridgeObjectJson(wrapper: object): unknown;
  bridgeCreateDelegate(wire: object, fn: Function): object; // eslint-disable-line @typescript-eslint/no-unsafe-function-type
  bridgeSetDeadlockTimeout(milliseconds: number): number;
  bridgeTakeJavaScriptError(id: number): unknown;
  bridgeCancel(handle: bigint): void;
  bridgeFreeCancellation(handle: bigint): void;
  declareFunction(
    address: FunctionHandle | bigint,
    returns: string,
    parameters: readonly string[],
  ): (...args: unknown[]) => unknown;
  callEntryPoint(
    fn: FunctionHandle,
    args: ArrayBufferView | ArrayBuffer | null | undefined,
  ): number;
}

export const native: NativeBinding = loadNativeAddon<NativeBinding>();
native.setErrorFactory(createError);
setJavaScriptErrorSource((id) => native.bridgeTakeJavaScriptError(id));
setObjectReviver((token) => native.bridgeRevive(token));
