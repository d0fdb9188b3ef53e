// Binding members of .NET types (once each) and calling them by name.
import { BindError, InvalidArgumentError } from "../errors.js";
import { native } from "../native/binding.js";
import { bindError, supportedCandidates } from "../typed/candidates.js";
import { callable, prepare, type Callable } from "../typed/invoke.js";
import type { BindResult, Candidate } from "../typed/kinds.js";
import {
  describeType,
  typeArgumentTokens,
  type MemberSummary,
  type TypeArgument,
} from "./registry.js";

/** A member as a class knows it: the type that declares it (or the interface). */
export interface MemberRef {
  ownerId: number;
  member: MemberSummary;
}

export type Role = "call" | "get" | "set" | "add" | "remove";

const candidateCache = new Map<string, Candidate[]>();
const callableCache = new Map<string, Callable>();

/** The bridge's candidates for a member (compiled on first use, then cached). */
export function candidates(
  ownerId: number,
  kind: MemberSummary["kind"] | "constructor" | "conversion",
  name: string,
  isStatic: boolean,
  typeArguments?: readonly TypeArgument[],
): Candidate[] {
  const tokens = typeArguments ? typeArgumentTokens(typeArguments) : undefined;
  const key = `${ownerId}|${kind}|${name}|${isStatic}|${tokens ? JSON.stringify(tokens) : ""}`;
  let found = candidateCache.get(key);
  if (!found) {
    const result = JSON.parse(
      native.bridgeBindMember(
        ownerId,
        kind,
        name,
        isStatic,
        tokens ? JSON.stringify(tokens) : null,
        null,
      ),
    ) as BindResult;
    if (result.error !== undefined) throw bindError(result);
    found = result.candidates;
    candidateCache.set(key, found);
  }
  return found;
}

/** The callable for one role of a member: a method's overloads, a property's getter, … */
export function memberCallable(
  ownerId: number,
  kind: MemberSummary["kind"] | "constructor" | "conversion",
  name: string,
  isStatic: boolean,
  role: Role,
  typeArguments?: readonly TypeArgument[],
): Callable {
  const tokens = typeArguments ? typeArgumentTokens(typeArguments) : undefined;
  const key = `${ownerId}|${kind}|${name}|${isStatic}|${role}|${tokens ? JSON.stringify(tokens) : ""}`;
  let found = callableCache.get(key);
  if (!found) {
    const owner = describeType(ownerId).name;
    const display =
      kind === "constructor" ? `new ${owner}` : `${owner}.${name}`;
    const forRole = candidates(
      ownerId,
      kind,
      name,
      isStatic,
      typeArguments,
    ).filter((candidate) => (candidate.role ?? "call") === role);
    const generic =
      kind === "method" &&
      !typeArguments &&
      forRole.some((candidate) => candidate.open);
    found = callable(
      display,
      supportedCandidates(display, forRole).map((candidate) =>
        prepare(
          kind === "constructor"
            ? { ...candidate, constructs: true }
            : candidate,
        ),
      ),
      generic ? { ownerId, name, isStatic } : undefined,
    );
    callableCache.set(key, found);
  }
  return found;
}

/** Where a class keeps the members it declares, by JavaScript name. */
export const MEMBERS: unique symbol = Symbol("dotnet-host.members");

interface HasMembers {
  [MEMBERS]?: Map<string, MemberRef>;
}

/** Finds a member by its JavaScript or .NET name along the class chain. */
export function findMember(
  start: object,
  name: string,
  isStatic: boolean,
): MemberRef | undefined {
  for (
    let cls = start as HasMembers | null;
    cls && Object.prototype.hasOwnProperty.call(cls, MEMBERS);
    cls = Object.getPrototypeOf(cls) as HasMembers | null
  ) {
    const members = cls[MEMBERS]!;
    const found =
      members.get(name) ??
      [...members.values()].find((ref) => ref.member.name === name);
    if (found && found.member.static === isStatic) return found;
  }
  return undefined;
}

/** `obj.callAsync("method", ...args)` and `Class.callAsync("method", ...args)`. */
export function callMemberAsync(
  target: object,
  method: string,
  args: readonly unknown[],
): Promise<unknown> {
  if (typeof method !== "string") {
    return Promise.reject(
      new InvalidArgumentError(
        `callAsync takes the method's name first, got ${typeof method}`,
      ),
    );
  }
  const isStatic = typeof target === "function";
  const cls = isStatic ? target : target.constructor;
  const found = findMember(cls, method, isStatic);
  if (!found || found.member.kind !== "method") {
    return Promise.reject(
      new BindError(
        `${(cls as { name?: string }).name ?? "the type"} has no ${isStatic ? "static" : "instance"} method ${method}`,
        { code: "MemberNotFound", candidates: [] },
      ),
    );
  }
  try {
    const { callAsync } = memberCallable(
      found.ownerId,
      "method",
      found.member.name,
      isStatic,
      "call",
    );
    return callAsync.apply(isStatic ? undefined : target, [...args]);
  } catch (error) {
    return Promise.reject(error);
  }
}
