// `dotnet-host typings` and `dotnet-host add`.
import { existsSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DotnetHostError } from "../errors.js";
import { readManifest } from "../typings/folder.js";
import { generateTypings } from "../typings/generate.js";
import { addPackage, writeFolderModule } from "../typings/packages.js";
import type { AddArgs, TypingsArgs } from "./args.js";

function fail(error: unknown): number {
  const message =
    error instanceof DotnetHostError || error instanceof Error
      ? `${error.name}: ${error.message}`
      : String(error);
  process.stderr.write(`dotnet-host: ${message}\n`);
  return 1;
}

/** Declarations of a package folder: index.d.ts, which also types its index.js. */
function folderTypings(folder: string): {
  path: string;
  types: number;
  firstNamespace?: string;
} {
  const result = generateTypings(folder);
  const path = join(folder, "index.d.ts");
  writeFileSync(
    path,
    `${result.text}\n/** The packages of this folder, loaded. */\nexport declare const dotnet: Assembly;\n`,
  );
  if (!existsSync(join(folder, "index.js"))) writeFolderModule(folder);
  const first = /^export declare namespace ([\w.]+) \{/m.exec(
    result.text.slice(result.text.indexOf("export declare namespace")),
  );
  return { path, types: result.types, firstNamespace: first?.[1] };
}

export function runTypings(args: TypingsArgs): number {
  try {
    const target = resolve(args.target);
    if (readManifest(target) && args.out === undefined) {
      const { path, types } = folderTypings(target);
      process.stdout.write(`wrote ${path} (${types} types)\n`);
      return 0;
    }
    const probe = generateTypings(target, {
      naming: args.naming,
      frameworkDocs: args.frameworkDocs,
    });
    const out = resolve(args.out ?? `${probe.assemblyName}.d.ts`);
    writeFileSync(out, probe.text);
    process.stdout.write(
      `wrote ${out} (${probe.types} types${probe.failures ? `, ${probe.failures} could not be read: see its header` : ""})\n`,
    );
    return 0;
  } catch (error) {
    return fail(error);
  }
}

export function runAdd(args: AddArgs): number {
  try {
    let folder = resolve(args.dir);
    const added: string[] = [];
    for (const spec of args.packages) {
      const result = addPackage(spec, {
        dir: args.dir,
        framework: args.framework,
        log: (line) => process.stderr.write(`${line}\n`),
      });
      folder = result.folder;
      added.push(`${result.id} ${result.version}`);
    }
    const { path, firstNamespace } = folderTypings(folder);
    const relative = args.dir.replace(/\\/g, "/").replace(/\/$/, "");
    const shown =
      relative.startsWith(".") || relative.startsWith("/")
        ? relative
        : `./${relative}`;
    process.stdout.write(
      `added ${added.join(", ")} to ${folder} (declarations: ${path})\n\nUse it:\n\n` +
        `  import { dotnet } from "${shown}/index.js";\n` +
        `  const { ${firstNamespace ? firstNamespace.split(".").pop() : "…"} } = dotnet.namespaces${firstNamespace ? `.${firstNamespace.split(".").slice(0, -1).join(".")}`.replace(/\.$/, "") : ""};\n`,
    );
    return 0;
  } catch (error) {
    return fail(error);
  }
}
