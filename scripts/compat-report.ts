// Runs the compatibility suite (__test__/compat/*.test.ts) and reports, per library, how
// many tasks give C#'s result, how many fail with an error, how many give a different
// value without one (the worst failure), and which are known failures.
//
//   tsx scripts/compat-report.ts [--markdown] [library…]
//
// --markdown prints the table docs/compatibility.md carries. Exits non-zero when a task
// that is not a known failure fails.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const args = process.argv.slice(2);
const markdown = args.includes("--markdown");
const wanted = args.filter((arg) => !arg.startsWith("--"));
const files = readdirSync(join(root, "__test__", "compat"))
  // structs.test.ts is no task list: it crosses every struct of the libraries.
  .filter((file) => file.endsWith(".test.ts") && file !== "structs.test.ts")
  .filter(
    (file) =>
      wanted.length === 0 || wanted.includes(file.replace(".test.ts", "")),
  )
  .sort();

interface Row {
  library: string;
  passed: number;
  errors: string[];
  wrong: string[];
  known: string[];
}

const rows: Row[] = [];
for (const file of files) {
  const child = spawnSync(
    "npx",
    ["ava", "--tap", join("__test__", "compat", file)],
    {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const row: Row = { library: "", passed: 0, errors: [], wrong: [], known: [] };
  const lines = child.stdout.split("\n");
  lines.forEach((line, index) => {
    const result = /^(ok|not ok) \d+ - (\w+): (\S+)(.*)$/.exec(line);
    if (!result) return;
    const [, status, library, id, rest] = result;
    row.library = library!;
    if (id === "every") return; // the twin check
    if (rest!.includes("(known:")) {
      row.known.push(`${id}${rest}`);
      return;
    }
    if (status === "ok") {
      row.passed++;
      return;
    }
    const detail = lines.slice(index + 1, index + 40).join("\n");
    const reason =
      /message: '?(.*?)'?\n/.exec(
        detail.replace(/Rejected promise returned by test\n/, ""),
      )?.[1] ?? "";
    const first =
      /message: ['`]?([^\n]*)/.exec(detail.split("Reason:")[1] ?? "")?.[1] ??
      reason;
    if (detail.includes("WRONG VALUE")) row.wrong.push(`${id}: ${reason}`);
    else row.errors.push(`${id}: ${first.slice(0, 200)}`);
  });
  rows.push(row);
}

const total = (pick: (row: Row) => number) =>
  rows.reduce((sum, row) => sum + pick(row), 0);
const percent = (passed: number, all: number) =>
  all === 0 ? "—" : `${((100 * passed) / all).toFixed(1)} %`;

if (markdown) {
  console.log(
    "| library | tasks | pass | fail with an error | wrong value | known | pass rate |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
}
for (const row of rows) {
  const all =
    row.passed + row.errors.length + row.wrong.length + row.known.length;
  if (markdown) {
    console.log(
      `| ${row.library} | ${all} | ${row.passed} | ${row.errors.length} | ${row.wrong.length} | ${row.known.length} | ${percent(row.passed, all)} |`,
    );
    continue;
  }
  console.log(
    `${row.library}: ${row.passed}/${all} pass (${percent(row.passed, all)}), ${row.errors.length} errors, ${row.wrong.length} wrong values, ${row.known.length} known`,
  );
  for (const error of row.errors) console.log(`  error  ${error}`);
  for (const wrong of row.wrong) console.log(`  WRONG  ${wrong}`);
}
const all = total(
  (row) => row.passed + row.errors.length + row.wrong.length + row.known.length,
);
const passed = total((row) => row.passed);
const line = `all: ${passed}/${all} pass (${percent(passed, all)}), ${total((row) => row.errors.length)} errors, ${total((row) => row.wrong.length)} wrong values, ${total((row) => row.known.length)} known`;
console.log(
  markdown
    ? `| all | ${all} | ${passed} | ${total((row) => row.errors.length)} | ${total((row) => row.wrong.length)} | ${total((row) => row.known.length)} | ${percent(passed, all)} |`
    : line,
);
process.exitCode =
  total((row) => row.errors.length + row.wrong.length) > 0 ? 1 : 0;
