// Command-line parsing for `dotnet-host`: small on purpose (no dependencies).

export interface InfoArgs {
  command: "info";
  json: boolean;
  config: string | undefined;
  dotnetRoot: string | undefined;
  hostfxrPath: string | undefined;
}

export type Parsed =
  InfoArgs | { command: "help" } | { command: "usageError"; message: string };

export const USAGE = `Usage: dotnet-host info [options]

Shows where hostfxr was found (and every place searched), the installed .NET
runtimes and SDKs, the architecture, and whether a runtimeconfig.json resolves.

Options:
  --config <path>       Check what this runtimeconfig.json resolves to.
  --dotnet-root <dir>   Use exactly this .NET root instead of searching.
  --hostfxr <path>      Use exactly this hostfxr library instead of searching.
  --json                Print one JSON object instead of text (for tools).
  -h, --help            Show this help.

Exit codes: 0 everything was found (and the config resolves), 1 hostfxr was not
found, or the config does not resolve, 2 bad usage, 3 the config could not be
checked with this hostfxr (resolving needs .NET 9+).`;

export function parseArgs(argv: string[]): Parsed {
  const args = [...argv];
  const command = args.shift();
  if (
    command === undefined ||
    command === "help" ||
    command === "--help" ||
    command === "-h"
  ) {
    return { command: "help" };
  }
  if (command !== "info") {
    return { command: "usageError", message: `unknown command: ${command}` };
  }
  const parsed: InfoArgs = {
    command: "info",
    json: false,
    config: undefined,
    dotnetRoot: undefined,
    hostfxrPath: undefined,
  };
  while (args.length > 0) {
    const arg = args.shift() ?? "";
    const [flag, inline] =
      arg.startsWith("--") && arg.includes("=")
        ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
        : [arg, undefined];
    const value = (): string | undefined => inline ?? args.shift();
    switch (flag) {
      case "--json":
        parsed.json = true;
        break;
      case "-h":
      case "--help":
        return { command: "help" };
      case "--config":
      case "--dotnet-root":
      case "--hostfxr": {
        const given = value();
        if (!given)
          return { command: "usageError", message: `${flag} needs a value` };
        if (flag === "--config") parsed.config = given;
        else if (flag === "--dotnet-root") parsed.dotnetRoot = given;
        else parsed.hostfxrPath = given;
        break;
      }
      default:
        return { command: "usageError", message: `unknown option: ${arg}` };
    }
  }
  return parsed;
}
