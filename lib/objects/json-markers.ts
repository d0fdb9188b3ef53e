// Arguments and results that cross as JSON: wrappers inside them cross by reference, and
// values JSON cannot carry exactly (bigints, Dates with their .NET precision, NaN, ±Infinity,
// integers beyond 2^53) as markers the bridge knows (managed/DotnetHost.Bridge/JsonOptions.cs).
import { native } from "../native/binding.js";
import { DotnetObject } from "./base.js";
import { writingArguments } from "./writing.js";

/**
 * Where a Date made from a .NET date keeps what its milliseconds leave out (sub-millisecond
 * ticks, `Kind`, a DateTimeOffset's offset) as `"milliseconds:exact"`, so that passing it
 * back gives .NET the same value exactly (managed/DotnetHost.Bridge/Times.cs). Ignored once
 * the Date no longer holds those milliseconds.
 */
export const exactTime: unique symbol = Symbol("dotnet-host: exact .NET time");

/** What `date` keeps of its .NET value beyond its milliseconds, if it still holds them. */
function exactOf(date: Date, time: number): number | undefined {
  const hidden = (date as unknown as Record<symbol, unknown>)[exactTime];
  if (typeof hidden !== "string") return undefined;
  const [kept, exact] = hidden.split(":");
  return Number(kept) === time ? Number(exact) : undefined;
}

/**
 * `JSON.stringify`'s replacer for arguments: a wrapper anywhere inside (an array of them
 * for a `List<IShape>`, one in a record's property) crosses as a reference to its object,
 * not as a copy; bigints and Dates cross as markers, so they arrive as `long`/`BigInteger`
 * and `DateTime` even where .NET declares `object` (managed/DotnetHost.Bridge/JsonOptions.cs).
 * Numbers JSON would change cross as markers too: NaN and ±Infinity (JSON.stringify
 * writes `null`), and integers beyond 2^53 (printed rounded: 2**62 as
 * 4611686018427388000), which no integer type may then take as exact. `this[key]` is the
 * value before its toJSON ran.
 */
export function referenceReplacer(
  this: unknown,
  key: string,
  value: unknown,
): unknown {
  const original = (this as Record<string, unknown>)[key];
  if (original instanceof DotnetObject)
    return { $dotnet: native.bridgeHandleOf(original) };
  if (typeof value === "number") {
    if (
      !Number.isFinite(value) ||
      (Math.abs(value) > Number.MAX_SAFE_INTEGER && Number.isInteger(value))
    )
      return { $double: String(value) };
    return value;
  }
  if (typeof original === "bigint") return { $bigint: original.toString() };
  // A TypedArray inside JSON (a double[][] of Float64Arrays) is its items.
  if (ArrayBuffer.isView(original) && !(original instanceof DataView))
    return Array.from(original as unknown as ArrayLike<unknown>);
  if (original instanceof Date) {
    const time = original.getTime();
    if (Number.isNaN(time)) return value;
    const exact = exactOf(original, time);
    return exact === undefined
      ? { $date: time }
      : { $date: time, $exact: exact };
  }
  return value;
}

/** Deeper data is left to the replacer's path, which also reports cycles. */
const PLAIN_DEPTH = 64;

/**
 * Whether `JSON.stringify` writes `value` as the replacer would without it: JSON data made
 * of object literals, arrays, strings, booleans, null and numbers JSON keeps exactly, with
 * nothing the replacer marks (a wrapper, bigint, Date, TypedArray, NaN, ±Infinity or an
 * integer beyond 2^53) and no `toJSON`. Such data, the common argument, then takes
 * `JSON.stringify`'s fast path: calling the replacer for every value costs more than the
 * rest of the stringifying.
 */
function isPlainData(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case "string":
    case "boolean":
    case "undefined":
      return true;
    case "number":
      // False for NaN; finite numbers beyond 2^53 are all integers.
      return Math.abs(value) <= Number.MAX_SAFE_INTEGER;
    case "object": {
      if (value === null) return true;
      if (depth >= PLAIN_DEPTH) return false;
      if ("toJSON" in value) return false;
      const prototype = Object.getPrototypeOf(value) as unknown;
      if (prototype === Array.prototype) {
        const items = value as unknown[];
        for (let index = 0; index < items.length; index += 1)
          if (!isPlainData(items[index], depth + 1)) return false;
        return true;
      }
      if (prototype !== Object.prototype && prototype !== null) return false;
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record))
        if (!isPlainData(record[key], depth + 1)) return false;
      return true;
    }
    default:
      // A function or symbol inside is left out either way; a bigint needs its marker.
      return false;
  }
}

/**
 * An argument as JSON for .NET: wrappers inside as references, without running their toJSON
 * (writing.ts), and the markers of the replacer.
 */
export function stringifyArgument(value: unknown): string | undefined {
  if (isPlainData(value, 0)) return JSON.stringify(value);
  return writingArguments(() => JSON.stringify(value, referenceReplacer));
}

/**
 * `JSON.parse`'s reviver for results: the bridge's markers become a wrapper (the object
 * itself, by reference), a bigint or a Date.
 */
export function referenceReviver(
  this: unknown,
  _key: string,
  value: unknown,
): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value))
    return value;
  const marker = value as Record<string, unknown>;
  if (typeof marker.$dotnet === "string" && typeof marker.$type === "number")
    return native.bridgeRevive(marker.$dotnet);
  const keys = Object.keys(marker);
  if (typeof marker.$date === "number") {
    if (keys.length === 1) return new Date(marker.$date);
    if (keys.length === 2 && typeof marker.$exact === "number") {
      const date = new Date(marker.$date);
      (date as unknown as Record<symbol, unknown>)[exactTime] =
        `${marker.$date}:${marker.$exact}`;
      return date;
    }
    return value;
  }
  if (keys.length !== 1) return value;
  if (typeof marker.$bigint === "string") return BigInt(marker.$bigint);
  if (typeof marker.$double === "string") return Number(marker.$double);
  return value;
}
