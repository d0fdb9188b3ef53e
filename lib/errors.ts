// The error classes users catch. The addon creates them through `createError`, so a
// thrown error is already an instance of the right class with the caller's JS stack.
import { toHex } from "./status.js";

/** One place the hostfxr search looked at. */
export interface SearchAttempt {
  /** How the place was reached: `environment`, `platformDefault`, `dotnetOnPath`, … */
  source: string;
  location: string;
  outcome: "accepted" | "rejected";
  reason: string;
}

export interface ErrorProps {
  code?: string;
  hresult?: number;
  hostMessage?: string;
  hint?: string;
  [detail: string]: unknown;
}

/** Base class of every dotnet-host error except argument type errors. */
export class DotnetHostError extends Error {
  /** The status name: a hostfxr status, a managed HRESULT name, or a state code. */
  readonly code: string;
  /** The int32 status or HRESULT, when one exists. */
  readonly hresult: number | undefined;
  /** What hostfxr itself wrote during the failed call. */
  readonly hostMessage: string | undefined;
  /** How to fix it. */
  readonly hint: string | undefined;

  constructor(message: string, props: ErrorProps = {}) {
    super(message);
    this.name = new.target.name;
    this.code = props.code ?? "Unknown";
    this.hresult = props.hresult;
    this.hostMessage = props.hostMessage;
    this.hint = props.hint;
  }

  /** `0x80008096`, or undefined when there is no status. */
  get hresultHex(): string | undefined {
    return this.hresult === undefined ? undefined : toHex(this.hresult);
  }
}

/** No hostfxr library was found; `searched` lists every place and why it failed. */
export class HostfxrNotFoundError extends DotnetHostError {
  readonly searched: SearchAttempt[];
  constructor(message: string, props: ErrorProps = {}) {
    super(message, props);
    this.searched = (props.searched as SearchAttempt[] | undefined) ?? [];
  }
}

/** hostfxr (or nethost) was found but could not be loaded or is not what it claims. */
export class HostLibraryError extends DotnetHostError {}

/** A hostfxr call returned a failure status (bad config, missing framework, …). */
export class HostStatusError extends DotnetHostError {
  /** For FrameworkMissingFailure: `Name Version` of every installed framework. */
  readonly installedFrameworks: string[] | undefined;
  constructor(message: string, props: ErrorProps = {}) {
    super(message, props);
    this.installedFrameworks = props.installedFrameworks as
      string[] | undefined;
  }
}

/** The hostfxr in use is too old for the feature; `requiredVersion` says which .NET. */
export class UnsupportedHostVersionError extends HostStatusError {
  readonly requiredVersion: string | undefined;
  constructor(message: string, props: ErrorProps = {}) {
    super(message, props);
    this.requiredVersion = props.requiredVersion as string | undefined;
  }
}

/** A runtime delegate could not load the assembly, type or method asked for. */
export class ManagedLoadError extends DotnetHostError {
  readonly assemblyPath: string | undefined;
  readonly typeName: string | undefined;
  readonly methodName: string | undefined;
  constructor(message: string, props: ErrorProps = {}) {
    super(message, props);
    this.assemblyPath = props.assemblyPath as string | undefined;
    this.typeName = props.typeName as string | undefined;
    this.methodName = props.methodName as string | undefined;
  }
}

/**
 * The call is not allowed now: `ContextClosed`, `SecondaryContext`,
 * `RuntimeAlreadyStarted`, `PrimaryContextPending`, `RuntimeAlreadyLoaded`,
 * `WrongContextKind`, `RuntimeShutDown`.
 */
export class HostStateError extends DotnetHostError {}

/**
 * An argument has the wrong type or value. A `TypeError`, as JS convention has it. For
 * typed calls, `parameter` and `dotnetType` name the .NET parameter.
 */
export class InvalidArgumentError extends TypeError {
  readonly code = "InvalidArgument";
  readonly hint: string | undefined;
  readonly parameter: string | undefined;
  readonly dotnetType: string | undefined;
  constructor(message: string, props: ErrorProps = {}) {
    super(message);
    this.name = "InvalidArgumentError";
    this.hint = props.hint;
    this.parameter = props.parameter as string | undefined;
    this.dotnetType = props.dotnetType as string | undefined;
  }
}

/** A number does not fit the .NET parameter's type (a `RangeError`). */
export class ArgumentRangeError extends RangeError {
  readonly code = "ArgumentOutOfRange";
  readonly parameter: string | undefined;
  readonly dotnetType: string | undefined;
  constructor(message: string, props: ErrorProps = {}) {
    super(message);
    this.name = "ArgumentRangeError";
    this.parameter = props.parameter as string | undefined;
    this.dotnetType = props.dotnetType as string | undefined;
  }
}

/** How the bridge describes a .NET exception. */
interface ExceptionDetails {
  type: string;
  message: string;
  stack: string;
  hresult: number;
  inner?: ExceptionDetails;
  innerExceptions?: ExceptionDetails[];
  /** A DotnetHost.JavaScriptException: why, and the JavaScript error it came from. */
  reason?: string;
  jsErrorId?: number;
  /** The exception's own public properties with plain values, camelCase. */
  properties?: Record<string, unknown>;
  /** The exception object: a reference the addon turns into a wrapper. */
  object?: { $dotnet: string; $type: number };
  /** An argument that could not become its parameter's value (not an exception of the method). */
  argument?: {
    parameter: string;
    dotnetType: string;
    signature: string;
    range: boolean;
  };
}

let takeJavaScriptError: (id: number) => unknown = () => undefined;
let reviveObject: (token: string) => unknown = () => undefined;

/** @internal The addon keeps the errors JavaScript callbacks threw; this fetches them. */
export function setJavaScriptErrorSource(
  source: (id: number) => unknown,
): void {
  takeJavaScriptError = source;
}

/** @internal How an exception's object reference becomes its wrapper. */
export function setObjectReviver(revive: (token: string) => unknown): void {
  reviveObject = revive;
}

/** Names an exception property may not take on the error: the Error's own. */
const errorOwn: ReadonlySet<string> = new Set([
  "name",
  "message",
  "stack",
  "cause",
  "code",
  "dotnetType",
  "dotnetMessage",
  "dotnetStack",
  "hresult",
  "hresultHex",
  "inner",
  "innerExceptions",
  "exception",
  "properties",
  "constructor",
  "__proto__",
]);

/**
 * A .NET exception thrown by a called method (or faulting its Task). The JavaScript
 * `stack` is the caller's; the .NET one is `dotnetStack`.
 */
export class DotnetException extends Error {
  readonly code = "DotnetException";
  /** The exception's full .NET type name, e.g. `System.InvalidOperationException`. */
  readonly dotnetType: string;
  /** The .NET message, without the type name. */
  readonly dotnetMessage: string;
  readonly dotnetStack: string;
  readonly hresult: number;
  /** `InnerException`, converted the same way. */
  readonly inner: DotnetException | undefined;
  /** An AggregateException's `InnerExceptions`. */
  readonly innerExceptions: DotnetException[] | undefined;
  /**
   * The exception's own public properties with plain values (`paramName`, `lineNumber`,
   * `sqliteErrorCode` …), also set on the error itself where the name is free.
   */
  readonly properties: Readonly<Record<string, unknown>>;
  /** The .NET exception object, as a wrapper: every member, as C#'s `catch (E e)` has it. */
  readonly exception: unknown;

  constructor(message: string, props: ErrorProps = {}) {
    const details = parseDetails(props.details, message);
    const thrownByCallback =
      details.jsErrorId === undefined
        ? undefined
        : takeJavaScriptError(details.jsErrorId);
    super(`${details.type}: ${details.message}`, {
      // A JavaScript callback's exception points back at the JavaScript error itself.
      cause:
        thrownByCallback ??
        (details.inner ? fromDetails(details.inner) : undefined),
    });
    this.name = "DotnetException";
    this.dotnetType = details.type;
    this.dotnetMessage = details.message;
    this.dotnetStack = details.stack;
    this.hresult = details.hresult;
    this.inner = details.inner
      ? thrownByCallback === undefined
        ? (this.cause as DotnetException)
        : fromDetails(details.inner)
      : undefined;
    this.innerExceptions = details.innerExceptions?.map(fromDetails);
    // An AggregateException's InnerException is its first inner exception (written once,
    // in innerExceptions).
    if (this.inner === undefined && this.innerExceptions?.length) {
      this.inner = this.innerExceptions[0];
      if (this.cause === undefined) this.cause = this.inner;
    }
    this.properties = Object.freeze({ ...details.properties });
    for (const [name, value] of Object.entries(this.properties)) {
      if (!errorOwn.has(name) && !(name in this))
        Object.defineProperty(this, name, { value, enumerable: true });
    }
    let exception: unknown;
    try {
      exception = details.object
        ? reviveObject(details.object.$dotnet)
        : undefined;
    } catch {
      exception = undefined;
    }
    this.exception = exception;
  }

  get hresultHex(): string {
    return toHex(this.hresult);
  }
}

function parseDetails(details: unknown, fallback: string): ExceptionDetails {
  if (typeof details === "object" && details !== null) {
    return details as ExceptionDetails;
  }
  try {
    return JSON.parse(String(details)) as ExceptionDetails;
  } catch {
    return {
      type: "System.Exception",
      message: fallback,
      stack: "",
      hresult: 0,
    };
  }
}

/** An exception that says an argument could not be read: what to report instead. */
function argumentOf(
  details: unknown,
):
  | (NonNullable<ExceptionDetails["argument"]> & { message: string })
  | undefined {
  if (typeof details !== "string" || !details.includes('"argument"'))
    return undefined;
  const parsed = parseDetails(details, "");
  return parsed.argument
    ? { ...parsed.argument, message: parsed.message }
    : undefined;
}

function fromDetails(details: ExceptionDetails): DotnetException {
  return new DotnetException(details.message, { details });
}

/** A name passed to bind() matches no type, method or overload; `candidates` lists what exists. */
export class BindError extends DotnetHostError {
  readonly candidates: string[];
  constructor(message: string, props: ErrorProps = {}) {
    super(message, props);
    this.candidates = (props.candidates as string[] | undefined) ?? [];
  }
}

const classes = {
  DotnetHostError,
  HostfxrNotFoundError,
  HostLibraryError,
  HostStatusError,
  UnsupportedHostVersionError,
  ManagedLoadError,
  HostStateError,
  InvalidArgumentError,
  ArgumentRangeError,
  DotnetException,
  BindError,
} as const;

/** Called by the addon to build the error it throws. */
export function createError(
  className: string,
  message: string,
  props: ErrorProps,
): Error {
  if (className === "RangeError") {
    // A value that cannot exist in JavaScript (a string longer than V8 allows).
    const error = Object.assign(new RangeError(message), props);
    Error.captureStackTrace(error, createError);
    return error;
  }
  const argument =
    className === "DotnetException" ? argumentOf(props.details) : undefined;
  const ErrorClass = argument
    ? argument.range
      ? ArgumentRangeError
      : InvalidArgumentError
    : (classes[className as keyof typeof classes] ?? DotnetHostError);
  const error = argument
    ? new ErrorClass(
        `argument '${argument.parameter}' of ${argument.signature}: ${argument.message}`,
        { parameter: argument.parameter, dotnetType: argument.dotnetType },
      )
    : new ErrorClass(message, props);
  // Start the stack at the user's call, not inside this factory.
  Error.captureStackTrace(error, createError);
  return error;
}
