// The documentation must describe the tree as it is. docs/architecture.md names every
// source file and nothing that is gone, and the rules it states are checked against the
// code here (the Rust layers' `crate::` uses, who loads the addon, which extern functions
// guard against panics). Every relative link in the README, CONTRIBUTING.md and docs/
// must resolve. A failure names the file or rule to update in the doc.
import test from "ava";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { repoRoot } from "../helpers.js";

const read = (path: string) => readFileSync(join(repoRoot, path), "utf8");
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const architecture = read("docs/architecture.md");

/** Build output and tools' folders: never sources, never named. */
const SKIPPED_DIRECTORIES = new Set([
  "node_modules",
  "target",
  "dist",
  "obj",
  "bin",
  "out",
  ".git",
]);

/** Repository-relative paths (with `/`) of the files under `dir` whose name passes `keep`. */
function walk(dir: string, keep: (name: string) => boolean): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(repoRoot, dir), {
    withFileTypes: true,
  })) {
    const path = posix.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) found.push(...walk(path, keep));
    } else if (keep(entry.name)) {
      found.push(path);
    }
  }
  return found;
}

/** Every file the doc must name. */
const sources = [
  ...walk("src", (name) => name.endsWith(".rs")),
  ...walk("lib", (name) => name.endsWith(".ts")),
  ...walk("managed/DotnetHost.Bridge", (name) => name.endsWith(".cs")),
  "build.rs",
].sort(byText);

/** Folders holding sources, and their parents: what `callbacks/` may stand for. */
const sourceDirectories = [
  ...new Set(
    sources.flatMap((file) => {
      const parts = file.split("/").slice(0, -1);
      return parts.map((_, index) => `${parts.slice(0, index + 1).join("/")}/`);
    }),
  ),
];

/** The markdown outside fenced code blocks, and the fenced blocks' text. */
function splitFences(markdown: string): { prose: string; fenced: string } {
  const prose: string[] = [];
  const fenced: string[] = [];
  let inFence = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    else (inFence ? fenced : prose).push(line);
  }
  return { prose: prose.join("\n"), fenced: fenced.join("\n") };
}

const SOURCE_FILE = /\.(rs|ts|cs)$/;
const topLevel = new Set(readdirSync(repoRoot));

/**
 * The paths a doc names: code spans of the prose, and words of its diagrams. A name
 * counts when it ends in .rs/.ts/.cs, ends in `/` (a folder), or starts with a top-level
 * entry of the repository and has a `/` (`scripts/windows/`). Patterns (`<name>`, `…`)
 * and build output (`dist/`, `target/`) are not names.
 */
function namedPaths(markdown: string): string[] {
  const { prose, fenced } = splitFences(markdown);
  const candidates = [
    ...[...prose.matchAll(/(`+)([^`]+?)\1/g)].map((match) => match[2]!.trim()),
    ...fenced
      .split(/\s+/)
      .map((word) => word.replace(/^[(["'`]+|[)\]"'`,.:;]+$/g, "")),
  ];
  return [
    ...new Set(
      candidates.filter(
        (name) =>
          /^[\w.@+-]+(\/[\w.@+-]+)*\/?$/.test(name) &&
          !/^(dist|target)\//.test(name) &&
          (SOURCE_FILE.test(name) ||
            (name.endsWith("/") && !name.startsWith(".")) ||
            (name.includes("/") && topLevel.has(name.split("/")[0]!))),
      ),
    ),
  ];
}

type Resolved =
  | { kind: "file" | "directory"; path: string }
  | { kind: "missing" }
  | { kind: "ambiguous"; matches: string[] };

/**
 * A name is a path from the repository root, or the end of exactly one source file's
 * (or source folder's) path, cut at a `/`: `kind.rs`, `callbacks/mod.rs`, `discovery/`.
 */
function resolve(name: string): Resolved {
  const directory = name.endsWith("/");
  const atRoot = join(repoRoot, name);
  if (existsSync(atRoot) && statSync(atRoot).isDirectory() === directory)
    return { kind: directory ? "directory" : "file", path: name };
  const pool = directory ? sourceDirectories : sources;
  const matches = pool.filter(
    (path) => path === name || path.endsWith(`/${name}`),
  );
  if (matches.length === 1)
    return { kind: directory ? "directory" : "file", path: matches[0]! };
  return matches.length === 0
    ? { kind: "missing" }
    : { kind: "ambiguous", matches };
}

test("docs/architecture.md names every source file of src/, lib/, the bridge and build.rs", (t) => {
  const named = new Set(
    namedPaths(architecture).flatMap((name) => {
      const resolved = resolve(name);
      return resolved.kind === "file" ? [resolved.path] : [];
    }),
  );
  t.true(sources.length > 100, "the walk found the sources");
  t.deepEqual(
    sources.filter((file) => !named.has(file)),
    [],
    "not named in docs/architecture.md (add each to its layer's list)",
  );
});

test("every path docs/architecture.md names exists, and names exactly one file", (t) => {
  const problems = namedPaths(architecture).flatMap((name) => {
    const resolved = resolve(name);
    if (resolved.kind === "missing") return [`${name}: no such file`];
    if (resolved.kind === "ambiguous")
      return [`${name}: could be ${resolved.matches.join(" or ")}`];
    return [];
  });
  t.deepEqual(problems, []);
});

test("the Rust layer table lists exactly the modules each layer uses", (t) => {
  // Rows of the layer table whose code is in src/: | `layer` | `src/…` | `uses`, … |
  const rows = [
    ...architecture.matchAll(
      /^\|\s*`(\w+)`\s*\|\s*`(src\/[\w./]+)`\s*\|([^|\n]*)\|/gm,
    ),
  ];
  const modules = readdirSync(join(repoRoot, "src"))
    .filter((entry) => entry !== "lib.rs")
    .map((entry) => entry.replace(/\.rs$/, ""))
    .sort(byText);
  t.deepEqual(
    rows.map((row) => row[1]!).sort(byText),
    modules,
    "one row per module of src/lib.rs",
  );
  for (const [, layer, path, usesCell] of rows) {
    const files = path!.endsWith("/")
      ? sources.filter((file) => file.startsWith(path!))
      : [path!];
    const used = new Set<string>();
    for (const file of files) {
      const text = read(file);
      for (const match of text.matchAll(/crate::(\w+)/g)) used.add(match[1]!);
      for (const match of text.matchAll(/crate::\{([^}]*)\}/g))
        for (const item of match[1]!.split(","))
          used.add(item.trim().split("::")[0]!);
    }
    used.delete(layer!);
    used.delete("");
    const documented = [...usesCell!.matchAll(/`(\w+)`/g)].map(
      (match) => match[1]!,
    );
    t.deepEqual(
      documented.sort(byText),
      [...used].sort(byText),
      `${layer}: the "uses" column of docs/architecture.md`,
    );
  }
});

test("only lib/native/ loads the addon; nothing outside lib/cli/ imports the command line", (t) => {
  const libFiles = sources.filter((file) => file.startsWith("lib/"));
  t.deepEqual(
    libFiles.filter(
      (file) =>
        !file.startsWith("lib/native/") &&
        // createRequire elsewhere only for Node's builtins (loaded on first use).
        (/process\.dlopen|\.node["'`]/.test(read(file)) ||
          /\brequire\(\s*(?!["']node:)/.test(read(file))),
    ),
    [],
    "load the addon in lib/native/loader.ts only",
  );
  t.deepEqual(
    libFiles.filter(
      (file) =>
        !file.startsWith("lib/cli/") &&
        /from\s+["'][./]*\/?cli\//.test(read(file)),
    ),
    [],
    "the library must not depend on its command line",
  );
});

test("every extern function the crate defines is in the panic list of docs/architecture.md", (t) => {
  // Test-only C functions (managed/abi/tests.rs) are called by Rust, not by foreign code.
  const crateFiles = sources.filter(
    (file) => file.endsWith(".rs") && !/\/(tests|testutil)\.rs$/.test(file),
  );
  const externs = crateFiles.flatMap((file) =>
    [
      ...read(file).matchAll(
        /^\s*(?:pub(?:\([\w:]+\))?\s+)?unsafe\s+extern\s+"(?:C|system)"\s+fn\s+(\w+)|^\s*(?:pub\s+)?extern\s+"C"\s+fn\s+(\w+)/gm,
      ),
    ].map((match) => `${match[1] ?? match[2]!} (${file})`),
  );
  t.true(externs.length > 10, "the scan found the extern functions");
  t.deepEqual(
    externs.filter(
      (entry) => !architecture.includes(`\`${entry.split(" ")[0]!}\``),
    ),
    [],
  );
});

test("table rows of docs/architecture.md stay narrow", (t) => {
  const wide = architecture
    .split("\n")
    .filter((line) => line.startsWith("|") && line.length > 120);
  t.deepEqual(wide, [], "keep tables to short cells; explain below them");
});

// Links: every relative link of the README, CONTRIBUTING.md and docs/*.md.

const linkedDocs = [
  "README.md",
  "CONTRIBUTING.md",
  ...readdirSync(join(repoRoot, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as `-`, repeats numbered. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const match of splitFences(markdown).prose.matchAll(
    /^#{1,6}\s+(.+?)\s*#*\s*$/gm,
  )) {
    const text = match[1]!
      .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/<[^>]+>/g, "");
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

test("every relative link in README.md, CONTRIBUTING.md and docs/*.md resolves", (t) => {
  const broken: string[] = [];
  for (const doc of linkedDocs) {
    const prose = splitFences(read(doc)).prose.replace(/(`+)[^`]*?\1/g, "");
    for (const match of prose.matchAll(
      /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\)/g,
    )) {
      const target = match[1]!;
      if (/^[a-z][\w+.-]*:/i.test(target)) continue; // https:, mailto:
      const [path = "", anchor] = target.split("#");
      const file = path ? posix.join(dirname(doc), path) : doc;
      if (!existsSync(join(repoRoot, file))) {
        broken.push(`${doc}: ${target} (no ${file})`);
      } else if (
        anchor &&
        file.endsWith(".md") &&
        !anchors(read(file)).has(decodeURIComponent(anchor))
      ) {
        broken.push(`${doc}: ${target} (no heading #${anchor} in ${file})`);
      }
    }
  }
  t.deepEqual(broken, []);
});

test("the README opens with what the package is, then its two commands", (t) => {
  const readme = read("README.md");
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1];
  t.is(firstBlock, "npm install && npm run example\nnpm test\n");
  t.true(
    readme.indexOf("```sh") < readme.indexOf("\n## "),
    "the commands come before the first section",
  );
});
