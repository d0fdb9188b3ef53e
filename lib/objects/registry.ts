// The JavaScript classes of .NET types, built from the bridge's description of each type
// the first time JavaScript meets it, and the factory the addon uses to make wrappers.
import { BindError, InvalidArgumentError } from "../errors.js";
import { native } from "../native/binding.js";
import { bindError } from "../typed/candidates.js";
import type { Wire } from "../typed/kinds.js";
import { DotnetObject, INTERNAL } from "./base.js";
import { MEMBERS, memberCallable, type MemberRef } from "./calls.js";
import { installIteration } from "./iteration.js";
import { installMembers } from "./members.js";
import { writingArguments } from "./writing.js";

export interface MemberSummary {
  name: string;
  kind: "method" | "property" | "indexer" | "field" | "event";
  static: boolean;
  canRead: boolean;
  canWrite: boolean;
  generic: boolean;
}

/** What the bridge says about a type (managed/DotnetHost.Bridge/Types.cs). */
export interface TypeDescription {
  id: number;
  /** C#-style: `Counter`, `List<int>`. */
  name: string;
  fullName: string;
  category: "class" | "struct" | "interface" | "enum" | "delegate";
  public: boolean;
  static: boolean;
  abstract: boolean;
  baseTypeId?: number;
  interfaces: number[];
  assignableTo: string[];
  disposable: boolean;
  iteration: "" | "plain" | "generic" | "dictionary";
  asyncIterable: boolean;
  constructors: number;
  /** A value JavaScript holds as its own (a number, a string, a Date), not a wrapper. */
  byValue?: boolean;
  enumValues?: Record<string, number>;
  flags?: boolean;
  wire?: Wire;
  nested: string[];
  members: MemberSummary[];
}

/** Where a class, enum or generic definition keeps its .NET type. */
export const TYPE: unique symbol = Symbol("dotnet-host.type");

/** A generated class: `new` constructs the .NET object; statics are the type's static members. */
/* eslint-disable @typescript-eslint/no-explicit-any -- shapes come from .NET metadata at run time */
export interface DotnetClass {
  /** The instance's members are the .NET type's, so they are typed `any`. */
  new (...args: any[]): any;
  readonly [TYPE]: TypeDescription;
  readonly prototype: DotnetObject;
  [member: string]: any;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/** An enum: its members' values by name (names; numbers for a [Flags] enum). */
export type DotnetEnum = Readonly<Record<string, string | number>> & {
  readonly [TYPE]: TypeDescription;
};

/** A generic type definition: close it with `.of(...)`. */
export interface GenericDefinition {
  readonly name: string;
  readonly fullName: string;
  /** The class of the generic type closed over these type arguments. */
  of(...typeArguments: TypeArgument[]): DotnetType;
}

export type DotnetType = DotnetClass | DotnetEnum;

/** A type argument: a C# type name (`"int"`, `"MyLib.Order"`) or a type from this API. */
export type TypeArgument = string | DotnetType;

const descriptions = new Map<
  number,
  TypeDescription & { assignable: Set<string> }
>();
const types = new Map<number, DotnetType>();

export function describeType(
  typeId: number,
): TypeDescription & { assignable: Set<string> } {
  let description = descriptions.get(typeId);
  if (!description) {
    const parsed = JSON.parse(
      native.bridgeDescribeType(typeId),
    ) as TypeDescription;
    description = { ...parsed, assignable: new Set(parsed.assignableTo) };
    descriptions.set(typeId, description);
  }
  return description;
}

/** Whether an object of type `from` can be passed where `to` is declared (variance too). */
export function isAssignable(to: number, from: number): boolean {
  return to === from || native.bridgeIsAssignable(to, from);
}

/** The .NET type of a wrapper, class or enum from this API. */
export function typeOf(
  value: unknown,
): (TypeDescription & { assignable: Set<string> }) | undefined {
  const holder =
    typeof value === "function"
      ? value
      : value instanceof DotnetObject
        ? value.constructor
        : value;
  const description = (holder as { [TYPE]?: TypeDescription } | null)?.[TYPE];
  return description ? describeType(description.id) : undefined;
}

/** The class for wrappers of run-time type `typeId`. */
export function classFor(typeId: number): DotnetClass {
  const type = typeFor(typeId);
  if (typeof type !== "function") {
    throw new InvalidArgumentError(
      `${describeType(typeId).fullName} is an enum, not a class`,
    );
  }
  return type;
}

export function typeFor(typeId: number): DotnetType {
  let type = types.get(typeId);
  if (!type) {
    const description = describeType(typeId);
    type =
      description.category === "enum"
        ? buildEnum(description)
        : build(description);
    types.set(typeId, type);
  }
  return type;
}

/**
 * An enum as JavaScript sees it: each member's value, which is what .NET gives for it and
 * takes back. That is the member's name (`DayOfWeek.Monday === "Monday"`, as a TypeScript
 * string enum), or, for a [Flags] enum, its number, to combine with `|`.
 */
function buildEnum(description: TypeDescription): DotnetEnum {
  const values = Object.fromEntries(
    Object.entries(description.enumValues ?? {}).map(([name, value]) => [
      name,
      description.flags ? value : name,
    ]),
  );
  Object.defineProperty(values, TYPE, { value: description });
  return Object.freeze(values) as DotnetEnum;
}

/**
 * How `new` makes an object of this type: checked once, then the constructors' callable
 * (bound on the first `new`) on every call.
 */
function constructorOf(
  description: TypeDescription,
): (args: unknown[]) => DotnetObject {
  const what = description.name;
  if (description.category === "interface") {
    return () => {
      throw new InvalidArgumentError(
        `${what} is an interface: it cannot be constructed`,
      );
    };
  }
  if (description.category === "delegate") {
    return (args) => {
      if (typeof args[0] !== "function" || !description.wire) {
        throw new InvalidArgumentError(
          `new ${what}(fn) takes the JavaScript function to call`,
        );
      }
      return native.bridgeCreateDelegate(
        description.wire,
        args[0],
      ) as DotnetObject;
    };
  }
  if (description.static || description.abstract || !description.public) {
    return () => {
      throw new BindError(
        `${what} cannot be constructed: it is ${description.static ? "a static class" : description.abstract ? "abstract" : "not public"}`,
        { code: "NoConstructor", candidates: [] },
      );
    };
  }
  let call: ((...args: unknown[]) => unknown) | undefined;
  return (args) => {
    call ??= memberCallable(
      description.id,
      "constructor",
      ".ctor",
      true,
      "call",
    ).call;
    return call(...args) as DotnetObject;
  };
}

function build(description: TypeDescription): DotnetClass {
  const base = (description.baseTypeId !== undefined
    ? classFor(description.baseTypeId)
    : DotnetObject) as unknown as typeof DotnetObject;
  let cls: DotnetClass;
  const construct = constructorOf(description);
  // A named class expression, so stacks and inspect show the .NET name.
  const holder = {
    [description.name]: class extends base {
      constructor(...args: unknown[]) {
        if (args[0] === INTERNAL) {
          super(INTERNAL);
          return;
        }
        if ((new.target as unknown) !== cls) {
          throw new TypeError(
            `${description.name}: extending .NET classes in JavaScript is not supported; wrap the object instead`,
          );
        }
        // The constructed object's wrapper (made by the factory below) replaces `this`.
        const made = construct(args);
        if (made === null || typeof made !== "object") {
          throw new TypeError(
            `${description.name} crosses as a JavaScript ${typeof made}, which \`new\` cannot return: use ${description.name}.new(...) (the same constructor, as a function)`,
          );
        }
        return made;
      }
    },
  };
  cls = holder[description.name] as unknown as DotnetClass;
  Object.defineProperty(cls, TYPE, { value: description });
  if (description.byValue) {
    // `new TimeSpan(1, 2, 3)` would have to return a number: `TimeSpan.new(1, 2, 3)` can.
    Object.defineProperty(cls, "new", {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => construct(args),
    });
  }
  // String(SomeClass): the .NET type it stands for, not the JavaScript source.
  Object.defineProperty(cls, Symbol.toPrimitive, {
    value: (hint: string) =>
      hint === "number"
        ? NaN
        : `[.NET ${description.category} ${description.fullName}]`,
  });
  Object.defineProperty(cls, MEMBERS, { value: new Map<string, MemberRef>() });
  if (description.category === "interface") {
    // Wrappers are of their run-time type's class, so instanceof asks .NET's answer.
    Object.defineProperty(cls, Symbol.hasInstance, {
      value: (value: unknown) =>
        typeOf(value)?.assignable.has(description.fullName) ?? false,
    });
  }
  const target = cls as unknown as Record<PropertyKey, unknown>;
  installMembers(target, description.id, description.name, description.members);
  if (description.category !== "interface") {
    for (const contract of description.interfaces) {
      const interfaceDescription = describeType(contract);
      installMembers(
        target,
        contract,
        interfaceDescription.name,
        interfaceDescription.members.filter((member) => !member.static),
        true,
      );
    }
    installIteration(cls, description);
  }
  for (const nested of description.nested) {
    const name = nested.slice(nested.lastIndexOf("+") + 1).split("`")[0]!;
    if (name in cls) continue;
    Object.defineProperty(cls, name, {
      configurable: true,
      get: () => findType(-1, nested),
    });
  }
  return cls;
}

/** Ids of the type arguments, as the bridge takes them. */
export function typeArgumentTokens(
  typeArguments: readonly TypeArgument[],
): (string | number)[] {
  return typeArguments.map((argument) => {
    if (typeof argument === "string") return argument;
    const description = typeOf(argument);
    if (description) return description.id;
    throw new InvalidArgumentError(
      `a type argument must be a type name such as "int" or a .NET type from this API, got ${typeof argument}`,
    );
  });
}

/** A type by name (C# syntax) in an assembly (-1: any loaded one). */
export function findType(
  assemblyId: number,
  name: string,
  typeArguments?: readonly TypeArgument[],
): DotnetType {
  const tokens = typeArguments ? typeArgumentTokens(typeArguments) : null;
  const answer = JSON.parse(
    native.bridgeFindType(
      assemblyId,
      name,
      tokens ? JSON.stringify(tokens) : null,
    ),
  ) as
    | { typeId: number }
    | { error: string; message: string; candidates: string[] };
  if ("error" in answer) throw bindError(answer);
  return typeFor(answer.typeId);
}

/** `Box` of `Box<T>`: closed with `.of("int")`. */
export function genericDefinition(
  assemblyId: number,
  fullName: string,
  arities: readonly number[],
): GenericDefinition {
  const shortName = fullName.slice(fullName.lastIndexOf(".") + 1);
  return Object.freeze({
    name: shortName,
    fullName,
    of(...typeArguments: TypeArgument[]): DotnetType {
      if (!arities.includes(typeArguments.length)) {
        throw new BindError(
          `${fullName} takes ${arities.join(" or ")} type argument(s), got ${typeArguments.length}`,
          {
            code: "WrongTypeArgumentCount",
            candidates: arities.map((arity) => `${fullName}\`${arity}`),
          },
        );
      }
      return findType(
        assemblyId,
        `${fullName}\`${typeArguments.length}`,
        typeArguments,
      );
    },
  });
}

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

/**
 * An argument as JSON for .NET: wrappers inside as references, without running their toJSON
 * (writing.ts), and the markers of the replacer.
 */
export function stringifyArgument(value: unknown): string | undefined {
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

let factoryInstalled = false;

/** Lets the addon make wrappers in this environment: `new (class of typeId)(INTERNAL)`. */
export function installObjectFactory(): void {
  if (factoryInstalled) return;
  native.bridgeSetObjectFactory(
    (typeId: number) => new (classFor(typeId))(INTERNAL),
    stringifyArgument,
    referenceReviver,
    exactTime,
  );
  factoryInstalled = true;
}
