// JavaScript objects implementing .NET interfaces: an object literal or class instance
// passed where .NET takes an interface (or `assembly.implement(Interface, object)`) becomes
// a .NET object of that interface whose members call the JavaScript object's (the .NET
// side is managed/DotnetHost.Bridge/JavaScriptObjects.cs: a DispatchProxy).
import { InvalidArgumentError } from "../errors.js";
import { native } from "../native/binding.js";
import type { Wire } from "../typed/kinds.js";
import type { DotnetObject } from "./base.js";
import { memberCallable } from "./calls.js";
import { camelCase } from "./names.js";
import { describeType, findType, typeOf } from "./registry.js";

interface InterfaceMember {
  name: string;
  role: "call" | "get" | "set" | "add" | "remove";
  delegateTypeId?: number;
  unsupported?: string;
}

const FACTORY = "DotnetHost.Interop.JavaScriptObjects";

let factoryId: number | undefined;
function factory(method: string) {
  factoryId ??= typeOf(findType(-1, FACTORY))!.id;
  return memberCallable(factoryId, "method", method, true, "call").call;
}

const descriptions = new Map<number, InterfaceMember[]>();

type Implementation =
  Record<string, unknown> | ((...args: unknown[]) => unknown);

/** The JavaScript function that stands in for one interface member. */
function adapter(
  implementation: Implementation,
  member: InterfaceMember,
  contract: string,
): (...args: unknown[]) => unknown {
  const target = implementation as Record<string, unknown>;
  const jsName = camelCase(member.name);
  const key = () => (jsName in target ? jsName : member.name);
  switch (member.role) {
    case "get":
      return () => target[key()];
    case "set":
      return (value) => {
        target[key()] = value;
      };
    case "add":
    case "remove": {
      const accessor = `${member.role}_${member.name}`;
      return (handler) => {
        const method = target[accessor];
        if (typeof method !== "function") {
          throw new TypeError(
            `the JavaScript object implementing ${contract} has no ${accessor}(handler) for the event ${member.name}`,
          );
        }
        return method.call(implementation, handler) as unknown;
      };
    }
    default:
      return (...args) => {
        const method =
          typeof implementation === "function" ? implementation : target[key()];
        if (typeof method !== "function") {
          throw new TypeError(
            `the JavaScript object implementing ${contract} has no method ${jsName}`,
          );
        }
        return method.apply(implementation, args) as unknown;
      };
  }
}

/**
 * A .NET object of interface `contractId` whose members call `implementation`'s: methods by
 * their camelCase (or .NET) name, properties read and written on it, events through its
 * `add_Name(handler)`/`remove_Name(handler)`. A function implements an interface of one
 * method. Each call makes a new .NET object.
 */
export function implement(
  contractId: number,
  implementation: unknown,
): DotnetObject {
  const contract = describeType(contractId);
  if (contract.category !== "interface") {
    throw new InvalidArgumentError(
      `${contract.name} is not an interface: a JavaScript object can implement interfaces only`,
    );
  }
  if (
    (typeof implementation !== "object" || implementation === null) &&
    typeof implementation !== "function"
  ) {
    throw new InvalidArgumentError(
      `an object implementing ${contract.name} must be an object or a function, got ${implementation === null ? "null" : typeof implementation}`,
    );
  }
  const type = native.bridgeTypeObject(contractId);
  let members = descriptions.get(contractId);
  if (!members) {
    members = JSON.parse(
      factory("Describe")(type) as string,
    ) as InterfaceMember[];
    descriptions.set(contractId, members);
  }
  const delegates = members.map((member) =>
    member.delegateTypeId === undefined
      ? null
      : native.bridgeCreateDelegate(
          describeType(member.delegateTypeId).wire as Wire,
          adapter(implementation as Implementation, member, contract.name),
        ),
  );
  return factory("Implement")(type, delegates) as DotnetObject;
}
