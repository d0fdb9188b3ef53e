// A generic type definition as a namespace shows it (`Box` of `Box<T>`), closed with `.of()`.
import { BindError } from "../errors.js";
import { findType, type DotnetType, type TypeArgument } from "./registry.js";

/** A generic type definition: close it with `.of(...)`. */
export interface GenericDefinition {
  readonly name: string;
  readonly fullName: string;
  /** The class of the generic type closed over these type arguments. */
  of(...typeArguments: TypeArgument[]): DotnetType;
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
