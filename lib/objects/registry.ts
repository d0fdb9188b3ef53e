// The registry of .NET types as JavaScript knows them: the bridge's description of each
// type (asked once), and its class or enum (built once, by classes.ts), by id or by name.
import { InvalidArgumentError } from "../errors.js";
import { native } from "../native/binding.js";
import { bindError } from "../typed/candidates.js";
import type { Wire } from "../typed/kinds.js";
import { DotnetObject } from "./base.js";
import { buildClass, buildEnum } from "./classes.js";

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

export type DotnetType = DotnetClass | DotnetEnum;

/** A type argument: a C# type name (`"int"`, `"MyLib.Order"`) or a type from this API. */
export type TypeArgument = string | DotnetType;

const descriptions = new Map<
  number,
  TypeDescription & { assignable: Set<string> }
>();
// By type id: small integers counted from 1, so an array (its element read showed less in
// the profile of every construction than a Map lookup).
const types: DotnetType[] = [];

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
  let type = types[typeId];
  if (!type) {
    const description = describeType(typeId);
    type =
      description.category === "enum"
        ? buildEnum(description)
        : buildClass(description);
    types[typeId] = type;
  }
  return type;
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
