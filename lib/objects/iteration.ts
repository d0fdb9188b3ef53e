// for…of over IEnumerable and for await…of over IAsyncEnumerable, through the interfaces'
// own members (so explicit implementations and non-public enumerator types work too).
import type { DotnetObject } from "./base.js";
import { memberCallable } from "./calls.js";
import { describeType, typeOf, type TypeDescription } from "./registry.js";

const GENERIC_ENUMERABLE = "System.Collections.Generic.IEnumerable`1";
const ENUMERABLE = "System.Collections.IEnumerable";
const GENERIC_ENUMERATOR = "System.Collections.Generic.IEnumerator`1";
const ENUMERATOR = "System.Collections.IEnumerator";
const DISPOSABLE = "System.IDisposable";
const DICTIONARY = "System.Collections.Generic.IDictionary`2";
const READONLY_DICTIONARY = "System.Collections.Generic.IReadOnlyDictionary`2";
const ASYNC_ENUMERABLE = "System.Collections.Generic.IAsyncEnumerable`1";
const ASYNC_ENUMERATOR = "System.Collections.Generic.IAsyncEnumerator`1";
const ASYNC_DISPOSABLE = "System.IAsyncDisposable";

/** The id of the interface of `description` whose full name starts with `name`. */
function contract(
  description: TypeDescription,
  name: string,
): number | undefined {
  return [description.id, ...description.interfaces].find((id) => {
    const fullName = describeType(id).fullName;
    return fullName === name || fullName.startsWith(`${name}[`);
  });
}

function need(description: TypeDescription, ...names: string[]): number {
  for (const name of names) {
    const id = contract(description, name);
    if (id !== undefined) return id;
  }
  throw new TypeError(
    `${description.fullName} does not implement ${names.join(" or ")}`,
  );
}

const method = (owner: number, name: string) =>
  memberCallable(owner, "method", name, false, "call").call;
const getter = (owner: number, name: string) =>
  memberCallable(owner, "property", name, false, "get").call;

/** Ends an enumerator: disposes it, and releases its wrapper unless it is the sequence itself. */
function finish(
  enumerator: DotnetObject,
  sequence: DotnetObject,
  description: TypeDescription,
): void {
  if (enumerator !== sequence) {
    enumerator.dispose();
    return;
  }
  // Iterator methods hand out the sequence object itself as its first enumerator.
  const disposable = contract(description, DISPOSABLE);
  if (disposable !== undefined) method(disposable, "Dispose").call(enumerator);
}

function* values(
  sequence: DotnetObject,
  description: TypeDescription,
): Generator<unknown, void, undefined> {
  const enumerable = need(description, GENERIC_ENUMERABLE, ENUMERABLE);
  const enumerator = method(enumerable, "GetEnumerator").call(
    sequence,
  ) as DotnetObject;
  const enumeratorType = typeOf(enumerator)!;
  const moveNext = method(need(enumeratorType, ENUMERATOR), "MoveNext");
  const current = getter(
    need(enumeratorType, GENERIC_ENUMERATOR, ENUMERATOR),
    "Current",
  );
  try {
    while (moveNext.call(enumerator)) yield current.call(enumerator);
  } finally {
    finish(enumerator, sequence, enumeratorType);
  }
}

function* entries(
  dictionary: DotnetObject,
  description: TypeDescription,
): Generator<[unknown, unknown], void, undefined> {
  const owner = need(description, DICTIONARY, READONLY_DICTIONARY);
  const keys = getter(owner, "Keys").call(dictionary) as DotnetObject;
  const item = memberCallable(owner, "indexer", "Item", false, "get").call;
  try {
    for (const key of values(keys, typeOf(keys)!))
      yield [key, item.call(dictionary, key)];
  } finally {
    keys.dispose();
  }
}

async function* asyncValues(
  sequence: DotnetObject,
  description: TypeDescription,
): AsyncGenerator<unknown, void, undefined> {
  const enumerable = need(description, ASYNC_ENUMERABLE);
  const enumerator = method(enumerable, "GetAsyncEnumerator").call(
    sequence,
  ) as DotnetObject;
  const enumeratorType = typeOf(enumerator)!;
  const owner = need(enumeratorType, ASYNC_ENUMERATOR);
  const moveNext = method(owner, "MoveNextAsync");
  const current = getter(owner, "Current");
  try {
    while (await (moveNext.call(enumerator) as Promise<boolean>))
      yield current.call(enumerator);
  } finally {
    await method(need(enumeratorType, ASYNC_DISPOSABLE), "DisposeAsync").call(
      enumerator,
    );
    if (enumerator !== sequence) enumerator.dispose();
  }
}

/**
 * Makes wrappers of enumerable types iterable: sequences yield their elements,
 * dictionaries `[key, value]` pairs (so `new Map(dictionary)` copies one).
 */
export function installIteration(
  cls: { prototype: object },
  description: TypeDescription,
): void {
  const prototype = cls.prototype;
  if (description.iteration) {
    const iterate =
      description.iteration === "dictionary"
        ? function (this: DotnetObject) {
            return entries(this, description);
          }
        : function (this: DotnetObject) {
            return values(this, description);
          };
    Object.defineProperty(prototype, Symbol.iterator, {
      configurable: true,
      writable: true,
      value: iterate,
    });
  }
  if (description.asyncIterable) {
    Object.defineProperty(prototype, Symbol.asyncIterator, {
      configurable: true,
      writable: true,
      value: function (this: DotnetObject) {
        return asyncValues(this, description);
      },
    });
  }
}
