// The base class of every .NET object wrapper.
import { inspect } from "node:util";
import { native } from "../native/binding.js";
import { callMemberAsync } from "./calls.js";
import { off, on } from "./events.js";

/** Passed to generated constructors by the wrapper factory: "wrap, don't construct". */
export const INTERNAL: unique symbol = Symbol("dotnet-host.internal");

/** Node 18.18+/20.4+ define Symbol.dispose; older ones get the registered symbol. */
export const disposeSymbol: typeof Symbol.dispose =
  Symbol.dispose ?? (Symbol.for("nodejs.dispose") as typeof Symbol.dispose);

/**
 * A .NET object held by JavaScript. Every wrapper is an instance of the class generated for
 * its .NET type (which extends the class of its base type, down to `System.Object` and
 * this one). It keeps the .NET object alive until it is garbage-collected or disposed; the
 * same .NET object always comes back as the same wrapper while it is alive.
 */
export class DotnetObject {
  constructor(token?: typeof INTERNAL) {
    if (token !== INTERNAL) {
      throw new TypeError(
        "DotnetObject cannot be constructed directly: use new on a .NET class (assembly.type(...) or assembly.namespaces)",
      );
    }
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

  /** The object as System.Text.Json serializes it (so `JSON.stringify` works). */
  toJSON(): unknown {
    return native.bridgeObjectJson(this);
  }

  [inspect.custom](): string {
    return `[${this.constructor.name}]`;
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
