// assembly.namespaces.MyLib.Counter: an assembly's public types as nested objects, built
// on first access from the list of its type names.
import { native } from "../native/binding.js";
import { genericDefinition, type GenericDefinition } from "./generics.js";
import { findType, type DotnetType } from "./registry.js";

type Child = Namespace | DotnetType | GenericDefinition;

/**
 * A namespace: its child namespaces, classes, enums and generic definitions by name.
 * Members are typed `any` because their shape comes from .NET metadata at run time;
 * declare interfaces for the types you use (see docs/objects.md#typescript).
 */
export interface Namespace {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly [name: string]: any;
}

interface Listing {
  /** Non-generic types by full name. */
  types: Set<string>;
  /** Generic definitions: full name without arity → arities. */
  generics: Map<string, number[]>;
  /** Every namespace prefix. */
  namespaces: Set<string>;
}

function listing(assemblyIds: readonly number[]): Listing {
  const result: Listing = {
    types: new Set(),
    generics: new Map(),
    namespaces: new Set(),
  };
  const names = assemblyIds.flatMap(
    (id) => JSON.parse(native.bridgeListTypes(id)) as string[],
  );
  for (const fullName of names) {
    // Nested types are reached through their outer class (Outer.Inner).
    if (fullName.includes("+")) continue;
    const tick = fullName.lastIndexOf("`");
    if (tick > 0) {
      const base = fullName.slice(0, tick);
      const arities = result.generics.get(base) ?? [];
      const arity = Number(fullName.slice(tick + 1));
      if (!arities.includes(arity)) arities.push(arity);
      result.generics.set(base, arities);
    } else {
      result.types.add(fullName);
    }
    const parts = fullName.split(".");
    for (let end = 1; end < parts.length; end++)
      result.namespaces.add(parts.slice(0, end).join("."));
  }
  return result;
}

/** An assembly's own listing, and the one with the framework added (read only when needed). */
interface Listings {
  own: () => Listing;
  all: () => Listing;
}

function node(assemblyId: number, prefix: string, lists: Listings): Namespace {
  const cache = new Map<string, Child>();
  const lookup = (name: string, list: Listing): Child | undefined => {
    const full = prefix ? `${prefix}.${name}` : name;
    const { types, generics, namespaces } = list;
    if (types.has(full)) return findType(assemblyId, full);
    const arities = generics.get(full);
    if (arities) return genericDefinition(assemblyId, full, arities);
    if (namespaces.has(full)) return node(assemblyId, full, lists);
    return undefined;
  };
  const resolve = (name: string): Child | undefined =>
    lookup(name, lists.own()) ?? lookup(name, lists.all());
  const list = lists.all;
  const children = () => {
    const { types, generics, namespaces } = list();
    const depth = prefix ? prefix.split(".").length : 0;
    const names = new Set<string>();
    for (const full of [...types, ...generics.keys(), ...namespaces]) {
      if (prefix && !full.startsWith(`${prefix}.`)) continue;
      const parts = full.split(".");
      if (parts.length > depth) names.add(parts[depth]!);
    }
    return [...names].sort();
  };
  const child = (name: string): Child | undefined => {
    if (!cache.has(name)) {
      const found = resolve(name);
      if (found === undefined) return undefined;
      cache.set(name, found);
    }
    return cache.get(name);
  };
  return new Proxy(Object.create(null) as Namespace, {
    get: (_target, name) =>
      typeof name === "string" ? child(name) : undefined,
    has: (_target, name) =>
      typeof name === "string" && children().includes(name),
    ownKeys: () => children(),
    // An accessor: listing a namespace (Object.keys, `in`) loads none of its types, so a
    // type that cannot load fails when it is used, alone.
    getOwnPropertyDescriptor: (_target, name) =>
      typeof name === "string" && children().includes(name)
        ? { configurable: true, enumerable: true, get: () => child(name) }
        : undefined,
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}

/**
 * The root of an assembly's namespaces: its own public types, its dependencies' (from its
 * .deps.json) and the shared framework's (`namespaces.System.Text.StringBuilder`).
 */
export function namespaceRoot(assemblyId: number): Namespace {
  let own: Listing | undefined;
  let all: Listing | undefined;
  return node(assemblyId, "", {
    own: () => (own ??= listing([assemblyId])),
    all: () => (all ??= listing([assemblyId, FRAMEWORK])),
  });
}

/** `bridgeListTypes(-1)` lists the shared framework's public types. */
const FRAMEWORK = -1;
