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
