// The JavaScript class of a .NET type, made from its description: `new` constructs the .NET
// object, statics and instance members are installed, interfaces answer instanceof as .NET
// does; and an enum as the frozen object of its members' values.
import { BindError, InvalidArgumentError } from "../errors.js";
import { native } from "../native/binding.js";
import { adoptReceiver, DotnetObject, INTERNAL, PENDING } from "./base.js";
import type { Callable } from "../typed/invoke.js";
import { MEMBERS, memberCallable, type MemberRef } from "./calls.js";
import { installIteration } from "./iteration.js";
import { installMembers } from "./members.js";
import {
  classFor,
  describeType,
  findType,
  TYPE,
  typeOf,
  type DotnetClass,
  type DotnetEnum,
  type TypeDescription,
} from "./registry.js";

/**
 * An enum as JavaScript sees it: each member's value, which is what .NET gives for it and
 * takes back. That is the member's name (`DayOfWeek.Monday === "Monday"`, as a TypeScript
 * string enum), or, for a [Flags] enum, its number, to combine with `|`.
 */
export function buildEnum(description: TypeDescription): DotnetEnum {
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
): (args: unknown[], adoptee?: DotnetObject) => DotnetObject {
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
  let apply: Callable["apply"] | undefined;
  return (args, adoptee) => {
    apply ??= memberCallable(
      description.id,
      "constructor",
      ".ctor",
      true,
      "call",
    ).apply;
    return apply(args, adoptee) as DotnetObject;
  };
}

export function buildClass(description: TypeDescription): DotnetClass {
  const base = (description.baseTypeId !== undefined
    ? classFor(description.baseTypeId)
    : DotnetObject) as unknown as typeof DotnetObject;
  const construct = constructorOf(description);
  // Classes whose objects cross as wrappers (`construct` refuses the ones that cannot be
  // constructed, whatever `this` it is given).
  const adopts = description.category === "class" && !description.byValue;
  // What `new` may return in place of `this`: an object.
  const returnable = (made: unknown): DotnetObject => {
    if (made === null || typeof made !== "object") {
      throw new TypeError(
        `${description.name} crosses as a JavaScript ${typeof made}, which \`new\` cannot return: use ${description.name}.new(...) (the same constructor, as a function)`,
      );
    }
    return made as DotnetObject;
  };
  // A named class expression, so stacks and inspect show the .NET name.
  const holder = {
    [description.name]: class extends base {
      constructor(...args: unknown[]) {
        if (args[0] === INTERNAL) {
          super(INTERNAL, args[1]);
          return;
        }
        if ((new.target as unknown) !== cls) {
          throw new TypeError(
            `${description.name}: extending .NET classes in JavaScript is not supported; wrap the object instead`,
          );
        }
        if (adopts) {
          // The wrapper is made here and the addon adopts it for the new .NET object,
          // which saves the addon a call back into JavaScript to make one. The object
          // may have a wrapper already (its constructor passed it to JavaScript): then
          // that one replaces `this`.
          super(INTERNAL, PENDING);
          const made = construct(args, this);
          if (made === this) {
            adoptReceiver(this);
            return;
          }
          return returnable(made);
        }
        // The constructed object's wrapper (made by the factory) replaces `this`.
        return returnable(construct(args));
      }
    },
  };
  const cls = holder[description.name] as unknown as DotnetClass;
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
