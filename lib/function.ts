// A managed function pointer handed out by the runtime.
import { InvalidArgumentError } from "./errors.js";
import { native, type FunctionHandle } from "./native/binding.js";
import { describe } from "./paths.js";

/** How the method was bound. */
export type DelegateKind = "default" | "custom" | "unmanagedCallersOnly";

/** Options for binding a method. */
export interface BindOptions {
  /** An assembly-qualified delegate type, e.g. `"MyLib.MyDelegate, MyLib"`. */
  delegateType?: string;
  /** The method carries `[UnmanagedCallersOnly]`. */
  unmanagedCallersOnly?: boolean;
}

const handles = new WeakMap<ManagedFunction, FunctionHandle>();

/** @internal The native handle behind a ManagedFunction, for the typed-call layer. */
export function functionHandle(fn: ManagedFunction): FunctionHandle {
  const handle = handles.get(fn);
  if (!handle) throw new TypeError("not a ManagedFunction");
  return handle;
}

/** Bytes passed to an entry point without copying. */
export type EntryPointArgs = ArrayBufferView | ArrayBuffer;

/**
 * A function pointer into managed code. It stays valid for the life of the process,
 * even after its context is closed.
 */
export class ManagedFunction {
  /** The raw address, for any FFI that can call other signatures. */
  readonly address: bigint;
  readonly loader: "loadAssemblyAndGetFunctionPointer" | "getFunctionPointer";
  readonly typeName: string;
  readonly methodName: string;
  readonly delegateType: DelegateKind;
  readonly delegateTypeName: string | undefined;
  readonly assemblyPath: string | undefined;
  readonly #handle: FunctionHandle;

  /** @internal */
  constructor(handle: FunctionHandle) {
    const info = native.functionInfo(handle);
    this.#handle = handle;
    handles.set(this, handle);
    this.address = info.address;
    this.loader = info.loader;
    this.typeName = info.typeName;
    this.methodName = info.methodName;
    this.delegateType = info.delegateType;
    this.delegateTypeName = info.delegateTypeName;
    this.assemblyPath = info.assemblyPath;
  }

  /**
   * Calls the method as `int (IntPtr args, int sizeBytes)`, the hosting entry-point
   * shape, passing the memory of `args` itself (not a copy) and its byte length, or
   * (0, 0) without `args`. The method must have exactly that shape; an exception
   * escaping it ends the process (a .NET rule for native callers), so catch inside.
   */
  call(args?: EntryPointArgs | null): number {
    if (
      args !== undefined &&
      args !== null &&
      !ArrayBuffer.isView(args) &&
      !(args instanceof ArrayBuffer)
    ) {
      throw new InvalidArgumentError(
        `args must be a Buffer, TypedArray, DataView or ArrayBuffer, got ${describe(args)}`,
      );
    }
    return native.callEntryPoint(this.#handle, args);
  }
}

export function bindOptions(options: BindOptions | undefined): {
  delegateTypeName: string | null;
  unmanagedCallersOnly: boolean;
} {
  if (options === undefined || options === null) {
    return { delegateTypeName: null, unmanagedCallersOnly: false };
  }
  if (typeof options !== "object") {
    throw new InvalidArgumentError(
      `options must be an object, got ${describe(options)}`,
    );
  }
  return {
    delegateTypeName: options.delegateType ?? null,
    unmanagedCallersOnly: options.unmanagedCallersOnly ?? false,
  };
}
