// The base class of every .NET object wrapper.
import { inspect } from "node:util";
import { native } from "../native/binding.js";
import { callMemberAsync } from "./calls.js";
import { off, on } from "./events.js";
import { isWritingArguments } from "./writing.js";

/** Passed to generated constructors by the wrapper factory: "wrap, don't construct". */
export const INTERNAL: unique symbol = Symbol("dotnet-host.internal");

/** Node 18.18+/20.4+ define Symbol.dispose; older ones get the registered symbol. */
export const disposeSymbol: typeof Symbol.dispose =
  Symbol.dispose ?? (Symbol.for("nodejs.dispose") as typeof Symbol.dispose);

/**
 * The key under which a wrapper also keeps its receiver key, for the addon to read when the
 * wrapper itself is passed (as an argument): Node-API cannot read a private field. Anyone
 * can read or write a symbol-keyed property, so the addon counts the key only if the
 * key's entry holds that very wrapper.
 */
export const RECEIVER_KEY: unique symbol = Symbol("dotnet-host.receiver");

/**
 * What an instance member's native function takes first: a wrapper's key in the addon's
 * receiver table, or any other value as it is (the addon then says why it is no
 * receiver), a number boxed so that it is never taken for a key. Set by DotnetObject,
 * which alone can read the key.
 */
export let receiverOf: (value: unknown) => unknown;

/**
 * Gives a wrapper that `new` made before the constructor ran the receiver key the addon
 * posted when it adopted that wrapper for the new .NET object.
 */
export let adoptReceiver: (wrapper: DotnetObject) => void;

/**
 * What a constructor's native function takes first: `value` if it is a wrapper `new` made
 * and the addon has not adopted yet, else undefined (the addon then makes the wrapper).
 */
export let pendingOf: (value: unknown) => DotnetObject | undefined;

/** A wrapper's receiver key until the addon adopts it: no entry has it. */
export const PENDING = -1;

/**
 * Where the addon posts an adopted wrapper's key (`bridgeSetObjectFactory`); undefined
 * where the runtime has no external ArrayBuffers, and then nothing is adopted.
 */
let adoptedKeys: Int32Array | undefined;

export function useAdoptedKeys(keys: Int32Array | undefined): void {
  adoptedKeys = keys;
}

/**
 * A .NET object held by JavaScript. Every wrapper is an instance of the class generated for
 * its .NET type (which extends the class of its base type, down to `System.Object` and
 * this one). It keeps the .NET object alive until it is garbage-collected or disposed; the
 * same .NET object always comes back as the same wrapper while it is alive.
 */
export class DotnetObject {
  /**
   * The addon's key for this wrapper (an integer). Calls pass it in place of the wrapper:
   * looking it up is far cheaper than `napi_unwrap`.
   */
  #receiver: unknown;

  /** The same key, for the addon (see `RECEIVER_KEY`). */
  readonly [RECEIVER_KEY]: unknown;

  constructor(token?: typeof INTERNAL, receiver?: unknown) {
    if (token !== INTERNAL) {
      throw new TypeError(
        "DotnetObject cannot be constructed directly: use new on a .NET class (assembly.type(...) or assembly.namespaces)",
      );
    }
    this.#receiver = receiver;
    this[RECEIVER_KEY] = receiver;
  }

  static {
    receiverOf = (value) =>
      typeof value === "object" && value !== null && #receiver in value
        ? value.#receiver
        : typeof value === "number"
          ? Object(value)
          : value;
    pendingOf = (value) =>
      adoptedKeys !== undefined &&
      typeof value === "object" &&
      value !== null &&
      #receiver in value &&
      value.#receiver === PENDING
        ? value
        : undefined;
    adoptReceiver = (wrapper) => {
      const key = adoptedKeys![0];
      wrapper.#receiver = key;
      (wrapper as { [RECEIVER_KEY]: unknown })[RECEIVER_KEY] = key;
    };
  }

  /**
   * Calls `IDisposable.Dispose` (when the type implements it) and releases the .NET object
   * at once. Later use of the wrapper throws `HostStateError` `ObjectDisposed`; disposing
   * twice does nothing.
   */
  dispose(): void {
    native.bridgeDispose(this);
  }

  [disposeSymbol](): void {
    this.dispose();
  }

  /** Subscribes `listener` to the .NET event `event` (its .NET or JavaScript name). */
  on(event: string, listener: (...args: never[]) => unknown): this {
    on(this, event, listener);
    return this;
  }

  /** Unsubscribes a listener added with `on`. */
  off(event: string, listener: (...args: never[]) => unknown): this {
    off(this, event, listener);
    return this;
  }

  /** Runs a method on one of the addon's threads; the Promise settles with its result. */
  callAsync(method: string, ...args: unknown[]): Promise<unknown> {
    return callMemberAsync(this, method, args);
  }

  /**
   * The object as JSON data (so `JSON.stringify` works): a type's own JSON where it has one
   * (a Json.NET token), else as System.Text.Json serializes it, else its public properties.
   * Never throws: a disposed object is `"[Type (disposed)]"`.
   */
  toJSON(): unknown {
    // Inside an argument the wrapper is a reference: the replacer writes its handle.
    if (isWritingArguments()) return this;
    try {
      return native.bridgeObjectJson(this);
    } catch {
      return `[${this.constructor.name} (disposed)]`;
    }
  }

  /**
   * `String(obj)` and template literals: .NET's `ToString()`, or `[Type]` when it throws
   * (an explicit `obj.toString()` still throws what .NET threw).
   */
  [Symbol.toPrimitive](hint: string): string | number {
    if (hint === "number") return NaN;
    try {
      const text = (this as { toString(): unknown }).toString();
      return typeof text === "string" ? text : `[${this.constructor.name}]`;
    } catch {
      return `[${this.constructor.name}]`;
    }
  }

  /** `console.log(obj)`: the .NET type and, where it says more than its name, `ToString()`. */
  [inspect.custom](): string {
    const name = this.constructor.name;
    const text = this[Symbol.toPrimitive]("string") as string;
    return text === `[${name}]` || text.endsWith(`.${name}`) || text === name
      ? `[${name}]`
      : `${name} [${text}]`;
  }

  /** Subscribes `listener` to a static .NET event of this class. */
  static on(
    event: string,
    listener: (...args: never[]) => unknown,
  ): typeof DotnetObject {
    on(this, event, listener);
    return this;
  }

  /** Unsubscribes a listener added with the class's `on`. */
  static off(
    event: string,
    listener: (...args: never[]) => unknown,
  ): typeof DotnetObject {
    off(this, event, listener);
    return this;
  }

  /** Runs a static method on one of the addon's threads. */
  static callAsync(method: string, ...args: unknown[]): Promise<unknown> {
    return callMemberAsync(this, method, args);
  }
}
