// The declarations and the runtime agree: every public static method of the typed
// fixtures that can be called with sample arguments is called, and every readable property
// of their constructible classes is read; each result must be of the type the
// declarations give it (lib/typings/values.ts, the table the generator writes from).
import test from "ava";
import { DotnetException, DotnetObject, load } from "../../lib/index.js";
import { Kind } from "../../lib/typed/kinds.js";
import { describeSurface } from "../../lib/typings/generate.js";
import type {
  Signature,
  SurfaceModel,
  TypeModel,
  TypeRef,
} from "../../lib/typings/model.js";
import { conforms, typedArrays } from "../../lib/typings/values.js";
import { fixture } from "../helpers.js";

const isWrapper = (value: unknown) =>
  value instanceof DotnetObject || typeof value === "function";

/** A value of the declared parameter type, or undefined when none is made up here. */
function sample(ref: TypeRef | null, model: SurfaceModel): unknown {
  if (!ref || ref.kind === undefined) return undefined;
  if (ref.enum !== undefined) {
    const type = model.types.find(
      (candidate) => candidate.fullName === ref.enum,
    );
    const [first] = Object.entries(type?.enumValues ?? {});
    if (!first) return undefined;
    return type?.flags ? first[1] : first[0];
  }
  switch (ref.kind) {
    case Kind.Bool:
      return true;
    case Kind.SByte:
    case Kind.Byte:
    case Kind.Int16:
    case Kind.UInt16:
    case Kind.Int32:
    case Kind.UInt32:
      return 3;
    case Kind.Int64:
    case Kind.UInt64:
    case Kind.IntPtr:
    case Kind.UIntPtr:
      return 3n;
    case Kind.Single:
    case Kind.Double:
      return 1.5;
    case Kind.Char:
      return "a";
    case Kind.String:
      return "abc";
    case Kind.Decimal:
      return "1.5";
    case Kind.DateTime:
    case Kind.DateTimeOffset:
      return new Date(86_400_000);
    case Kind.TimeSpan:
      return 5;
    case Kind.Guid:
      return "00000000-0000-0000-0000-000000000001";
    case Kind.CancellationToken:
      return AbortSignal.timeout(1000);
    case Kind.Array:
    case Kind.Span:
    case Kind.ReadOnlySpan:
    case Kind.Memory:
    case Kind.ReadOnlyMemory: {
      if (ref.elementKind === undefined) return undefined;
      const typed = typedArrays[ref.elementKind]!.type as new (
        items: ArrayLike<number | bigint>,
      ) => unknown;
      const big =
        ref.elementKind === Kind.Int64 || ref.elementKind === Kind.UInt64;
      return new typed(big ? [1n, 2n, 3n] : [1, 2, 3]);
    }
    case Kind.Object:
      return ref.dynamic ? 7 : undefined;
  }
  return undefined;
}

interface Tally {
  checked: number;
  threw: number;
  mismatches: string[];
}

async function check(
  what: string,
  value: unknown,
  returns: TypeRef | null,
  signature: Signature | undefined,
  tally: Tally,
): Promise<void> {
  const byReference =
    signature?.parameters.filter(
      (parameter) => parameter.passing === "ref" || parameter.passing === "out",
    ) ?? [];
  const pairs: [unknown, TypeRef | null][] = byReference.length
    ? [
        [
          (value as unknown[])[0],
          returns?.kind === Kind.Void
            ? { cs: "void", kind: Kind.Void }
            : returns,
        ],
        ...byReference.map((parameter, index): [unknown, TypeRef | null] => [
          (value as unknown[])[index + 1],
          parameter.type,
        ]),
      ]
    : [[value, returns]];
  for (const [item, ref] of pairs) {
    tally.checked++;
    if (!conforms(item, ref, isWrapper))
      tally.mismatches.push(
        `${what}: ${ref?.cs} declared, got ${String(item)}`,
      );
    if (ref?.kind === Kind.Task && item instanceof Promise) {
      const settled = await Promise.race([
        item.then(
          (result) => ({ result }),
          () => undefined,
        ),
        new Promise<undefined>((done) =>
          setTimeout(() => done(undefined), 2000),
        ),
      ]);
      if (settled)
        await check(
          `${what} (awaited)`,
          settled.result,
          ref.inner ?? null,
          undefined,
          tally,
        );
    }
  }
}

async function staticMethods(
  assemblyPath: string,
  tally: Tally,
): Promise<void> {
  const model = describeSurface(assemblyPath, false);
  const assembly = load(assemblyPath);
  const own = model.types.filter(
    (type: TypeModel) =>
      type.own &&
      !type.generic.length &&
      (type.category === "class" || type.category === "struct") &&
      type.crosses !== "json",
  );
  for (const type of own) {
    for (const member of type.members) {
      if (member.kind !== "method" || !member.static) continue;
      for (const overload of member.overloads ?? []) {
        if (overload.unsupported || overload.generic?.length) continue;
        const passed = overload.parameters.filter(
          (parameter) => parameter.passing !== "out",
        );
        const args = passed.map((parameter) => sample(parameter.type, model));
        if (args.some((arg) => arg === undefined)) continue;
        const types = overload.parameters.map(
          (parameter) =>
            `${parameter.passing === "out" ? "out " : parameter.passing === "ref" ? "ref " : ""}${parameter.type!.cs}`,
        );
        const name = `${type.fullName}.${member.name}(${types.join(", ")})`;
        let value: unknown;
        try {
          value = assembly.bind(
            `${type.fullName}.${member.name}`,
            types,
          )(...args);
        } catch (error) {
          if (!(error instanceof DotnetException))
            throw new Error(`${name}: ${String(error)}`);
          tally.threw++;
          continue;
        }
        await check(name, value, overload.returns, overload, tally);
      }
    }
  }
}

test("every static result of the Typed fixture is of its declared type", async (t) => {
  const tally: Tally = { checked: 0, threw: 0, mismatches: [] };
  await staticMethods(fixture("Typed"), tally);
  t.deepEqual(tally.mismatches, []);
  t.true(tally.checked >= 60, `only ${tally.checked} results checked`);
  t.log(
    `${tally.checked} results checked, ${tally.threw} calls threw .NET exceptions`,
  );
});

test("every static result and property of the Objects fixture is of its declared type", async (t) => {
  const tally: Tally = { checked: 0, threw: 0, mismatches: [] };
  const path = fixture("Objects");
  await staticMethods(path, tally);
  const model = describeSurface(path, false);
  const namespaces = load(path).namespaces as Record<
    string,
    Record<string, unknown>
  >;
  for (const type of model.types) {
    if (
      !type.own ||
      type.generic.length ||
      type.outer ||
      type.category !== "class"
    )
      continue;
    const constructors = type.members.find(
      (member) => member.kind === "constructor",
    );
    if (
      !constructors?.overloads?.some(
        (overload) => overload.parameters.length === 0,
      )
    )
      continue;
    const cls = namespaces[type.namespace]?.[type.name] as
      (new () => Record<string, unknown>) | undefined;
    if (typeof cls !== "function") continue;
    let instance: Record<string, unknown>;
    try {
      instance = new cls();
    } catch (error) {
      if (error instanceof DotnetException) continue;
      throw error;
    }
    for (const member of type.members) {
      if (
        member.kind !== "property" ||
        member.static ||
        !member.canRead ||
        !member.type
      )
        continue;
      const jsName = member.name[0]!.toLowerCase() + member.name.slice(1);
      let value: unknown;
      try {
        value = instance[jsName];
      } catch (error) {
        if (error instanceof DotnetException) {
          tally.threw++;
          continue;
        }
        throw error;
      }
      await check(
        `${type.fullName}.${member.name}`,
        value,
        member.type,
        undefined,
        tally,
      );
    }
  }
  t.deepEqual(tally.mismatches, []);
  t.true(tally.checked >= 40, `only ${tally.checked} results checked`);
  t.log(
    `${tally.checked} results checked, ${tally.threw} calls threw .NET exceptions`,
  );
});

test("the check rejects results of another type than declared", (t) => {
  const long: TypeRef = { cs: "long", kind: Kind.Int64 };
  t.false(
    conforms(3, long, isWrapper),
    "a number where a long (bigint) is declared",
  );
  t.true(conforms(3n, long, isWrapper));
  t.false(
    conforms(null, long, isWrapper),
    "null where the type is not nullable",
  );
  t.true(conforms(null, { ...long, nullable: true }, isWrapper));
  t.false(
    conforms(
      new Uint8Array(1),
      { cs: "int[]", kind: Kind.Array, elementKind: Kind.Int32 },
      isWrapper,
    ),
  );
  t.false(
    conforms(
      {},
      { cs: "Counter", kind: Kind.Object, type: "Objects.Counter" },
      isWrapper,
    ),
  );
  t.false(
    conforms(
      [1],
      {
        cs: "string[]",
        kind: Kind.Json,
        element: { cs: "string", kind: Kind.String },
      },
      isWrapper,
    ),
  );
});
