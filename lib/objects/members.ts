// Installing a .NET type's members on its JavaScript class: methods on the prototype (or
// the class, for static ones), properties and fields as accessors, indexers as
// getItem/setItem. Each is bound on first use, then replaced by the bound function, so a
// call after the first goes straight to the native function.
import { InvalidArgumentError } from "../errors.js";
import { MEMBERS, memberCallable, type MemberRef } from "./calls.js";
import { jsName } from "./names.js";
import type { MemberSummary, TypeArgument } from "./registry.js";

/**
 * Names a .NET member may not take in JavaScript; it keeps its .NET name instead. Besides
 * JavaScript's own, these are DotnetObject's: `dispose` (which calls IDisposable.Dispose
 * and releases the object), `on`/`off` (events), `callAsync` and `toJSON`. `then` is never
 * a wrapper's member, so a wrapper is never taken for a Promise (a .NET `Then` stays
 * `Then`). On a class, the names every JavaScript function has (`name`, `length`,
 * `toString`, `call`, `apply`, `bind` …) stay JavaScript's.
 */
const helpers = ["dispose", "on", "off", "callAsync", "toJSON", "then"];
const reservedInstance = new Set(["constructor", "__proto__", ...helpers]);
const reservedStatic = new Set([
  "prototype",
  "__proto__",
  "constructor",
  ...helpers,
]);

type Target = Record<PropertyKey, unknown>;

/** The generic form of a method: `obj.method.of("int")(…)`. */
export interface GenericMethod {
  (...args: unknown[]): unknown;
  /** Closes the generic method over these type arguments. */
  of(...typeArguments: TypeArgument[]): (...args: unknown[]) => unknown;
}

function define(
  target: object,
  name: string,
  descriptor: PropertyDescriptor,
): void {
  Object.defineProperty(target, name, {
    configurable: true,
    enumerable: false,
    ...descriptor,
  });
}

function installMethod(target: object, name: string, ref: MemberRef): void {
  const { ownerId, member } = ref;
  const bind = () =>
    memberCallable(ownerId, "method", member.name, member.static, "call").call;
  if (member.generic) {
    // Read on every call (`Enumerable.select(…)`, `String.join(…)`): the callable is
    // looked up once, and a static member's function made once.
    let callable: ((this: unknown, ...args: unknown[]) => unknown) | undefined;
    const generic = (self: unknown): GenericMethod => {
      const method = ((...args: unknown[]) =>
        (callable ??= bind()).apply(self, args)) as GenericMethod;
      method.of = (...typeArguments) => {
        const closed = memberCallable(
          ownerId,
          "method",
          member.name,
          member.static,
          "call",
          typeArguments,
        ).call;
        return (...args: unknown[]) => closed.apply(self, args);
      };
      return method;
    };
    let shared: GenericMethod | undefined;
    define(target, name, {
      get(this: unknown) {
        return member.static ? (shared ??= generic(undefined)) : generic(this);
      },
    });
    return;
  }
  let bound: ((this: unknown, ...args: unknown[]) => unknown) | undefined;
  define(target, name, {
    writable: true,
    value: function (this: unknown, ...args: unknown[]) {
      if (bound === undefined) {
        bound = bind();
        define(target, name, { writable: true, value: bound });
      }
      // A reference taken before the first call (`const { add } = Calc`) keeps this stub:
      // it must not redefine the property on every call.
      return bound.apply(this, args);
    },
  });
}

function installAccessor(
  target: object,
  name: string,
  ref: MemberRef,
  display: string,
): void {
  const { ownerId, member } = ref;
  const kind = member.kind as "property" | "field";
  const resolve = () => {
    const get = member.canRead
      ? memberCallable(ownerId, kind, member.name, member.static, "get").call
      : () => {
          throw new InvalidArgumentError(`${display} is write-only`);
        };
    const set = member.canWrite
      ? memberCallable(ownerId, kind, member.name, member.static, "set").call
      : () => {
          throw new InvalidArgumentError(`${display} is read-only`);
        };
    define(target, name, { get, set });
    return { get, set };
  };
  define(target, name, {
    get(this: unknown) {
      return resolve().get.call(this);
    },
    set(this: unknown, value: unknown) {
      resolve().set.call(this, value);
    },
  });
}

function installIndexer(
  target: object,
  ref: MemberRef,
  used: Set<string>,
  onlyMissing: boolean,
): void {
  const { ownerId, member } = ref;
  const role = (which: "get" | "set") =>
    memberCallable(ownerId, "indexer", member.name, false, which).call;
  for (const [name, which] of [
    ["getItem", "get"],
    ["setItem", "set"],
  ] as const) {
    // A class's own indexers (and its base classes') come first; an interface's only
    // where the class has none, as C# sees an explicit implementation only through
    // the interface.
    if (used.has(name) || (onlyMissing && name in target)) continue;
    used.add(name);
    let bound: ((this: unknown, ...args: unknown[]) => unknown) | undefined;
    define(target, name, {
      writable: true,
      value: function (this: unknown, ...args: unknown[]) {
        bound ??= role(which);
        return bound.apply(this, args);
      },
    });
  }
}

/** Properties and fields first: they keep their camelCase name when a method collides. */
export function inNamingOrder<T extends { kind: string }>(
  members: readonly T[],
): T[] {
  const valued = (member: T) =>
    member.kind === "property" || member.kind === "field";
  return [...members.filter(valued), ...members.filter((m) => !valued(m))];
}

/**
 * The JavaScript name of a member, given the names its side (static or instance) already
 * took, or undefined when it gets none: operators keep their .NET names
 * (`Duration.op_Addition(a, b)`); a name JavaScript reserves or one already taken falls
 * back to the .NET name. The declaration generator names members by the same rule.
 */
export function jsMemberName(
  member: { name: string; static: boolean },
  taken: ReadonlySet<string>,
  rename: (name: string) => string = jsName,
): string | undefined {
  const reserved = member.static ? reservedStatic : reservedInstance;
  let name = member.name.startsWith("op_") ? member.name : rename(member.name);
  if (taken.has(name) || reserved.has(name)) name = member.name;
  if (taken.has(name) || reserved.has(name)) return undefined;
  return name;
}

/**
 * Installs `members` (declared by type `ownerId`) on a class and its prototype. With
 * `onlyMissing`, members whose name the prototype chain already has are left out (an
 * interface's members on a class that implements them implicitly).
 */
export function installMembers(
  cls: Target,
  ownerId: number,
  ownerName: string,
  members: readonly MemberSummary[],
  onlyMissing = false,
): void {
  const table = cls[MEMBERS] as Map<string, MemberRef>;
  const used = { instance: new Set<string>(), static: new Set<string>() };
  for (const member of inNamingOrder(members)) {
    const target = (member.static ? cls : cls.prototype) as object;
    const taken = member.static ? used.static : used.instance;
    const ref = { ownerId, member };
    if (member.kind === "event") {
      table.set(`event:${member.name}`, ref);
      continue;
    }
    if (member.kind === "indexer") {
      installIndexer(target, ref, taken, onlyMissing);
      continue;
    }
    const name = jsMemberName(member, taken);
    if (name === undefined) continue;
    if (onlyMissing && name in target) continue;
    taken.add(name);
    table.set(name, ref);
    if (member.kind === "method") installMethod(target, name, ref);
    else installAccessor(target, name, ref, `${ownerName}.${member.name}`);
  }
}
