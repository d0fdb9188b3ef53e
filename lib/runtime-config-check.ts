// Reads a runtimeconfig.json in JavaScript before hostfxr sees it. hostfxr 8-10 abort the
// whole process (a C++ exception out of their C API, or a stack overflow) on some
// malformed configs, so initializeForRuntimeConfig and the doctor refuse those shapes
// themselves and say why.
import { readFileSync } from "node:fs";

export interface RequestedFramework {
  name: string;
  version: string;
}

export type Precheck =
  | {
      kind: "ok";
      frameworks: RequestedFramework[];
      rollForward: string | undefined;
    }
  | { kind: "unreadable"; reason: string }
  | { kind: "notJson"; reason: string }
  | { kind: "fatalShape"; reason: string };

/** Deeper than this, hostfxr's recursive JSON parser may overflow the stack. */
const MAX_DEPTH = 10_000;

function depthOf(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{" || char === "[") max = Math.max(max, ++depth);
    else if (char === "}" || char === "]") depth--;
  }
  return max;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export function precheck(path: string): Precheck {
  let text: string;
  try {
    text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  } catch (error) {
    return { kind: "unreadable", reason: (error as Error).message };
  }
  const depth = depthOf(text);
  if (depth > MAX_DEPTH) {
    return {
      kind: "fatalShape",
      reason: `the JSON is nested ${depth} levels deep; hostfxr's parser overflows its stack on such input and ends the process`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { kind: "notJson", reason: (error as Error).message };
  }
  const options = isObject(json) ? json.runtimeOptions : undefined;
  if (!isObject(options))
    return { kind: "ok", frameworks: [], rollForward: undefined };
  const fatal = (what: string): Precheck => ({
    kind: "fatalShape",
    reason: `${what}; hostfxr throws a C++ exception out of its C API on this and the process ends (as under \`dotnet\` itself)`,
  });
  if (
    options.rollForward !== undefined &&
    typeof options.rollForward !== "string"
  ) {
    return fatal("runtimeOptions.rollForward is not a string");
  }
  if (
    options.configProperties !== undefined &&
    !isObject(options.configProperties)
  ) {
    return fatal("runtimeOptions.configProperties is not an object");
  }
  const references = [
    ...(options.framework !== undefined ? [options.framework] : []),
    ...(Array.isArray(options.frameworks) ? options.frameworks : []),
  ];
  const frameworks: RequestedFramework[] = [];
  if (options.frameworks !== undefined && !Array.isArray(options.frameworks)) {
    return fatal("runtimeOptions.frameworks is not an array");
  }
  for (const reference of references) {
    // hostfxr 8.0 has crashed (SIGSEGV, intermittently) on a framework that is not an
    // object or has no name; 10.0 reports InvalidConfigFile. Refuse both everywhere.
    if (!isObject(reference)) {
      return fatal("a framework reference is not an object");
    }
    const { name, version } = reference;
    if (typeof name !== "string" || name === "") {
      return fatal("a framework reference has no name");
    }
    if (version !== undefined && typeof version !== "string") {
      return fatal(`a framework's "version" is not a string`);
    }
    frameworks.push({ name, version: version ?? "" });
  }
  return {
    kind: "ok",
    frameworks,
    rollForward:
      typeof options.rollForward === "string" ? options.rollForward : undefined,
  };
}
