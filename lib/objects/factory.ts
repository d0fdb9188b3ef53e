// The factory the addon uses to make wrappers and to cross JSON in this environment.
import { Buffer } from "node:buffer";
import { native } from "../native/binding.js";
import { INTERNAL, RECEIVER_KEY, useAdoptedKeys } from "./base.js";
import {
  exactTime,
  referenceReviver,
  stringifyArgument,
} from "./json-markers.js";
import { classFor } from "./registry.js";

let factoryInstalled = false;

/** Node's own, taken before user code could replace `Buffer.allocUnsafe`. */
const allocUnsafe = Buffer.allocUnsafe;

/**
 * Lets the addon make wrappers in this environment: `new (class of typeId)(INTERNAL,
 * receiver)`, where `receiver` is the key calls pass for the wrapper, or, for a wrapper
 * `new` made itself, the key posted in the array it returns. Small Buffers for `byte[]`
 * come from Node's pool, as Node's own do.
 */
export function installObjectFactory(): void {
  if (factoryInstalled) return;
  const adoptedKeys = native.bridgeSetObjectFactory(
    (typeId: number, receiver: unknown) =>
      new (classFor(typeId))(INTERNAL, receiver),
    stringifyArgument,
    referenceReviver,
    exactTime,
    RECEIVER_KEY,
    (size: number) => allocUnsafe(size),
  );
  useAdoptedKeys(adoptedKeys);
  factoryInstalled = true;
}
