// Files dotnet-host writes for itself (the runtimeconfig of a library that has none) live in
// a directory only this user can use, and are written so that another local user cannot
// plant or redirect them: the directory is created with mode 0700 and checked (a real
// directory, owned by us, no access for others) before it is used; files are created
// exclusively under a temporary name (O_EXCL follows no symlink) and renamed into place
// (rename replaces a link, never follows it); what is read back is checked the same way
// and compared with what was meant. On Windows the temporary folder is the user's own.
import {
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  type Stats,
} from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { createRequire } from "node:module";
import { join } from "node:path";
import { HostStateError } from "../errors.js";

// node:crypto is loaded on first use (few programs write a file here), not when the package
// is imported: that took about 3 ms of the import (bench/PROFILE.md).
const require = createRequire(import.meta.url);
const randomHex = (bytes: number): string =>
  (require("node:crypto") as typeof import("node:crypto"))
    .randomBytes(bytes)
    .toString("hex");

const posix = process.platform !== "win32";

function unsafe(path: string, why: string): HostStateError {
  return new HostStateError(
    `${path} is not safe to use for dotnet-host's own files: ${why}`,
    {
      code: "UnsafeFile",
      hint: "Another user may have created it to plant a runtimeconfig. Remove it, or pass runtimeConfig (or set TMPDIR) to use another place.",
    },
  );
}

/** Whether `stats` is ours alone: owned by this user, no access for group or others. */
function checkPrivate(path: string, stats: Stats, what: string): void {
  if (!posix) return;
  const uid = process.getuid?.();
  if (uid !== undefined && stats.uid !== uid)
    throw unsafe(
      path,
      `the ${what} belongs to user ${stats.uid}, not to this user (${uid})`,
    );
  if ((stats.mode & 0o077) !== 0)
    throw unsafe(
      path,
      `the ${what} is open to other users (mode ${(stats.mode & 0o777).toString(8)})`,
    );
}

/** This user's directory for dotnet-host's files, made and checked once. */
let directory: string | undefined;

export function privateDirectory(): string {
  if (directory) return directory;
  const tag = posix
    ? String(process.getuid?.() ?? userInfo().username)
    : userInfo().username;
  const path = join(tmpdir(), `dotnet-host-${tag}`);
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const stats = lstatSync(path);
  if (stats.isSymbolicLink()) throw unsafe(path, "it is a symbolic link");
  if (!stats.isDirectory()) throw unsafe(path, "it is not a directory");
  checkPrivate(path, stats, "directory");
  directory = path;
  return path;
}

/**
 * `name` in the private directory holding exactly `content`: kept when it already does
 * (and is a regular file of ours), else written anew.
 */
export function privateFile(name: string, content: string): string {
  const path = join(privateDirectory(), name);
  let stats: Stats | undefined;
  try {
    stats = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  if (stats) {
    if (stats.isSymbolicLink()) throw unsafe(path, "it is a symbolic link");
    if (!stats.isFile()) throw unsafe(path, "it is not a regular file");
    checkPrivate(path, stats, "file");
    if (readFileSync(path, "utf8") === content) return path;
  }
  const temporary = `${path}.${process.pid}.${randomHex(6)}`;
  try {
    writeFileSync(temporary, content, { flag: "wx", mode: 0o600 });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  return path;
}
