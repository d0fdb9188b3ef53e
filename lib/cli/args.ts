// Command-line parsing for `dotnet-host`: small on purpose (no dependencies).

export interface InfoArgs {
  command: "info";
  json: boolean;
  config: string | undefined;
  dotnetRoot: string | undefined;
  hostfxrPath: string | undefined;
}

export interface TypingsArgs {
  command: "typings";
  target: string;
  out: string | undefined;
  naming: "camelCase" | "dotnet";
  frameworkDocs: boolean;
}

export interface AddArgs {
  command: "add";
  packages: string[];
  dir: string;
  framework: string | undefined;
}

export type Parsed =
  | InfoArgs
  | TypingsArgs
  | AddArgs
  | { command: "help" }
  | { command: "usageError"; message: string };

export const USAGE = `Usage: dotnet-host info [options]
       dotnet-host typings <assembly.dll | project folder | package folder> [-o file.d.ts]
                           [--naming dotnet] [--no-framework-docs]
       dotnet-host add <PackageId>[@version]... [--dir dotnet] [--framework net8.0]

typings: writes TypeScript declarations for an assembly's public types (a C# project
is built first with the .NET SDK). Default output: <Name>.d.ts here; for a package
folder, its index.d.ts.

add: restores NuGet packages (with the .NET SDK) into a project-local folder
(default ./dotnet), writes their declarations and a module that loads them:
  import { dotnet } from "./dotnet/index.js";

info:

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

/** Takes the next argument: `--flag=value` or `--flag value` (value() takes the next one). */
function nextOption(args: string[]): {
  arg: string;
  flag: string;
  value: () => string | undefined;
} {
  const arg = args.shift() ?? "";
  const equals = arg.startsWith("--") ? arg.indexOf("=") : -1;
  const flag = equals > 0 ? arg.slice(0, equals) : arg;
  const inline = equals > 0 ? arg.slice(equals + 1) : undefined;
  return { arg, flag, value: () => inline ?? args.shift() };
}

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
  if (command === "typings" || command === "add")
    return parseGenerate(command, args);
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
    const { arg, flag, value } = nextOption(args);
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

function parseGenerate(command: "typings" | "add", args: string[]): Parsed {
  const positional: string[] = [];
  let out: string | undefined;
  let dir = "dotnet";
  let framework: string | undefined;
  let naming: "camelCase" | "dotnet" = "camelCase";
  let frameworkDocs = true;
  while (args.length > 0) {
    const { arg, flag, value } = nextOption(args);
    switch (flag) {
      case "-h":
      case "--help":
        return { command: "help" };
      case "--no-framework-docs":
        if (command !== "typings")
          return {
            command: "usageError",
            message: `${flag} is not an option of ${command}`,
          };
        frameworkDocs = false;
        break;
      case "-o":
      case "--out":
      case "--dir":
      case "--framework":
      case "--naming": {
        const given = value();
        if (!given)
          return { command: "usageError", message: `${flag} needs a value` };
        const fits =
          command === "typings"
            ? ["-o", "--out", "--naming"]
            : ["--dir", "--framework"];
        if (!fits.includes(flag))
          return {
            command: "usageError",
            message: `${flag} is not an option of ${command}`,
          };
        if (flag === "--dir") dir = given;
        else if (flag === "--framework") framework = given;
        else if (flag === "--naming") {
          if (given !== "camelCase" && given !== "dotnet")
            return {
              command: "usageError",
              message: `--naming must be camelCase or dotnet`,
            };
          naming = given;
        } else out = given;
        break;
      }
      default:
        if (arg.startsWith("-"))
          return { command: "usageError", message: `unknown option: ${arg}` };
        positional.push(arg);
    }
  }
  if (command === "add") {
    if (positional.length === 0)
      return {
        command: "usageError",
        message: "add needs a package id, e.g. `add Newtonsoft.Json`",
      };
    return { command, packages: positional, dir, framework };
  }
  if (positional.length !== 1)
    return {
      command: "usageError",
      message: "typings needs one assembly, project or package folder",
    };
  return { command, target: positional[0]!, out, naming, frameworkDocs };
}
