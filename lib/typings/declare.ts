// One .NET type as TypeScript declarations: a class, an interface, an enum, a delegate's
// function type, or a record's data type with its constructor.
import { camelCase } from "../objects/names.js";
import { inNamingOrder, jsMemberName } from "../objects/members.js";
import { csharpSignature, jsdoc } from "./jsdoc.js";
import type {
  GenericParameter,
  MemberModel,
  ParameterModel,
  Signature,
  TypeModel,
} from "./model.js";
import { Kind } from "../typed/kinds.js";
import { declaredName, tsType, type Lookup } from "./values.js";

export interface Context extends Lookup {
  /** How member names appear (the runtime's setMemberNaming). */
  rename: (name: string) => string;
  /** The type's declared ancestors' JavaScript member names, per side. */
  inherited(type: TypeModel): { instance: Set<string>; static: Set<string> };
  /** The instance events of the type's declared base classes. */
  baseEvents(type: TypeModel): MemberModel[];
  /** The overloads of a method of this name in the type's declared base classes. */
  baseOverloads(type: TypeModel, name: string, isStatic: boolean): Signature[];
}

/** Words a parameter may not be called in a declaration. */
const reservedWords = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends " +
    "false finally for function if import in instanceof new null return super switch this throw " +
    "true try typeof var void while with implements interface let package private protected " +
    "public static yield arguments eval await"
  ).split(" "),
);

/**
 * A JavaScript identifier (ECMAScript's IdentifierName, without escapes): C# names beyond
 * ASCII (`straße`, `Größe`) are identifiers in both languages and stay as they are.
 */
const identifier = /^[\p{ID_Start}_$][\p{ID_Continue}$\u200C\u200D]*$/u;

export function parameterName(name: string): string {
  return reservedWords.has(name) || !identifier.test(name)
    ? `${name.replace(/[^\p{ID_Continue}$\u200C\u200D]/gu, "_")}_`
    : name;
}

/** A member name as a property key: quoted when it is not an identifier. */
export function key(name: string): string {
  return identifier.test(name) ? name : JSON.stringify(name);
}

export function typeParameters(
  parameters: readonly GenericParameter[] | undefined,
  context: Context,
): string {
  if (!parameters?.length) return "";
  return `<${parameters
    .map((parameter) => {
      // Constraints TypeScript can state: an interface the argument must implement. A
      // class constraint is left out: C# lets a derived class hide a base member with one
      // of another kind (JProperty.Value, a property, hides JToken.Value<T>(), a method),
      // which TypeScript would hold against every use of the derived class.
      const constraints = parameter.constraints
        .filter(
          (constraint) =>
            constraint.type !== undefined &&
            context.category(constraint.type) === "interface",
        )
        .map((constraint) => tsType(constraint, "in", context));
      return constraints.length
        ? `${parameter.name} extends ${constraints.join(" & ")}`
        : parameter.name;
    })
    .join(", ")}>`;
}

/** One TypeScript signature: type parameters, parameter list and result. */
export interface Parts {
  generic: string;
  parameters: string;
  result: string;
}

export const asCall = (parts: Parts): string =>
  `${parts.generic}(${parts.parameters})${parts.result ? `: ${parts.result}` : ""}`;

export const asArrow = (parts: Parts): string =>
  `${parts.generic}(${parts.parameters}) => ${parts.result}`;

/**
 * The TypeScript signatures of one overload: `(a: number, b?: string): number`, two for a
 * `params` parameter (its elements one by one, or an array). `out` parameters are not
 * passed; with `ref`/`out` the result is `[result, ...values after the call]`. For a
 * callback (a JavaScript function .NET calls) the directions turn around.
 */
export function signatureParts(
  signature: Signature,
  context: Context,
  options: { callback?: boolean; isConstructor?: boolean } = {},
): Parts[] {
  const into = options.callback ? "out" : "in";
  const from = options.callback ? "in" : "out";
  const generic = typeParameters(signature.generic, context);
  const written = signature.parameters.filter(
    (parameter) => parameter.passing !== "out",
  );
  let optional = false;
  const render = (parameter: ParameterModel, spread: boolean): string => {
    const name = parameterName(parameter.name);
    if (spread) {
      const type = parameter.type;
      const element =
        type?.elementKind !== undefined
          ? tsType({ cs: "", kind: type.elementKind }, into, context)
          : tsType(type?.element ?? null, into, context);
      return `...${name}: ${/[|&]/.test(element) ? `(${element})` : element}[]`;
    }
    optional ||= parameter.optional === true;
    return `${name}${optional ? "?" : ""}: ${tsType(parameter.type, into, context)}`;
  };
  const byReference = signature.parameters.filter(
    (parameter) => parameter.passing === "ref" || parameter.passing === "out",
  );
  let result = options.isConstructor
    ? ""
    : tsType(signature.returns, from, context);
  if (byReference.length && !options.isConstructor) {
    const values = byReference.map(
      (parameter) =>
        `${parameterName(parameter.name)}: ${tsType(parameter.type, "out", context)}`,
    );
    const first =
      signature.returns?.kind === Kind.Void
        ? "result: undefined"
        : `result: ${result}`;
    result = `[${[first, ...values].join(", ")}]`;
  }
  if (options.callback && signature.returns?.kind === Kind.Task) {
    // A JavaScript function standing in for a Task-returning delegate may return a Promise.
    const inner = tsType(signature.returns.inner, "in", context);
    result = `${inner} | $Promise<${inner}>`;
  }
  const whole = {
    generic,
    parameters: written.map((parameter) => render(parameter, false)).join(", "),
    result,
  };
  const last = written[written.length - 1];
  if (
    last?.params &&
    !options.callback &&
    (last.type?.element || last.type?.elementKind !== undefined)
  ) {
    optional = false;
    const spread = {
      generic,
      parameters: written
        .map((parameter, index) =>
          render(parameter, index === written.length - 1),
        )
        .join(", "),
      result,
    };
    return [spread, whole];
  }
  return [whole];
}

/** A function type for a delegate: what .NET passes a JavaScript function, what it takes back. */
export function functionType(signature: Signature, context: Context): string {
  return asArrow(signatureParts(signature, context, { callback: true })[0]!);
}

function overloadsOf(member: MemberModel): Signature[] {
  return (member.overloads ?? []).filter((overload) => !overload.unsupported);
}

function unsupportedNotes(member: MemberModel): string[] {
  return (member.overloads ?? [])
    .filter((overload) => overload.unsupported)
    .map(
      (overload) =>
        `Not callable from JavaScript: \`${csharpSignature(member.name, overload)}\` (${overload.unsupported}).`,
    );
}

/** The members of a class or interface body. */
function body(
  type: TypeModel,
  context: Context,
  indent: string,
  shape: "class" | "interface",
): string {
  let text = "";
  const used = { instance: new Set<string>(), static: new Set<string>() };
  const inherited = context.inherited(type);
  const line = (
    isStatic: boolean,
    name: string,
    doc: string,
    lines: string[],
  ) => {
    // A member that also exists in a base class: C# lets it hide or overload that one with
    // any signature, which TypeScript's class rules would reject.
    const hides = (isStatic ? inherited.static : inherited.instance).has(name);
    text += doc;
    for (const entry of lines) {
      if (hides)
        text += `${indent}// @ts-ignore -- hides or overloads the base type's member\n`;
      text += `${indent}${entry}\n`;
    }
  };
  const prefix = (isStatic: boolean) =>
    isStatic && shape === "class" ? "static " : "";
  const constructors = type.members.find(
    (member) => member.kind === "constructor",
  );
  if (shape === "class") {
    const usable = constructors ? overloadsOf(constructors) : [];
    // A struct always has C#'s `new T()`.
    if (
      type.category === "struct" &&
      !usable.some((overload) => overload.parameters.length === 0)
    )
      usable.unshift({ parameters: [], returns: null });
    if (type.static || type.abstract || usable.length === 0) {
      text += `${indent}protected constructor();\n`;
    } else {
      for (const overload of usable) {
        text += jsdoc(indent, overload.doc, {
          csharp: csharpSignature(".ctor", overload),
        });
        for (const parts of signatureParts(overload, context, {
          isConstructor: true,
        }))
          text += `${indent}constructor${asCall(parts)};\n`;
      }
    }
  }
  const events: MemberModel[] = [];
  for (const member of inNamingOrder(type.members)) {
    if (member.kind === "constructor") continue;
    if (shape === "interface" && member.static) continue;
    const taken = member.static ? used.static : used.instance;
    if (member.kind === "event") {
      events.push(member);
      continue;
    }
    if (member.kind === "indexer") {
      for (const role of ["get", "set"] as const) {
        const overloads = overloadsOf(member).filter(
          (overload) => overload.role === role,
        );
        const name = `${role}Item`;
        if (!overloads.length || taken.has(name)) continue;
        taken.add(name);
        const lines = overloads.flatMap((overload) =>
          signatureParts(overload, context).map(
            (parts) => `${name}${asCall(parts)};`,
          ),
        );
        line(
          false,
          name,
          jsdoc(indent, overloads[0]!.doc, {
            csharp: `this[${overloads[0]!.parameters.map((p) => `${p.type?.cs} ${p.name}`).join(", ")}]`,
          }),
          lines,
        );
      }
      continue;
    }
    const name = jsMemberName(member, taken, context.rename);
    if (name === undefined) continue;
    taken.add(name);
    if (member.kind === "method") {
      // C# calls a base class's overloads of the name too; TypeScript needs them listed
      // for the derived class to stay a subtype.
      let overloads = [
        ...overloadsOf(member),
        ...(shape === "class"
          ? context.baseOverloads(type, member.name, member.static)
          : []),
      ];
      if (member.static && type.generic.length) {
        // A static member cannot use the class's type parameters in TypeScript: each
        // static method takes them as its own.
        overloads = overloads.map((overload) => ({
          ...overload,
          generic: [...type.generic, ...(overload.generic ?? [])],
        }));
      }
      const notes = unsupportedNotes(member);
      if (!overloads.length) {
        text += jsdoc(indent, undefined, { notes });
        continue;
      }
      const generic = overloads.some((overload) => overload.generic?.length);
      // int and double overloads are both `number`: one signature.
      const signatures = [
        ...new Set(
          overloads.flatMap((overload) =>
            signatureParts(overload, context).map(asCall),
          ),
        ),
      ];
      const doc = jsdoc(indent, overloads[0]!.doc, {
        csharp: overloads
          .map((overload) => csharpSignature(member.name, overload))
          .join("`, `"),
        notes: generic
          ? [
              ...notes,
              "Generic: name the type arguments with `.of(...)` where C# could not infer them.",
            ]
          : notes,
      });
      if (generic && shape === "class") {
        // At run time a generic method also has `.of(...typeArguments)`.
        const calls = signatures.map((signature) => `${signature};`).join(" ");
        line(member.static, name, doc, [
          `${prefix(member.static)}readonly ${key(name)}: { ${calls} of(...typeArguments: $TypeArgument[]): (...args: any[]) => unknown };`,
        ]);
      } else {
        line(
          member.static,
          name,
          doc,
          signatures.map(
            (signature) => `${prefix(member.static)}${key(name)}${signature};`,
          ),
        );
      }
      continue;
    }
    // Properties and fields: accessors, read and written as their wire says.
    if (!member.type) {
      text += jsdoc(indent, member.doc, {
        notes: [
          `\`${member.name}\` is not usable from JavaScript: ${member.unsupported ?? "its type cannot cross"}.`,
        ],
      });
      continue;
    }
    const doc = jsdoc(indent, member.doc, {
      csharp: `${member.type.cs} ${member.name}`,
    });
    // A static property of a generic class cannot name its type parameters.
    const hidden =
      member.static &&
      type.generic.length &&
      mentions(member.type, type.generic);
    const out = hidden ? "unknown" : tsType(member.type, "out", context);
    const into = hidden ? "unknown" : tsType(member.type, "in", context);
    const lines: string[] = [];
    if (member.canRead)
      lines.push(`${prefix(member.static)}get ${key(name)}(): ${out};`);
    if (member.canWrite)
      lines.push(`${prefix(member.static)}set ${key(name)}(value: ${into});`);
    line(member.static, name, doc, lines);
  }
  for (const isStatic of [false, true]) {
    if (shape === "interface" && isStatic) continue;
    // A class's `on` lists its base classes' events too: it replaces theirs.
    const own = [
      ...events,
      ...(shape === "class" && !isStatic ? context.baseEvents(type) : []),
    ].filter((event) => event.static === isStatic);
    if (!own.length) continue;
    const known = [
      ...new Set(own.flatMap((event) => [event.name, camelCase(event.name)])),
    ]
      .map((name) => JSON.stringify(name))
      .join(" | ");
    for (const method of ["on", "off"] as const) {
      const lines: string[] = [];
      for (const event of own) {
        const listener = event.invoke
          ? asArrow({
              ...signatureParts(event.invoke, context, { callback: true })[0]!,
              result: "unknown",
            })
          : "(...args: never[]) => unknown";
        const names = [...new Set([event.name, camelCase(event.name)])];
        for (const eventName of names)
          lines.push(
            `${prefix(isStatic)}${method}(event: ${JSON.stringify(eventName)}, listener: ${listener}): this;`,
          );
      }
      // Any other name (an event of a type not declared here) as DotnetObject takes it; a
      // listed event's name resolves to never here, so its listener must fit its overload.
      lines.push(
        `${prefix(isStatic)}${method}<E extends string>(event: E extends ${known} ? never : E, listener: (...args: never[]) => unknown): this;`,
      );
      text += jsdoc(indent, undefined, {
        notes: [
          method === "on"
            ? `Subscribes to a .NET event: ${own.map((event) => `\`${event.name}\``).join(", ")}.`
            : "Unsubscribes a listener added with `on`.",
        ],
      });
      // Typed per event in place of DotnetObject's `on(event: string, …)`: a listener of
      // the wrong shape for a listed event does not compile.
      for (const entry of lines)
        text += `${indent}// @ts-ignore -- typed per event\n${indent}${entry}\n`;
    }
  }
  if (!type.static) {
    // A dictionary iterates [key, value] pairs even where its bases iterate items.
    if ((type.base || type.interfaces.length) && (type.pairs || type.items))
      text += `${indent}// @ts-ignore -- iterates as its own type does\n`;
    if (type.pairs) {
      text += `${indent}[Symbol.iterator](): Iterator<[${tsType(type.pairs[0], "out", context)}, ${tsType(type.pairs[1], "out", context)}]>;\n`;
    } else if (type.items) {
      text += `${indent}[Symbol.iterator](): Iterator<${tsType(type.items, "out", context)}>;\n`;
    }
    if (type.asyncItems)
      text += `${indent}[Symbol.asyncIterator](): AsyncIterator<${tsType(type.asyncItems, "out", context)}>;\n`;
  }
  return text;
}

/** The declarations of one type, inside its namespace block. */
export function declareType(
  type: TypeModel,
  tsName: string,
  context: Context,
  indent: string,
): string {
  const generic = typeParameters(type.generic, context);
  const doc = jsdoc(indent, type.doc, {
    notes: type.own
      ? []
      : [
          `From ${type.namespace ? `${type.namespace}` : "the framework"} (declared because this assembly uses it).`,
        ],
  });
  const inner = `${indent}  `;
  switch (type.category) {
    case "enum": {
      const names = Object.keys(type.enumValues ?? {});
      const values = Object.entries(type.enumValues ?? {}).map(
        ([name, value]) =>
          `${inner}readonly ${key(name)}: ${type.flags ? value : JSON.stringify(name)};`,
      );
      const union = type.flags
        ? "number"
        : names.map((name) => JSON.stringify(name)).join(" | ") || "never";
      return `${doc}${indent}const ${tsName}: {\n${values.join("\n")}\n${indent}};\n${doc}${indent}type ${tsName} = ${union};\n`;
    }
    case "delegate": {
      const fn = type.invoke
        ? functionType(type.invoke, context)
        : "(...args: never[]) => unknown";
      return (
        `${doc}${indent}type ${tsName}${generic} = ${fn};\n` +
        `${indent}const ${tsName}: {\n${inner}/** A .NET delegate that calls a JavaScript function. */\n${inner}new ${generic}(fn: ${tsName}${plainArguments(type)}): $DelegateWrapper<${tsName}${plainArguments(type)}>;\n${indent}};\n`
      );
    }
    case "interface": {
      const bases = type.interfaces
        .map((contract) => declaredName(contract, context))
        .filter((text) => text !== undefined);
      const extendsClause = bases.length ? ` extends ${bases.join(", ")}` : "";
      return (
        `${doc}${indent}// @ts-ignore -- C# lets an interface redeclare its bases' members\n` +
        `${indent}interface ${tsName}${generic}${extendsClause} {\n${body(type, context, inner, "interface")}${indent}}\n` +
        `${indent}const ${tsName}: $DotnetInterface<${tsName}${anyArguments(type)}>;\n`
      );
    }
  }
  if (type.crosses === "json") {
    // Data: JavaScript gets a plain object of its JSON properties (camelCase, whatever the
    // member naming), and `new` gives such an object too.
    const data = type.members.filter(
      (member) =>
        !member.static &&
        (member.kind === "property" || member.kind === "field") &&
        member.canRead &&
        member.type,
    );
    const fields = data.map(
      (member) =>
        `${jsdoc(inner, member.doc)}${inner}${key(camelCase(member.name))}: ${tsType(member.type, "out", context, true)};`,
    );
    // What JavaScript may pass for one: each value in its argument form (a number for a
    // decimal, a Date or epoch milliseconds for a DateTime); members left out get their
    // default, as System.Text.Json does.
    const inputs = data.map(
      (member) =>
        `${inner}${key(camelCase(member.name))}?: ${tsType(member.type, "in", context, true)};`,
    );
    const constructors = (
      type.members.find((member) => member.kind === "constructor")?.overloads ??
      []
    ).filter((overload) => !overload.unsupported);
    const news = constructors.flatMap((overload) =>
      signatureParts(overload, context, { isConstructor: true }).map(
        (parts) =>
          `${inner}new ${generic}(${parts.parameters}): ${tsName}${plainArguments(type)};`,
      ),
    );
    return (
      `${doc}${indent}type ${tsName}${generic} = {\n${fields.join("\n")}\n${indent}};\n` +
      `${indent}/** What a ${type.name} may be passed as: its JSON properties, each as .NET takes it. */\n` +
      `${indent}type ${tsName}$Input${generic} = {\n${inputs.join("\n")}\n${indent}};\n` +
      `${indent}const ${tsName}: {\n${news.join("\n")}\n${indent}};\n`
    );
  }
  const baseClause =
    (type.base && declaredName(type.base, context)) ?? "$DotnetObject";
  return `${doc}${indent}class ${tsName}${generic} extends ${baseClause} {\n${body(type, context, inner, "class")}${indent}}\n`;
}

function mentions(
  ref: TypeModel["base"] | null | undefined,
  parameters: readonly GenericParameter[],
): boolean {
  if (!ref) return false;
  if (ref.parameter !== undefined)
    return parameters.some((parameter) => parameter.name === ref.parameter);
  return [ref.inner, ref.element, ref.items, ...(ref.arguments ?? [])].some(
    (inner) => mentions(inner, parameters),
  );
}

function plainArguments(type: TypeModel): string {
  return type.generic.length
    ? `<${type.generic.map((parameter) => parameter.name).join(", ")}>`
    : "";
}

function anyArguments(type: TypeModel): string {
  return type.generic.length
    ? `<${type.generic.map(() => "any").join(", ")}>`
    : "";
}
