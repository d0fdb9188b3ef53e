// The declaration generator: a reviewed snapshot of one fixture's declarations, and a
// type-level suite (`tsc --strict`) over usage files for the fixtures and three NuGet
// packages, whose `@ts-expect-error` lines must each be an error.
import test from "ava";
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { generateTypings } from "../../lib/index.js";
import { emitDeclarations } from "../../lib/typings/emit.js";
import type { TypeModel } from "../../lib/typings/model.js";
import { fixture, repoRoot, tempDir } from "../helpers.js";

const here = join(repoRoot, "__test__", "typings");

function compatAssembly(project: string, name: string): string {
  const path = join(
    repoRoot,
    "__test__",
    "compat",
    "out",
    project,
    `${name}.dll`,
  );
  try {
    readFileSync(path);
  } catch {
    throw new Error(
      `${path} is missing: run \`npm run build:fixtures\` (it restores the compatibility suite's NuGet packages)`,
    );
  }
  return path;
}

/** `tsc` over a folder: its exit status and output. */
function typeCheck(folder: string): { status: number | null; output: string } {
  writeFileSync(
    join(folder, "tsconfig.json"),
    JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: "es2022",
          lib: ["es2023", "esnext.disposable"],
          module: "nodenext",
          moduleResolution: "nodenext",
          types: ["node"],
          typeRoots: [join(repoRoot, "node_modules", "@types")],
          // The package as users get it: its built declarations.
          paths: { "dotnet-host": [join(repoRoot, "dist", "index.d.ts")] },
        },
        include: ["*.ts"],
      },
      null,
      2,
    ),
  );
  const tsc = spawnSync(
    process.execPath,
    [join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", folder],
    { encoding: "utf8", timeout: 300_000 },
  );
  return {
    status: tsc.status,
    output: `${tsc.stdout}${tsc.stderr}${tsc.error ? tsc.error.message : ""}`,
  };
}

test("the Typed fixture's declarations match the reviewed snapshot", (t) => {
  const generated = generateTypings(fixture("Typed"), { frameworkDocs: false });
  const snapshot = join(here, "snapshots", "Typed.d.ts");
  const expected = readFileSync(snapshot, "utf8");
  t.is(
    generated.text,
    expected,
    `the generated declarations changed: review them and, if right, run \`npx tsx scripts/typings-snapshot.ts\` to update ${snapshot}`,
  );
});

test("the example's committed declarations are what the generator writes for it", (t) => {
  const generated = generateTypings(
    join(repoRoot, "example", "out", "Hello", "Hello.dll"),
    {
      frameworkDocs: false,
    },
  );
  t.is(
    generated.text,
    readFileSync(join(repoRoot, "example", "Hello.d.ts"), "utf8"),
    "example/Hello.d.ts is stale: run `npx tsx scripts/typings-snapshot.ts`",
  );
});

test("XML documentation becomes JSDoc: summary, params, returns and exceptions", (t) => {
  const { text } = generateTypings(fixture("Typed"), { frameworkDocs: false });
  const block =
    /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*static add\(a: number, b: number\): number;/.exec(
      text,
    )?.[1] ?? "";
  t.regex(block, /Adds two Int32 values\./);
  t.regex(block, /@param a The first addend\./);
  t.regex(block, /@returns The sum, `a \+ b`\./);
  t.regex(block, /@throws \{@link DotnetException\} OverflowException: Never/);
  t.regex(block, /C#: `int Add\(int a, int b\)`/);
});

test("tsc --strict accepts typed use of the fixtures and three NuGet packages, and rejects each misuse", (t) => {
  const folder = tempDir("dotnet-host-typings-");
  const targets = [
    fixture("Typed"),
    fixture("Objects"),
    compatAssembly("Newtonsoft", "Newtonsoft.Json"),
    compatAssembly("Noda", "NodaTime"),
    compatAssembly("Markdown", "Markdig"),
  ];
  for (const target of targets) {
    const result = generateTypings(target);
    writeFileSync(join(folder, `${result.assemblyName}.d.ts`), result.text);
    t.true(result.types > 0, `${target}: no types declared`);
    t.is(result.failures, 0, `${target}: types that could not be read`);
  }
  for (const file of readdirSync(join(here, "usage")))
    copyFileSync(join(here, "usage", file), join(folder, file));
  const { status, output } = typeCheck(folder);
  t.is(status, 0, output);
});

test("a stale @ts-expect-error fails the type-level suite (the suite can fail)", (t) => {
  const folder = tempDir("dotnet-host-typings-");
  writeFileSync(
    join(folder, "Typed.d.ts"),
    generateTypings(fixture("Typed")).text,
  );
  writeFileSync(
    join(folder, "stale.ts"),
    'import { load } from "dotnet-host";\nconst { Calc } = load("Typed.dll").namespaces.Typed;\n// @ts-expect-error\nexport const fine: number = Calc.add(1, 2);\n',
  );
  const { status, output } = typeCheck(folder);
  t.not(status, 0);
  t.regex(output, /Unused '@ts-expect-error' directive/);
});

test("types of the global namespace, nested ones too, are exported top-level declarations", (t) => {
  const type = (fullName: string, outer?: string): TypeModel => ({
    fullName,
    namespace: "",
    name: fullName.split("+").pop()!,
    ...(outer ? { outer } : {}),
    category: "class",
    own: true,
    static: false,
    abstract: false,
    generic: [],
    interfaces: [],
    disposable: false,
    members: [],
  });
  const text = emitDeclarations(
    {
      assembly: "Global",
      path: "/Global.dll",
      types: [type("Outer"), type("Outer+Inner", "Outer")],
      declared: ["Outer", "Outer+Inner"],
      failures: [],
    },
    { runtimeModule: "dotnet-host" },
  );
  t.regex(text, /^export declare class Outer extends \$DotnetObject \{$/m);
  t.regex(text, /^export declare namespace Outer \{\n {2}class Inner /m);
  t.regex(text, /readonly Outer: typeof Outer;/);
});
