// `dotnet-host` command line (bin/dotnet-host.js): `dotnet-host info`, a doctor that
// says where .NET was found, what is installed and whether a runtimeconfig resolves.
import { parseArgs, USAGE } from "./args.js";

async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.command === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (parsed.command === "usageError") {
    process.stderr.write(`dotnet-host: ${parsed.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.command === "typings" || parsed.command === "add") {
    let generate: typeof import("./generate.js");
    try {
      generate = await import("./generate.js");
    } catch (error) {
      process.stderr.write(
        `dotnet-host: could not load the native addon: ${(error as Error).message}\n`,
      );
      return 1;
    }
    return parsed.command === "add"
      ? generate.runAdd(parsed)
      : generate.runTypings(parsed);
  }
  // Imported here so that a missing native binary is reported, not thrown at load.
  let info: typeof import("./info.js");
  let render: typeof import("./render.js");
  try {
    [info, render] = await Promise.all([
      import("./info.js"),
      import("./render.js"),
    ]);
  } catch (error) {
    process.stderr.write(
      `dotnet-host: could not load the native addon: ${(error as Error).message}\n`,
    );
    return 1;
  }
  const report = info.gatherInfo(parsed);
  process.stdout.write(
    parsed.json
      ? `${JSON.stringify(report, null, 2)}\n`
      : render.renderInfo(report),
  );
  return report.exitCode;
}

process.exitCode = await main(process.argv.slice(2));
