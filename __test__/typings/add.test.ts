// `dotnet-host add` end to end in a fresh folder: restore a NuGet package through the .NET
// SDK, write its declarations, type-check a use of it under --strict, and run that use;
// and the folder's manifest read as the input it is.
import test from "ava";
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { InvalidArgumentError, load } from "../../lib/index.js";
import { repoRoot, tempDir } from "../helpers.js";

const cli = join(repoRoot, "bin", "dotnet-host.js");

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    timeout: 600_000,
  });
  return {
    status: result.status,
    output: `${result.stdout}${result.stderr}${result.error?.message ?? ""}`,
    stdout: result.stdout,
  };
}

test("add restores a package, writes its declarations, and a typed use compiles and runs", (t) => {
  const project = tempDir("dotnet-host-add-");
  // The project uses this checkout as its dotnet-host dependency.
  mkdirSync(join(project, "node_modules"));
  symlinkSync(repoRoot, join(project, "node_modules", "dotnet-host"), "dir");
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "add-test", private: true, type: "module" }),
  );

  const added = run(
    process.execPath,
    [cli, "add", "Newtonsoft.Json@13.0.4"],
    project,
  );
  t.is(added.status, 0, added.output);
  t.regex(added.stdout, /added Newtonsoft\.Json 13\.0\.4/);
  t.regex(added.stdout, /import \{ dotnet \} from "\.\/dotnet\/index\.js";/);
  const manifest = JSON.parse(
    readFileSync(join(project, "dotnet", "dotnet-host.json"), "utf8"),
  ) as { packages: Record<string, string> };
  t.deepEqual(manifest.packages, { "Newtonsoft.Json": "13.0.4" });
  const declarations = readFileSync(
    join(project, "dotnet", "index.d.ts"),
    "utf8",
  );
  t.regex(declarations, /class JsonConvert extends/);
  // The package's own XML documentation, as JSDoc.
  t.regex(declarations, /Serializes the specified object to a JSON string/);

  writeFileSync(
    join(project, "use.ts"),
    `import { dotnet } from "./dotnet/index.js";
const { JsonConvert, Formatting } = dotnet.namespaces.Newtonsoft.Json;
const text: string = JsonConvert.serializeObject({ a: [1, 2] }, Formatting.None);
// @ts-expect-error a misspelt member
JsonConvert.serialiseObject({});
console.log(text);
`,
  );
  writeFileSync(
    join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: "es2022",
        module: "nodenext",
        moduleResolution: "nodenext",
        types: ["node"],
        typeRoots: [join(repoRoot, "node_modules", "@types")],
      },
      files: ["use.ts"],
    }),
  );
  const tsc = run(
    process.execPath,
    [join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", project],
    project,
  );
  t.is(tsc.status, 0, tsc.output);

  // The same code without its types, run: the folder's module loads the package.
  writeFileSync(
    join(project, "use.mjs"),
    `import { dotnet } from "./dotnet/index.js";
const { JsonConvert, Formatting } = dotnet.namespaces.Newtonsoft.Json;
console.log(JsonConvert.serializeObject({ a: [1, 2] }, Formatting.None));
`,
  );
  const used = run(process.execPath, ["use.mjs"], project);
  t.is(used.status, 0, used.output);
  t.is(used.stdout.trim(), '{"a":[1,2]}');

  // `typings` on the folder writes the same declarations again.
  const again = run(process.execPath, [cli, "typings", "dotnet"], project);
  t.is(again.status, 0, again.output);
  t.is(
    readFileSync(join(project, "dotnet", "index.d.ts"), "utf8"),
    declarations,
  );
  t.true(existsSync(join(project, "dotnet", ".gitignore")));
});

test("add refuses what is not a package id, before running the SDK", (t) => {
  const project = tempDir("dotnet-host-add-");
  const result = run(process.execPath, [cli, "add", "../evil"], project);
  t.is(result.status, 1);
  t.regex(result.output, /is not a NuGet package id/);
  t.false(existsSync(join(project, "dotnet")));
});

test("a package folder's manifest is input: a FIFO, a path out of the folder or bad JSON is refused", (t) => {
  const folder = tempDir("dotnet-host-manifest-");
  const manifest = join(folder, "dotnet-host.json");
  const refused = (pattern: RegExp) =>
    t.throws(() => load(folder), {
      instanceOf: InvalidArgumentError,
      message: pattern,
    });
  // A FIFO nobody writes to would block the read forever.
  const fifo = spawnSync("mkfifo", [manifest]);
  t.is(fifo.status, 0, `mkfifo: ${fifo.stderr.toString()}`);
  refused(/is not a dotnet-host package manifest: it is not a regular file/);
  rmSync(manifest);
  writeFileSync(manifest, "{ not json");
  refused(/is not a dotnet-host package manifest: .*JSON/);
  writeFileSync(
    manifest,
    JSON.stringify({
      format: 1,
      assembly: "../elsewhere/Evil.dll",
      framework: "net8.0",
      packages: {},
    }),
  );
  refused(/`assembly` must be a path inside the folder/);
});
