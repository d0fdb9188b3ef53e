// Subscribing JavaScript functions to .NET events. Each listener becomes one .NET
// delegate, kept so the same delegate can be removed again.
import { BindError, InvalidArgumentError } from "../errors.js";
import { native } from "../native/binding.js";
import type { DotnetObject } from "./base.js";
import {
  MEMBERS,
  candidates,
  memberCallable,
  type MemberRef,
} from "./calls.js";
import { camelCase } from "./names.js";
import { describeType, TYPE, type TypeDescription } from "./registry.js";

type Listener = (...args: never[]) => unknown;

/** Per target (object or class): event → listener → the delegate subscribed for it. */
const subscriptions = new WeakMap<
  object,
  Map<string, Map<Listener, DotnetObject>>
>();

interface HasTables {
  [MEMBERS]?: Map<string, MemberRef>;
  [TYPE]?: TypeDescription;
}

function findEvent(
  target: object,
  event: string,
  isStatic: boolean,
): MemberRef {
  const start = (isStatic ? target : target.constructor) as HasTables;
  const known: string[] = [];
  for (
    let cls: HasTables | null = start;
    cls?.[MEMBERS];
    cls = Object.getPrototypeOf(cls) as HasTables | null
  ) {
    if (!Object.prototype.hasOwnProperty.call(cls, MEMBERS)) continue;
    for (const [key, ref] of cls[MEMBERS]!) {
      if (!key.startsWith("event:") || ref.member.static !== isStatic) continue;
      const name = ref.member.name;
      if (name === event || camelCase(name) === event) return ref;
      known.push(name);
    }
  }
  // Events of interfaces the type implements explicitly.
  const description = start[TYPE];
  for (const contract of description?.interfaces ?? []) {
    for (const member of describeType(contract).members) {
      if (member.kind !== "event" || member.static !== isStatic) continue;
      if (member.name === event || camelCase(member.name) === event)
        return { ownerId: contract, member };
      known.push(member.name);
    }
  }
  const typeName = description?.name ?? "this object";
  throw new BindError(
    `${typeName} has no ${isStatic ? "static" : "instance"} event ${event}${known.length ? `; it has ${[...new Set(known)].join(", ")}` : ""}`,
    { code: "EventNotFound", candidates: [...new Set(known)] },
  );
}

function accessors(ref: MemberRef) {
  const { ownerId, member } = ref;
  const add = memberCallable(
    ownerId,
    "event",
    member.name,
    member.static,
    "add",
  );
  const remove = memberCallable(
    ownerId,
    "event",
    member.name,
    member.static,
    "remove",
  );
  const wire = candidates(ownerId, "event", member.name, member.static).find(
    (candidate) => candidate.role === "add",
  )!.parameters![0]!;
  return { add: add.call, remove: remove.call, wire };
}

/** `target.on(event, listener)`: target is a wrapper (instance events) or a class (static ones). */
export function on(target: object, event: string, listener: Listener): void {
  if (typeof event !== "string")
    throw new InvalidArgumentError("the event name must be a string");
  if (typeof listener !== "function")
    throw new InvalidArgumentError(
      `the listener for ${event} must be a function`,
    );
  const isStatic = typeof target === "function";
  const ref = findEvent(target, event, isStatic);
  let events = subscriptions.get(target);
  if (!events) subscriptions.set(target, (events = new Map()));
  const key = `${ref.ownerId}:${ref.member.name}`;
  let listeners = events.get(key);
  if (!listeners) events.set(key, (listeners = new Map()));
  // As addEventListener: the same listener twice is one subscription.
  if (listeners.has(listener)) return;
  const { add, wire } = accessors(ref);
  const handler = native.bridgeCreateDelegate(wire, listener) as DotnetObject;
  try {
    add.call(isStatic ? undefined : target, handler);
  } catch (error) {
    handler.dispose();
    throw error;
  }
  listeners.set(listener, handler);
}

/** Removes a listener added with `on`; one that is not subscribed is ignored. */
export function off(target: object, event: string, listener: Listener): void {
  const isStatic = typeof target === "function";
  const ref = findEvent(target, event, isStatic);
  const listeners = subscriptions
    .get(target)
    ?.get(`${ref.ownerId}:${ref.member.name}`);
  const handler = listeners?.get(listener);
  if (!listeners || !handler) return;
  listeners.delete(listener);
  try {
    accessors(ref).remove.call(isStatic ? undefined : target, handler);
  } finally {
    handler.dispose();
  }
}
