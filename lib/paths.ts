import { statSync } from "node:fs";
import { resolve } from "node:path";
import { InvalidArgumentError } from "./errors.js";

/** Validates a path argument and makes it absolute (relative to the current directory, as `fs` does). */
export function toAbsolutePath(value: unknown, what: string): string {
  if (typeof value !== "string") {
    throw new InvalidArgumentError(
      `${what} must be a string path, got ${describe(value)}`,
    );
  }
  if (value.length === 0) {
    throw new InvalidArgumentError(`${what} must not be empty`);
  }
  if (value.includes("\0")) {
    throw new InvalidArgumentError(`${what} must not contain NUL characters`);
  }
  return resolve(value);
}

/**
 * A path to a file that hostfxr or .NET will open and read: absolute, and when it exists, a
 * regular file. A FIFO, socket or device would block the reader (forever, for a FIFO
 * nobody writes to); a directory would fail less clearly. A missing file (or one stat
 * cannot see) is left to the reader, whose error says what it looked for.
 */
export function toFilePath(value: unknown, what: string): string {
  const path = toAbsolutePath(value, what);
  let stats;
  try {
    stats = statSync(path, { throwIfNoEntry: false });
  } catch {
    // A name too long, a component that is not a directory, no permission: the reader
    // fails on it too, and says so in its own terms.
    return path;
  }
  if (stats && !stats.isFile()) {
    const kind = stats.isDirectory()
      ? "a directory"
      : stats.isFIFO()
        ? "a FIFO (named pipe)"
        : stats.isSocket()
          ? "a socket"
          : "a device";
    throw new InvalidArgumentError(
      `${what} must be a regular file, but ${path} is ${kind}: reading it would block or fail`,
    );
  }
  return path;
}

export function optionalPath(value: unknown, what: string): string | undefined {
  return value === undefined || value === null
    ? undefined
    : toAbsolutePath(value, what);
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}
