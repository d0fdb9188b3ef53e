// Choosing an overload from the JavaScript arguments of a call, by C#'s rules (§12.6.4):
// the applicable forms (normal, or with `params` expanded), then the one better than all
// others, argument by argument ("better conversion"), then C#'s tie-breakers.
import { BindError } from "../errors.js";
import { DotnetObject } from "../objects/base.js";
import {
  MAX_DEPTH,
  Via,
  betterTarget,
  classify,
  convert,
  sameType,
  type Arg,
} from "./conversions.js";
import { Kind, type Wire, type WireParameter } from "./kinds.js";

export interface Overload {
  signature: string;
  parameters: WireParameter[];
  generic?: boolean;
}

/** The parameters JavaScript passes: every one but `out`. */
export const inputsOf = (overload: Overload): WireParameter[] =>
  overload.parameters.filter((parameter) => parameter.passing !== "out");

/** How many arguments an overload takes at least (optional parameters may be left out). */
export function requiredCount(inputs: readonly WireParameter[]): number {
  let required = inputs.length;
  while (required > 0 && inputs[required - 1]!.optional) required--;
  return required;
}

/** One way to call an overload with these arguments. */
interface Form<T extends Overload> {
  overload: T;
  /** The parameter each argument goes to (the params element, repeated, when expanded). */
  targets: Wire[];
  via: Via[];
  expanded: boolean;
  /** Optional parameters left to their defaults. */
  defaulted: number;
}

function normalForm<T extends Overload>(
  overload: T,
  inputs: WireParameter[],
  args: readonly Arg[],
): Form<T> | undefined {
  if (args.length < requiredCount(inputs) || args.length > inputs.length)
    return undefined;
  const via: Via[] = [];
  for (let index = 0; index < args.length; index++) {
    const conversion = convert(args[index]!, inputs[index]!);
    if (conversion === undefined) return undefined;
    via.push(conversion);
  }
  return {
    overload,
    targets: inputs.slice(0, args.length),
    via,
    expanded: false,
    defaulted: inputs.length - args.length,
  };
}

/** `params T[] rest` with the rest's elements passed one by one. */
function expandedForm<T extends Overload>(
  overload: T,
  inputs: WireParameter[],
  args: readonly Arg[],
): Form<T> | undefined {
  const last = inputs[inputs.length - 1];
  if (!last?.params || !last.element) return undefined;
  const fixed = inputs.length - 1;
  if (args.length < fixed) return undefined;
  const targets: Wire[] = [];
  const via: Via[] = [];
  for (let index = 0; index < args.length; index++) {
    const target = index < fixed ? inputs[index]! : last.element;
    const conversion = convert(args[index]!, target);
    if (conversion === undefined) return undefined;
    targets.push(target);
    via.push(conversion);
  }
  return { overload, targets, via, expanded: true, defaulted: 0 };
}

const isTaskDelegate = (wire: Wire): boolean =>
  wire.delegate?.returns.kind === Kind.Task;

const isFlagsVersusInteger = (flags: Wire, integer: Wire): boolean =>
  flags.flags === true &&
  !integer.enumValues &&
  integer.kind >= Kind.SByte &&
  integer.kind <= Kind.UIntPtr &&
  integer.kind !== Kind.Char;

const isSpan = (wire: Wire): boolean =>
  wire.kind === Kind.Span || wire.kind === Kind.ReadOnlySpan;

/** 1 when converting `arg` to `a` is better than to `b`, -1 when worse, 0 when neither. */
function betterConversion(
  arg: Arg,
  a: Wire,
  viaA: Via,
  b: Wire,
  viaB: Via,
): number {
  // A number is both a [Flags] value and an integer: which one the caller meant, only
  // the caller knows (C# would know the argument's type). Neither is better.
  if (
    arg.tag === "number" &&
    (isFlagsVersusInteger(a, b) || isFlagsVersusInteger(b, a))
  )
    return 0;
  if (viaA === Via.Identity && viaB !== Via.Identity) return 1;
  if (viaB === Via.Identity && viaA !== Via.Identity) return -1;
  // dotnet-host's own conversions come after every C# conversion.
  const tierA = viaA >= Via.Mapped ? viaA : Via.Implicit;
  const tierB = viaB >= Via.Mapped ? viaB : Via.Implicit;
  if (tierA !== tierB) return tierA < tierB ? 1 : -1;
  if (arg.tag === "array" && a.element && b.element) {
    // As for C# collection expressions: element by element, then spans first.
    const elements = betterAll(
      arg.items.map((item) =>
        betterConversion(
          item,
          a.element!,
          convert(item, a.element!)!,
          b.element!,
          convert(item, b.element!)!,
        ),
      ),
    );
    if (elements !== 0) return elements;
    if (isSpan(a) && !isSpan(b)) return 1;
    if (isSpan(b) && !isSpan(a)) return -1;
  }
  if (arg.tag === "function" && a.delegate && b.delegate) {
    const exactA = a.delegate.parameters.length === arg.arity;
    const exactB = b.delegate.parameters.length === arg.arity;
    if (exactA !== exactB) return exactA ? 1 : -1;
    // An async function is a Task-returning delegate; any other, first a void one.
    if (isTaskDelegate(a) !== isTaskDelegate(b))
      return isTaskDelegate(a) === arg.async ? 1 : -1;
    if (!arg.async) {
      const voidA = a.delegate.returns.kind === Kind.Void;
      const voidB = b.delegate.returns.kind === Kind.Void;
      if (voidA !== voidB) return voidA ? 1 : -1;
    }
  }
  return betterTarget(a, b);
}

/** Better overall: at least as good everywhere and better somewhere. */
function betterAll(comparisons: readonly number[]): number {
  let better = false;
  let worse = false;
  for (const comparison of comparisons) {
    if (comparison > 0) better = true;
    else if (comparison < 0) worse = true;
  }
  return better && !worse ? 1 : worse && !better ? -1 : 0;
}

/** C#'s better function member: 1 when `a` is better than `b`, -1 when `b` is. */
function betterForm<T extends Overload>(
  a: Form<T>,
  b: Form<T>,
  args: readonly Arg[],
): number {
  const comparisons = args.map((arg, index) =>
    betterConversion(
      arg,
      a.targets[index]!,
      a.via[index]!,
      b.targets[index]!,
      b.via[index]!,
    ),
  );
  const result = betterAll(comparisons);
  if (result !== 0) return result;
  // Tie-breakers, for parameter types that are the same for every argument.
  if (!a.targets.every((target, index) => sameType(target, b.targets[index]!)))
    return 0;
  if (!a.overload.generic !== !b.overload.generic)
    return a.overload.generic ? -1 : 1;
  if (a.expanded !== b.expanded) return a.expanded ? -1 : 1;
  if (a.expanded) {
    // Two params collections expanded: a span is better (C# 13 params collections).
    const spanA = isSpan(lastInput(a.overload));
    const spanB = isSpan(lastInput(b.overload));
    if (spanA !== spanB) return spanA ? 1 : -1;
  }
  // `out` parameters are not passed: C#, given the same arguments, could only have meant
  // the overload without them (Remove(key) over Remove(key, out value)).
  const outs = outCount(a.overload) - outCount(b.overload);
  if (outs !== 0) return outs < 0 ? 1 : -1;
  if ((a.defaulted === 0) !== (b.defaulted === 0))
    return a.defaulted === 0 ? 1 : -1;
  return 0;
}

const outCount = (overload: Overload): number =>
  overload.parameters.filter((parameter) => parameter.passing === "out").length;

const lastInput = (overload: Overload): Wire => {
  const inputs = inputsOf(overload);
  return inputs[inputs.length - 1]!;
};

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (value instanceof DotnetObject) return value.constructor.name;
  return typeof value;
}

/**
 * What the cache keys a call by: everything about the arguments that choosing depends on.
 * A string's text matters only to enum parameters (names); `text` says whether any
 * overload has one. Otherwise only a length of 1 matters (a char), so that calls with ever
 * new strings still find their choice.
 */
export function shapeOf(arg: Arg, text: boolean): string {
  switch (arg.tag) {
    case "number":
      return numberShape(arg.value);
    case "string":
      return stringShape(arg.value, text);
    case "bigint":
      return `b${arg.value >= INT64_MIN && arg.value <= INT64_MAX ? 1 : 0}${arg.value >= 0n ? 1 : 0}`;
    case "function":
      return `F${arg.arity}${arg.async ? "a" : ""}`;
    case "wrapper":
      return `W${arg.fullName}`;
    case "typed":
      return `T${arg.element}`;
    case "array":
      return itemsShape(arg.items.map((item) => shapeOf(item, text)));
    case "object":
      return `{${arg.keys
        .map((key) => key.toLowerCase())
        .sort()
        .join(",")}}`;
    default:
      return arg.tag;
  }
}

const numberShape = (value: number): string =>
  Number.isInteger(value) ? `n${rangeMask(value)}` : "f";

const stringShape = (value: string, text: boolean): string =>
  text ? `s${JSON.stringify(value)}` : value.length === 1 ? "s1" : "s";

/** An array's shape from its items' shapes: each distinct one, sorted. */
const itemsShape = (shapes: readonly string[]): string =>
  `[${[...new Set(shapes)].sort().join(",")}]`;

/**
 * `shapeOf(classify(value, depth), text)`, without building the classes of the common
 * arguments: numbers, strings, null and arrays of them (an array of strings for
 * `string.Join` keyed per call no longer allocates a class per item, a Set and a sort).
 * Anything else goes through `classify`.
 */
export function shapeOfValue(value: unknown, text: boolean, depth = 0): string {
  if (typeof value === "number") return numberShape(value);
  if (typeof value === "string") return stringShape(value, text);
  if (value === null || value === undefined) return "null";
  if (!Array.isArray(value)) return shapeOf(classify(value, depth), text);
  if (depth >= MAX_DEPTH) return "[]";
  const items = value as readonly unknown[];
  // Items of one shape, the usual array, need no Set; mixed ones take shapeOf's way.
  let first: string | undefined;
  let mixed = false;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    // A hole is no item to classify (Array.prototype.map skips it): the general way.
    if (item === undefined && !(index in items))
      return shapeOf(classify(value, depth), text);
    const shape = shapeOfValue(item, text, depth + 1);
    if (first === undefined) first = shape;
    else if (shape !== first) mixed = true;
  }
  if (first === undefined) return "[]";
  if (!mixed) return `[${first}]`;
  return itemsShape(items.map((item) => shapeOfValue(item, text, depth + 1)));
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

// The integer types' ranges, by bit of rangeMask: sbyte, byte, short, ushort, int, uint,
// long and ulong as far as a number is exact.
const RANGE_MIN = [
  -128,
  0,
  -32768,
  0,
  -2147483648,
  0,
  -Number.MAX_SAFE_INTEGER,
  0,
] as const;
const RANGE_MAX = [
  127,
  255,
  32767,
  65535,
  2147483647,
  4294967295,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER,
] as const;

/** Whether a string's text can decide how it converts to `wire`: an enum's names. */
function readsText(wire: Wire | undefined): boolean {
  if (wire === undefined) return false;
  return (
    wire.enumValues !== undefined ||
    readsText(wire.inner) ||
    readsText(wire.element)
  );
}

/**
 * The cache key of a call of at most `MAX_NUMBER_KEYED` numbers, strings, booleans,
 * nulls and arrays of strings, as a number rather than a string built and hashed per
 * call: the count, then per argument 0 for a fraction, 1 + its `rangeMask` for an
 * integer, or one of the codes below; the same classes `shapeOf` tells apart without
 * text. -1 for any other call, and for a call with a string where `textAt` its position
 * (its text is then part of the key).
 */
export function primitiveKey(
  args: readonly unknown[],
  textAt: (index: number) => boolean,
): number {
  if (args.length > MAX_NUMBER_KEYED) return -1;
  let key = args.length;
  for (let index = 0; index < args.length; index++) {
    const value = args[index];
    let code: number;
    switch (typeof value) {
      case "number":
        code = Number.isInteger(value) ? 1 + rangeMask(value) : 0;
        break;
      case "string":
        if (textAt(index)) return -1;
        code = value.length === 1 ? CHAR_CODE : STRING_CODE;
        break;
      case "boolean":
        code = BOOLEAN_CODE;
        break;
      case "undefined":
        code = NULL_CODE;
        break;
      default:
        if (value === null) code = NULL_CODE;
        else if (Array.isArray(value) && !textAt(index))
          code = stringsCode(value);
        else return -1;
    }
    if (code < 0) return -1;
    key = key * 512 + code;
  }
  return key;
}

// After the integers' codes (1 + a mask of 8 bits); all below 512. Exact in a double:
// 6 · 512^5 < 2^53.
const STRING_CODE = 257;
const CHAR_CODE = 258;
const BOOLEAN_CODE = 259;
const NULL_CODE = 260;
/** An empty array; arrays of strings: longer ones, one-character ones, or both. */
const EMPTY_CODE = 261;
const STRINGS_CODE = 262;
const CHARS_CODE = 263;
const STRINGS_AND_CHARS_CODE = 264;

/** The code of an array of strings only (a `string[]`, `params string[]`), else -1. */
function stringsCode(items: readonly unknown[]): number {
  let strings = false;
  let chars = false;
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (typeof item !== "string") return -1;
    if (item.length === 1) chars = true;
    else strings = true;
  }
  return strings
    ? chars
      ? STRINGS_AND_CHARS_CODE
      : STRINGS_CODE
    : chars
      ? CHARS_CODE
      : EMPTY_CODE;
}

const MAX_NUMBER_KEYED = 5;

/** Which integer types hold an integral number (each decides applicability). */
function rangeMask(value: number): number {
  // This runs on every call of an overloaded member: the usual small integers first
  // (0…127 fit every integer type, -128…-1 every signed one), then a plain loop.
  if (value >= -128 && value <= 127) return value >= 0 ? 0xff : 0x55;
  let mask = 0;
  for (let bit = 0; bit < RANGE_MIN.length; bit++) {
    if (value >= RANGE_MIN[bit]! && value <= RANGE_MAX[bit]!) mask |= 1 << bit;
  }
  return mask;
}

/** The chosen overload, and whether its `params` are expanded. */
export interface Choice<T extends Overload> {
  overload: T;
  expanded: boolean;
}

const MAX_CACHED = 256;

const always = (): boolean => true;

/** `Chooser`'s `#textAt`: where some overload's parameter reads a string's text. */
function textPositions(overloads: readonly WireParameter[][]): boolean[] {
  const length = Math.max(0, ...overloads.map((inputs) => inputs.length));
  return Array.from({ length: length + 1 }, (_, index) =>
    overloads.some((inputs) => {
      const last = inputs[inputs.length - 1];
      const expanded =
        last?.params === true &&
        index >= inputs.length - 1 &&
        readsText(last.element);
      return expanded || (index < inputs.length && readsText(inputs[index]));
    }),
  );
}

/** Stores a choice, starting over when the cache is full. */
function remember<K, V>(cache: Map<K, V>, key: K, value: V): void {
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(key, value);
}

/**
 * In the cache without text: what was chosen for this shape depended on a string's text
 * (an inferred overload reads enum names), so the call is keyed with text instead.
 */
const TEXT_DECIDES: unique symbol = Symbol("text decides");

type Cached<T extends Overload> = Choice<T> | BindError;

/** Chooses among `overloads` per call, remembering the choice per argument shape. */
export class Chooser<T extends Overload> {
  /**
   * Choices by the arguments' shapes (`shapeOfValue`), or `TEXT_DECIDES` where an
   * inferred overload reads names: those are keyed with all text (`#textCache`).
   */
  readonly #cache = new Map<string, Cached<T> | typeof TEXT_DECIDES>();
  /** The same for calls of primitives, keyed without building a string (`primitiveKey`). */
  readonly #primitiveCache = new Map<number, Cached<T> | typeof TEXT_DECIDES>();
  readonly #textCache = new Map<string, Cached<T>>();
  readonly #inputs: WireParameter[][];
  /**
   * Per argument position, whether an overload known up front reads a string's text
   * there (an enum parameter: see `shapeOf`); the last entry stands for every later
   * position (a `params` array's elements). Elsewhere text is no part of the key, so
   * `s.indexOf(text)` with ever new texts finds its choice although `IndexOf` has a
   * `StringComparison` overload.
   */
  readonly #textAt: readonly boolean[];
  readonly #readsTextAt = (index: number): boolean =>
    this.#textAt[Math.min(index, this.#textAt.length - 1)]!;
  /** Set by `#decide`: whether an overload it inferred reads strings' text. */
  #inferredReadText = false;

  /**
   * `infer`, for a member with generic overloads: those closed over the type arguments
   * these arguments imply (C# infers them and weighs them with the others).
   */
  constructor(
    readonly displayName: string,
    readonly overloads: readonly T[],
    readonly infer?: (args: readonly Arg[]) => readonly T[],
  ) {
    this.#inputs = overloads.map(inputsOf);
    this.#textAt = textPositions(this.#inputs);
  }

  choose(args: readonly unknown[]): Choice<T> {
    const primitive = primitiveKey(args, this.#readsTextAt);
    const choice =
      primitive >= 0
        ? this.#shaped(this.#primitiveCache, primitive, args)
        : this.#shaped(this.#cache, this.#key(args, this.#readsTextAt), args);
    if (choice instanceof BindError) {
      throw new BindError(choice.message, {
        code: choice.code,
        candidates: choice.candidates,
        hint: choice.hint,
      });
    }
    return choice;
  }

  /**
   * The choice for a shape: keyed with text where an overload known up front reads it,
   * and with all text once an overload inferred for the shape reads names (inference
   * itself never does: a string is a `string` to it).
   */
  #shaped<K>(
    cache: Map<K, Cached<T> | typeof TEXT_DECIDES>,
    key: K,
    args: readonly unknown[],
  ): Cached<T> {
    const found = cache.get(key);
    if (found === TEXT_DECIDES)
      return this.#cached(this.#textCache, this.#key(args, always), args);
    if (found) return found;
    const choice = this.#fresh(args);
    if (this.#inferredReadText) {
      remember(cache, key, TEXT_DECIDES);
      remember(this.#textCache, this.#key(args, always), choice);
    } else {
      remember(cache, key, choice);
    }
    return choice;
  }

  #key(args: readonly unknown[], textAt: (index: number) => boolean): string {
    let key = "";
    for (let index = 0; index < args.length; index++) {
      const shape = shapeOfValue(args[index], textAt(index));
      key = index === 0 ? shape : `${key}|${shape}`;
    }
    return key;
  }

  #cached<K>(
    cache: Map<K, Cached<T>>,
    key: K,
    args: readonly unknown[],
  ): Cached<T> {
    let choice = cache.get(key);
    if (!choice) {
      choice = this.#fresh(args);
      remember(cache, key, choice);
    }
    return choice;
  }

  /** The choice for `args`, or the BindError saying why there is none. */
  #fresh(args: readonly unknown[]): Cached<T> {
    try {
      return this.#decide(
        args,
        args.map((arg) => classify(arg)),
      );
    } catch (error) {
      if (!(error instanceof BindError)) throw error;
      return error;
    }
  }

  #decide(args: readonly unknown[], classes: readonly Arg[]): Choice<T> {
    this.#inferredReadText = false;
    const forms: Form<T>[] = [];
    const add = (overload: T, inputs: WireParameter[]) => {
      // The expanded form counts only where the normal form does not apply (C# §12.6.4.2).
      const form =
        normalForm(overload, inputs, classes) ??
        expandedForm(overload, inputs, classes);
      if (form) forms.push(form);
    };
    this.overloads.forEach((overload, index) =>
      add(overload, this.#inputs[index]!),
    );
    const inferred = this.infer?.(classes) ?? [];
    this.#inferredReadText = inferred.some((overload) =>
      inputsOf(overload).some(readsText),
    );
    for (const overload of inferred) add(overload, inputsOf(overload));
    // What C# itself could call decides; loose conversions only where nothing else can.
    const strict = forms.filter((form) =>
      form.via.every((via) => via !== Via.Loose),
    );
    const pool = strict.length > 0 ? strict : forms;
    const best = pool.filter((form) =>
      pool.every(
        (other) => other === form || betterForm(form, other, classes) > 0,
      ),
    );
    if (best.length === 1)
      return { overload: best[0]!.overload, expanded: best[0]!.expanded };
    const described = args.map(describe).join(", ");
    if (forms.length === 0) {
      const candidates = [...this.overloads, ...inferred].map(
        (overload) => overload.signature,
      );
      const generic = this.infer
        ? ' Its generic overloads need type arguments C# could infer from these arguments: name its type arguments with .of("int") (or bind("Ns.Type.Method<int>")).'
        : "";
      throw new BindError(
        `no overload of ${this.displayName} accepts (${described}).${generic} Candidates:\n  ${candidates.join("\n  ")}`,
        { code: "NoMatchingOverload", candidates, hint: this.#hint() },
      );
    }
    // The ones no other beats: the tie C# would report.
    const tied = pool.filter(
      (form) =>
        !pool.some(
          (other) => other !== form && betterForm(other, form, classes) > 0,
        ),
    );
    const candidates = tied.map((form) => form.overload.signature);
    const flags = tied.some((form) =>
      form.targets.some(
        (target, index) =>
          target.flags === true && classes[index]?.tag === "number",
      ),
    );
    throw new BindError(
      `${candidates.length} overloads of ${this.displayName} accept (${described}) and none is better, as C# would also say. Tied:\n  ${candidates.join("\n  ")}`,
      {
        code: "AmbiguousOverload",
        candidates,
        hint: flags
          ? `A number is both a [Flags] enum value and an integer here: pass the enum by name ("A, B") to mean it. ${this.#hint()}`
          : this.#hint(),
      },
    );
  }

  #hint(): string {
    const name = this.displayName.replace(/^new /, "");
    return `Pick one with bind("${name}", [parameter types]) (C# names such as "int", "string", "System.DateTime"), then call it (with the object as \`this\` for an instance member).`;
  }
}
