// Every public struct of the tested libraries crosses out of .NET and back in as the same
// value: a struct is a wrapper of a boxed copy, so nothing of its (often private) state
// is lost on the way. For each struct, values .NET makes (its default, and its static
// properties and fields of its own type, such as Instant.MaxValue or Complex.ImaginaryOne)
// go into a List<T> and come back out, typed both ways, and .NET compares them.
import test from "ava";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { DotnetObject, load, type DotnetAssembly } from "../../index.js";
import { compatOut } from "./harness.js";

const projects = [
  "Noda",
  "Numerics",
  "Newtonsoft",
  "Yaml",
  "Csv",
  "Markdown",
  "Crypto",
  "Sql",
  "Bcl",
];

interface Description {
  fullName: string;
  category: string;
  byValue?: boolean;
  members: { name: string; kind: string; static: boolean; canRead: boolean }[];
}

const TYPE = (value: object) =>
  Object.getOwnPropertySymbols(value).find(
    (symbol) => String(symbol) === "Symbol(dotnet-host.type)",
  )!;

function describe(cls: object): Description {
  return (cls as Record<symbol, Description>)[TYPE(cls)]!;
}

/** The public structs (by full name) of the assemblies `lib` lists, by namespace walk. */
function structNames(lib: DotnetAssembly, root: string): string[] {
  const names: string[] = [];
  const walk = (
    node: Record<string, unknown>,
    prefix: string,
    depth: number,
  ) => {
    for (const key of Object.keys(node)) {
      const full = `${prefix}.${key}`;
      let child: unknown;
      try {
        child = node[key];
      } catch {
        continue; // a type that cannot load is the loader's business, tested elsewhere
      }
      if (typeof child === "function") {
        const description = describe(child);
        if (description?.category === "struct" && !description.byValue)
          names.push(description.fullName);
      } else if (
        child &&
        typeof child === "object" &&
        !("of" in child) &&
        depth < 8
      ) {
        walk(child as Record<string, unknown>, full, depth + 1);
      }
    }
  };
  walk(
    (lib.namespaces as Record<string, Record<string, unknown>>)[root]!,
    root,
    0,
  );
  return names;
}

const roots: Record<string, string[]> = {
  Noda: ["NodaTime"],
  Numerics: ["MathNet"],
  Yaml: ["YamlDotNet"],
  Csv: ["CsvHelper"],
  Markdown: ["Markdig"],
  Crypto: ["Org"],
  Sql: ["Dapper", "Microsoft"],
  Bcl: ["System"],
};

for (const project of projects.filter((name) => roots[name])) {
  test(`${project}: every public struct crosses out and back Equal to itself`, (t) => {
    const dll = join(compatOut, project, `${project}.dll`);
    if (!existsSync(dll))
      throw new Error(`${dll} is missing: run npm run build:fixtures`);
    const lib = load(dll);
    const { List } = (lib.namespaces as Record<string, any>).System.Collections
      .Generic; // eslint-disable-line @typescript-eslint/no-explicit-any
    let crossed = 0;
    const skipped: string[] = [];
    for (const root of roots[project]!) {
      for (const name of structNames(lib, root)) {
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        let Struct: any;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any
        let list: any;
        try {
          Struct = lib.type(name);
          list = new (List.of(Struct))();
        } catch (error) {
          // Ref structs and structs with pointers are no List<T> elements (nor objects).
          skipped.push(`${name}: ${(error as Error).message.split("\n")[0]}`);
          continue;
        }
        const values: unknown[] = [];
        try {
          const made: unknown = new Struct();
          // ValueTask is a Promise here, not a wrapper.
          if (made instanceof Struct) values.push(made);
        } catch {
          // A parameterless constructor that throws: the statics below still count.
        }
        for (const member of describe(Struct).members) {
          if (
            !member.static ||
            !member.canRead ||
            (member.kind !== "property" && member.kind !== "field")
          )
            continue;
          try {
            const value =
              Struct[
                member.name.charAt(0).toLowerCase() + member.name.slice(1)
              ] ?? Struct[member.name];
            if (value instanceof Struct) values.push(value);
          } catch {
            // A static that throws on read (not initialized in this context) is no value.
          }
        }
        for (const value of values) {
          // .NET decides what Equal means: a value not Equal to itself there (a NaN) is
          // not here; a struct whose Equals throws (an InlineArray) cannot be compared.
          let self: boolean;
          try {
            self = (value as { equals(other: unknown): boolean }).equals(value);
          } catch (error) {
            skipped.push(`${name}: ${(error as Error).message.split("\n")[0]}`);
            break;
          }
          list.add(value);
          const back = list.getItem(list.count - 1);
          t.true(
            back instanceof DotnetObject,
            `${name} came back as a wrapper`,
          );
          t.is(
            back.equals(value),
            self,
            `${name}: a value came back Equal to itself`,
          );
          crossed++;
        }
      }
    }
    t.log(
      `${crossed} values of structs crossed; skipped: ${skipped.length ? skipped.join("; ") : "none"}`,
    );
    t.true(crossed > 0, "the library has structs to cross");
  });
}
