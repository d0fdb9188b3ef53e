// An assembly's declarations as one TypeScript module: its types in namespace blocks, the
// shape of `namespaces`, the names `type()` and `bind()` take, and the augmentation that
// lets `load("…/MyLib.dll")` return the typed assembly.
import { camelCase } from "../objects/names.js";
import {
  declareType,
  key,
  signatureParts,
  asCall,
  type Context,
} from "./declare.js";
import { jsdoc } from "./jsdoc.js";
import type { SurfaceModel, TypeModel } from "./model.js";

export interface EmitOptions {
  /** How member names appear at run time (setMemberNaming); default camelCase. */
  naming?: "camelCase" | "dotnet";
  /** The key `load()` knows the assembly by: its file name without `.dll`. */
  assemblyName?: string;
  /** The module the runtime types come from. */
  runtimeModule?: string;
  /** A line saying what the declarations were made from. */
  source?: string;
}

/** Names TypeScript reserves for its own types: a .NET type so named gets a `$`. */
const typeScriptTypes = new Set(
  "any unknown never void undefined null object string number boolean bigint symbol".split(
    " ",
  ),
);

export function emitDeclarations(
  model: SurfaceModel,
  options: EmitOptions = {},
): string {
  // Values with a JavaScript form of their own (DateTime, Guid …) are not declared; enums are.
  const types = model.types.filter(
    (type) =>
      type.error === undefined &&
      (type.crosses !== "value" || type.category === "enum"),
  );
  const byName = new Map(types.map((type) => [type.fullName, type]));
  // A generic type and a non-generic one of the same name (Task, Task`1) need two names.
  const siblings = new Map<string, number>();
  const container = (type: TypeModel) => type.outer ?? type.namespace;
  for (const type of types) {
    const slot = `${container(type)}|${type.name}`;
    siblings.set(slot, (siblings.get(slot) ?? 0) + 1);
  }
  const simple = new Map<string, string>();
  for (const type of types) {
    let name = type.name;
    if (
      (siblings.get(`${container(type)}|${type.name}`) ?? 0) > 1 &&
      type.generic.length
    )
      name = `${name}$${type.generic.length}`;
    if (typeScriptTypes.has(name)) name = `${name}$`;
    simple.set(type.fullName, name);
  }
  const tsNames = new Map<string, string>();
  const tsName = (fullName: string): string | undefined => {
    const known = tsNames.get(fullName);
    if (known !== undefined) return known;
    const type = byName.get(fullName);
    if (!type) return undefined;
    const outer = type.outer ? tsName(type.outer) : type.namespace || undefined;
    if (type.outer && outer === undefined) return undefined;
    const name = outer
      ? `${outer}.${simple.get(fullName)}`
      : simple.get(fullName)!;
    tsNames.set(fullName, name);
    return name;
  };
  const rename =
    options.naming === "dotnet" ? (name: string) => name : camelCase;
  const inheritedCache = new Map<
    string,
    { instance: Set<string>; static: Set<string> }
  >();
  const ancestors = function* (type: TypeModel): Generator<TypeModel> {
    for (
      let base = type.base?.type ? byName.get(type.base.type) : undefined;
      base;
      base = base.base?.type ? byName.get(base.base.type) : undefined
    )
      yield base;
  };
  const uses = (
    ref: TypeModel["base"] | null | undefined,
    name: string,
  ): boolean =>
    !!ref &&
    (ref.parameter === name ||
      [ref.inner, ref.element, ref.items, ...(ref.arguments ?? [])].some(
        (inner) => uses(inner, name),
      ));
  const context: Context = {
    roles(fullName) {
      const type = byName.get(fullName);
      if (type?.category !== "delegate" || !type.invoke) return undefined;
      const returns = type.invoke.returns;
      return type.generic.map((parameter) =>
        uses(returns, parameter.name) ? "in" : "out",
      );
    },
    baseEvents(type) {
      return [...ancestors(type)].flatMap((base) =>
        base.members.filter(
          (member) => member.kind === "event" && !member.static,
        ),
      );
    },
    baseOverloads(type, name, isStatic) {
      // Only non-generic bases: a generic base's overloads would need its type arguments.
      if (isStatic) return [];
      const found = [];
      for (const base of ancestors(type)) {
        if (base.generic.length) break;
        for (const member of base.members)
          if (
            member.kind === "method" &&
            member.name === name &&
            !member.static
          )
            found.push(
              ...(member.overloads ?? []).filter(
                (overload) => !overload.unsupported,
              ),
            );
      }
      return found;
    },
    tsName,
    category: (fullName) => {
      const type = byName.get(fullName);
      if (!type) return undefined;
      return type.crosses === "json" ? "record" : type.category;
    },
    rename,
    inherited(type) {
      const cached = inheritedCache.get(type.fullName);
      if (cached) return cached;
      const names = { instance: new Set<string>(), static: new Set<string>() };
      for (
        let base = type.base?.type ? byName.get(type.base.type) : undefined;
        base;
        base = base.base?.type ? byName.get(base.base.type) : undefined
      ) {
        for (const member of base.members) {
          if (member.kind === "constructor") continue;
          const side = member.static ? names.static : names.instance;
          side.add(member.kind === "indexer" ? "getItem" : rename(member.name));
          side.add(member.name);
          if (member.kind === "indexer") side.add("setItem");
        }
      }
      inheritedCache.set(type.fullName, names);
      return names;
    },
  };

  // Types by the namespace block (and outer class) they are declared in.
  const children = new Map<string, TypeModel[]>();
  for (const type of types) {
    const list = children.get(container(type)) ?? [];
    list.push(type);
    children.set(container(type), list);
  }
  const declareIn = (parent: string, indent: string): string => {
    let text = "";
    for (const type of children.get(parent) ?? []) {
      const name = simple.get(type.fullName)!;
      text += declareType(type, name, context, indent);
      const nested = children.get(type.fullName);
      if (nested?.length) {
        text += `${indent}namespace ${name} {\n${declareIn(type.fullName, `${indent}  `)}${indent}}\n`;
      }
    }
    return text;
  };

  let text = header(model, options);
  const namespaces = [
    ...new Set(
      types.filter((type) => !type.outer).map((type) => type.namespace),
    ),
  ].sort();
  for (const namespace of namespaces) {
    const block = declareIn(namespace, namespace ? "  " : "");
    text += namespace
      ? `\nexport declare namespace ${namespace} {\n${block}}\n`
      : `\n${block.replace(
          /^(class|const|type|interface|namespace) /gm,
          "export declare $1 ",
        )}`;
  }

  text += namespaceShape(types, tsName);
  text += typeTable(types, tsName);
  text += methodTable(types, context);
  const assemblyName = options.assemblyName ?? model.assembly;
  text += `
/** The typed assembly: what \`load("…/${assemblyName}.dll")\` returns with these declarations. */
export type Assembly = $TypedAssembly<Namespaces, Types, StaticMethods>;

declare module ${JSON.stringify(options.runtimeModule ?? "dotnet-host")} {
  interface Assemblies {
    ${JSON.stringify(assemblyName)}: Assembly;
  }
}
`;
  return text;
}

/** Orders map entries by key, code unit by code unit, so output is the same everywhere. */
const byKey = ([a]: [string, unknown], [b]: [string, unknown]): number =>
  a < b ? -1 : a > b ? 1 : 0;

function header(model: SurfaceModel, options: EmitOptions): string {
  const runtime = JSON.stringify(options.runtimeModule ?? "dotnet-host");
  const failures = model.failures.length
    ? `//\n// Types that could not be read:\n${model.failures.map((failure) => `//   ${failure.type}: ${failure.reason}`).join("\n")}\n`
    : "";
  const errors = model.types.filter((type) => type.error !== undefined);
  const left = errors.length
    ? `//\n// Types left out:\n${errors.map((type) => `//   ${type.fullName}: ${type.error}`).join("\n")}\n`
    : "";
  return `// Declarations for ${model.assembly}, generated by \`dotnet-host typings\`${options.source ? ` from ${options.source}` : ""}.
// Do not edit: run the command again after the assembly changes (docs/typings.md).
${failures}${left}/* eslint-disable */
import type {
  DotnetObject as $DotnetObject,
  DotnetType as $DotnetType,
  DelegateWrapper as $DelegateWrapper,
  DotnetInterface as $DotnetInterface,
  TypeArgument as $TypeArgument,
  TypeOf as $TypeOf,
  TypedAssembly as $TypedAssembly,
} from ${runtime};

// JavaScript's own types under names no .NET type shadows (System.Buffer, System.Date …).
type $Date = Date;
type $Promise<T> = Promise<T>;
type $Buffer = Buffer;
type $AbortSignal = AbortSignal;
`;
}

/** The shape of `assembly.namespaces`: a generic definition is an object with `of(...)`. */
function namespaceShape(
  types: readonly TypeModel[],
  tsName: (fullName: string) => string | undefined,
): string {
  interface Node {
    spaces: Map<string, Node>;
    entries: Map<string, string>;
  }
  const root: Node = { spaces: new Map(), entries: new Map() };
  for (const type of types) {
    if (type.outer) continue;
    let node = root;
    // A type of the global namespace sits at the root: `namespaces.Outer`.
    for (const part of type.namespace ? type.namespace.split(".") : []) {
      let next = node.spaces.get(part);
      if (!next)
        node.spaces.set(
          part,
          (next = { spaces: new Map(), entries: new Map() }),
        );
      node = next;
    }
    const name = tsName(type.fullName)!;
    if (type.generic.length) {
      const parameters = type.generic.map(
        (_, index) => `A${index} extends $TypeArgument`,
      );
      const values = type.generic.map((_, index) => `a${index}: A${index}`);
      const closed = type.generic.map((_, index) => `$TypeOf<A${index}>`);
      // A generic interface is a type only: its closed form is the interface's object.
      const result =
        type.category === "interface"
          ? `$DotnetInterface<${name}<${closed.join(", ")}>>`
          : `typeof ${name}<${closed.join(", ")}>`;
      const entry = `{ readonly name: string; readonly fullName: string; of<${parameters.join(", ")}>(${values.join(", ")}): ${result} }`;
      // Task and Task`1 share the JavaScript name Task: the non-generic one wins there.
      if (!node.entries.has(type.name)) node.entries.set(type.name, entry);
    } else {
      node.entries.set(type.name, `typeof ${name}`);
    }
  }
  const render = (node: Node, indent: string): string => {
    const lines: string[] = [];
    for (const [name, entry] of [...node.entries].sort(byKey))
      lines.push(`${indent}readonly ${key(name)}: ${entry};`);
    for (const [name, child] of [...node.spaces].sort(byKey)) {
      if (node.entries.has(name)) continue;
      lines.push(
        `${indent}readonly ${key(name)}: {\n${render(child, `${indent}  `)}\n${indent}};`,
      );
    }
    return lines.join("\n");
  };
  return `\n/** \`assembly.namespaces\`: the declared types by namespace. */\nexport interface Namespaces {\n${render(root, "  ")}\n}\n`;
}

/** The names \`type()\` takes, for the assembly's own non-generic types. */
function typeTable(
  types: readonly TypeModel[],
  tsName: (fullName: string) => string | undefined,
): string {
  const lines = types
    .filter(
      (type) =>
        type.own && !type.generic.length && !hasGenericOuter(type, types),
    )
    .map(
      (type) =>
        `  ${JSON.stringify(type.fullName)}: typeof ${tsName(type.fullName)};`,
    );
  return `\n/** The names \`assembly.type(name)\` is typed for. */\nexport interface Types {\n${lines.join("\n")}\n}\n`;
}

function hasGenericOuter(
  type: TypeModel,
  types: readonly TypeModel[],
): boolean {
  for (let outer = type.outer; outer;) {
    const found = types.find((candidate) => candidate.fullName === outer);
    if (!found) return false;
    if (found.generic.length) return true;
    outer = found.outer;
  }
  return false;
}

/** The names \`bind()\` takes: the public static methods of the assembly's own types. */
function methodTable(types: readonly TypeModel[], context: Context): string {
  const lines: string[] = [];
  for (const type of types) {
    if (
      !type.own ||
      type.generic.length ||
      type.crosses ||
      hasGenericOuter(type, types)
    )
      continue;
    if (type.category !== "class" && type.category !== "struct") continue;
    for (const member of type.members) {
      if (member.kind !== "method" || !member.static) continue;
      const overloads = (member.overloads ?? []).filter(
        (overload) => !overload.unsupported,
      );
      if (!overloads.length) continue;
      const signatures = [
        ...new Set(
          overloads
            .flatMap((overload) => signatureParts(overload, context))
            .map((parts) => `${asCall(parts)};`),
        ),
      ];
      lines.push(
        `${jsdoc("  ", overloads[0]!.doc)}  ${JSON.stringify(`${type.fullName}.${member.name}`)}: { ${signatures.join(" ")} };`,
      );
    }
  }
  return `\n/** The names \`assembly.bind(name)\` is typed for. */\nexport interface StaticMethods {\n${lines.join("\n")}\n}\n`;
}
