// How .NET member names appear in JavaScript.
import { HostStateError } from "../errors.js";

export type MemberNaming = "camelCase" | "dotnet";

let naming: MemberNaming = "camelCase";
let fixed = false;

/**
 * `IOStream` → `ioStream`, `Count` → `count`, `URLValue` → `urlValue`: the leading run of
 * capitals is lowered, except the one that starts the next word (as System.Text.Json's
 * camelCase policy does).
 */
export function camelCase(name: string): string {
  if (name.length === 0 || name[0] !== name[0]!.toUpperCase()) return name;
  let end = 0;
  while (end < name.length && name[end] !== name[end]!.toLowerCase()) end++;
  if (end === 0) return name;
  if (end === 1 || end === name.length)
    return name.slice(0, end).toLowerCase() + name.slice(end);
  // "URLValue": "URL" + "Value"; keep the capital that starts "Value".
  const lowerTo =
    name[end] !== undefined && /[a-z]/.test(name[end]!) ? end - 1 : end;
  return name.slice(0, lowerTo).toLowerCase() + name.slice(lowerTo);
}

/** The JavaScript name of a .NET member under the current naming. */
export function jsName(name: string): string {
  fixed = true;
  return naming === "camelCase" ? camelCase(name) : name;
}

/**
 * Chooses how .NET member names appear on wrappers: `"camelCase"` (the default:
 * `counter.increment()`) or `"dotnet"` (`counter.Increment()`). Call it before the first
 * .NET object or type reaches JavaScript in this thread; classes are built once.
 */
export function setMemberNaming(policy: MemberNaming): void {
  if (policy !== "camelCase" && policy !== "dotnet") {
    throw new TypeError(
      `member naming must be "camelCase" or "dotnet", got ${String(policy)}`,
    );
  }
  if (fixed && policy !== naming) {
    throw new HostStateError(
      "member naming can only be chosen before the first .NET type is used in this thread",
      {
        code: "NamingFixed",
        hint: "Call setMemberNaming() at start-up, before load().",
      },
    );
  }
  naming = policy;
}
