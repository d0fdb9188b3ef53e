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

/** A C type in a declared signature. */
export type CType =
  | "void"
  | "bool"
  | "int8"
  | "uint8"
  | "int16"
  | "uint16"
  | "int32"
  | "uint32"
  | "int64"
  | "uint64"
  | "float"
  | "double"
  | "pointer";

/**
 * The C signature of a function pointer. Arguments: numbers for integers up to 32 bits
 * and floats, bigint (or safe-integer numbers) for 64-bit integers, boolean for bool,
 * and for pointers a Buffer/TypedArray/DataView/ArrayBuffer (its memory, no copy),
 * a bigint address or null. Results: the same, with 64-bit integers and pointers as
 * bigint. Limits: on x64 Linux 6 integer/pointer and 8 float parameters, on arm64 8
 * and 8, on x64 Windows 8 parameters in all.
 */
export interface CSignature {
  returns: CType;
  parameters: readonly CType[];
}

/** A function pointer called with a declared C signature. */
export type DeclaredFunction = (...args: unknown[]) => unknown;

/**
 * Calls the function at `address` (from any FFI, or `ManagedFunction.address`) with the
 * declared signature. The signature must be exactly right: a wrong one is undefined
 * behaviour, as in C.
 */
export function declareFunction(
  address: bigint,
  signature: CSignature,
): DeclaredFunction {
  if (typeof address !== "bigint") {
    throw new InvalidArgumentError(
      `address must be a bigint, got ${describe(address)}`,
    );
  }
  return declare(address, signature);
}

function declare(
  address: FunctionHandle | bigint,
  signature: CSignature,
): DeclaredFunction {
  if (
    typeof signature !== "object" ||
    signature === null ||
    !Array.isArray(signature.parameters)
  ) {
    throw new InvalidArgumentError(
      "signature must be { returns: CType, parameters: CType[] }",
    );
  }
  return native.declareFunction(
    address,
    signature.returns,
    signature.parameters,
  );
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
   * A function calling this pointer with a declared C signature: for
   * `[UnmanagedCallersOnly]` methods and custom delegate pointers of any shape.
   */
  declare(signature: CSignature): DeclaredFunction {
    return declare(this.#handle, signature);
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
