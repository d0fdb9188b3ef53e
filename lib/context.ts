// Host contexts. A RuntimeConfigContext hosts components (load assemblies, get function
// pointers); a CommandLineContext runs an app. Only the latter has runApp().
import { HostStatusError, InvalidArgumentError } from "./errors.js";
import { bindOptions, ManagedFunction, type BindOptions } from "./function.js";
import type { HostfxrSource } from "./hostfxr.js";
import { native, type ContextHandle } from "./native/binding.js";
import { toNativeOptions, type InitializeOptions } from "./options.js";
import { describe, toFilePath } from "./paths.js";
import { precheck } from "./runtime-config-check.js";
import { HostStatus } from "./status.js";

/** Node 18.18+/20.4+ define Symbol.dispose; older ones get the registered symbol. */
const disposeSymbol: typeof Symbol.dispose =
  Symbol.dispose ?? (Symbol.for("nodejs.dispose") as typeof Symbol.dispose);

/** Which success code initialize returned. */
export type InitializeStatus =
  | "Success"
  | "Success_HostAlreadyInitialized"
  | "Success_DifferentRuntimeProperties";

export type ContextKind = "runtimeConfig" | "commandLine";

function checkName(name: unknown, what: string): string {
  if (typeof name !== "string") {
    throw new InvalidArgumentError(
      `${what} must be a string, got ${describe(name)}`,
    );
  }
  return name;
}

/**
 * What the process's runtime runs, as its primary context resolved it (a secondary context
 * sees only its own config's properties): the deps files of its frameworks and its runtime
 * identifier. Undefined until this module made the primary context.
 */
let primaryRuntime: { depsFiles: string; rid: string } | undefined;

/** @internal What the primary context resolved (see `primaryRuntime`). */
export function runtimeOfProcess(): typeof primaryRuntime {
  return primaryRuntime;
}

/** What both context kinds share. Close it (or `using` it) when done. */
export abstract class HostContext implements Disposable {
  abstract readonly kind: ContextKind;
  /**
   * True for the first context of the process (status `Success`): only it can set
   * runtime properties, and only before the runtime starts.
   */
  readonly isPrimary: boolean;
  readonly status: InitializeStatus;
  /** The int32 code behind `status`: 0, 1 or 2. */
  readonly statusCode: number;
  /** The hostfxr this context runs on, and how it was found. */
  readonly hostfxrPath: string;
  readonly hostfxrSource: HostfxrSource;
  /** @internal */
  protected readonly handle: ContextHandle;

  /** @internal */
  protected constructor(handle: ContextHandle) {
    const info = native.contextInfo(handle);
    this.handle = handle;
    this.isPrimary = info.isPrimary;
    this.status = info.statusName as InitializeStatus;
    this.statusCode = info.status;
    this.hostfxrPath = info.hostfxrPath;
    this.hostfxrSource = info.hostfxrSource as HostfxrSource;
    if (this.isPrimary) {
      primaryRuntime = {
        depsFiles: `${this.getProperty("FX_DEPS_FILE") ?? ""};${this.getProperty("APP_CONTEXT_DEPS_FILES") ?? ""}`,
        rid: this.getProperty("RUNTIME_IDENTIFIER") ?? "",
      };
    }
  }

  get closed(): boolean {
    return native.contextInfo(this.handle).closed;
  }

  /** A runtime property's value, or undefined when the context has none by that name. */
  getProperty(name: string): string | undefined {
    return native.getProperty(this.handle, checkName(name, "name"));
  }

  /**
   * Sets a runtime property. Primary context only, before the runtime starts (the
   * first getFunctionPointer/loadAssembly… call starts it); otherwise HostStateError.
   */
  setProperty(name: string, value: string): void {
    native.setProperty(
      this.handle,
      checkName(name, "name"),
      checkName(value, "value"),
    );
  }

  /** Removes a runtime property; same rules as setProperty. */
  removeProperty(name: string): void {
    native.setProperty(this.handle, checkName(name, "name"), null);
  }

  /** Every runtime property of this context. */
  getProperties(): Record<string, string> {
    return native.getProperties(this.handle);
  }

  /**
   * Loads the assembly into its own isolated load context (dependencies resolved
   * through its .deps.json) and returns a pointer to a public static method.
   * `typeName` is assembly-qualified: `"Namespace.Type, Assembly"`.
   */
  loadAssemblyAndGetFunctionPointer(
    assemblyPath: string,
    typeName: string,
    methodName: string,
    options?: BindOptions,
  ): ManagedFunction {
    const { delegateTypeName, unmanagedCallersOnly } = bindOptions(options);
    return new ManagedFunction(
      native.loadAssemblyAndGetFunctionPointer(
        this.handle,
        toFilePath(assemblyPath, "assemblyPath"),
        checkName(typeName, "typeName"),
        checkName(methodName, "methodName"),
        delegateTypeName,
        unmanagedCallersOnly,
      ),
    );
  }

  /**
   * A pointer to a public static method of a type in the default load context (the
   * app's own assemblies, or ones loaded with loadAssembly). Needs .NET 5+.
   */
  getFunctionPointer(
    typeName: string,
    methodName: string,
    options?: BindOptions,
  ): ManagedFunction {
    const { delegateTypeName, unmanagedCallersOnly } = bindOptions(options);
    return new ManagedFunction(
      native.getFunctionPointer(
        this.handle,
        checkName(typeName, "typeName"),
        checkName(methodName, "methodName"),
        delegateTypeName,
        unmanagedCallersOnly,
      ),
    );
  }

  /**
   * Closes the context. Idempotent. Function pointers stay valid; every other use of
   * the context afterwards throws HostStateError (code `ContextClosed`). Contexts are
   * also closed when garbage-collected and when their thread's Node environment ends.
   */
  close(): void {
    native.closeContext(this.handle);
  }

  [disposeSymbol](): void {
    this.close();
  }
}

/** A context for hosting components, from a `.runtimeconfig.json`. */
export class RuntimeConfigContext extends HostContext {
  readonly kind = "runtimeConfig" as const;

  /** @internal */
  constructor(handle: ContextHandle) {
    super(handle);
  }

  /** Loads an assembly into the default load context, resolving its dependencies. .NET 8+. */
  loadAssembly(assemblyPath: string): void {
    native.loadAssembly(this.handle, toFilePath(assemblyPath, "assemblyPath"));
  }

  /**
   * Loads an assembly from memory into the default load context (no dependency
   * resolution), with optional symbols (.pdb) bytes. .NET 8+.
   */
  loadAssemblyBytes(
    assembly: ArrayBufferView | ArrayBuffer,
    symbols?: ArrayBufferView | ArrayBuffer | null,
  ): void {
    native.loadAssemblyBytes(this.handle, assembly, symbols ?? null);
  }
}

/** A context for running an app, from its command line. */
export class CommandLineContext extends HostContext {
  readonly kind = "commandLine" as const;

  /** @internal */
  constructor(handle: ContextHandle) {
    super(handle);
  }

  /**
   * Runs the app's Main on this thread and returns its exit code. This blocks the
   * event loop until Main returns, and then the .NET runtime is shut down for the rest
   * of the process: no .NET can run in this process afterwards. Run apps in a child
   * process unless that is what you want.
   */
  runApp(): number {
    return native.runApp(this.handle);
  }
}

/**
 * Initializes hosting from a runtimeconfig.json. The first context in the process is
 * primary (`isPrimary`); later ones are secondary and share the already-running runtime.
 */
export function initializeForRuntimeConfig(
  runtimeConfigPath: string,
  options?: InitializeOptions,
): RuntimeConfigContext {
  const path = toFilePath(runtimeConfigPath, "runtimeConfigPath");
  const check = precheck(path);
  if (check.kind === "fatalShape") {
    throw new HostStatusError(
      `${path} was not passed to hostfxr: ${check.reason}`,
      {
        code: "InvalidConfigFile",
        hresult: HostStatus.InvalidConfigFile,
        hint: "Fix the runtimeconfig.json. dotnet-host refuses it rather than let hostfxr end the process.",
      },
    );
  }
  return new RuntimeConfigContext(
    native.initializeForRuntimeConfig(path, toNativeOptions(options)),
  );
}

/**
 * Initializes hosting for an app: `args[0]` is the app's .dll, the rest are its
 * arguments. Works once per process.
 */
export function initializeForCommandLine(
  args: readonly string[],
  options?: InitializeOptions,
): CommandLineContext {
  if (!Array.isArray(args) || args.length === 0) {
    throw new InvalidArgumentError(
      "args must be a non-empty array: [appDllPath, ...appArguments]",
    );
  }
  const [app, ...rest] = args as unknown[];
  const argv = [
    toFilePath(app, "args[0]"),
    ...rest.map((arg, index) => checkName(arg, `args[${index + 1}]`)),
  ];
  return new CommandLineContext(
    native.initializeForCommandLine(argv, toNativeOptions(options)),
  );
}
