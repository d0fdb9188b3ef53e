// Tests of the core suite (__test__/) that fail under Windows Node.js on wine for a
// reason outside dotnet-host's code. test.ts fails the run on any other failure, and on
// one of these when its output no longer shows the reason given (`evidence`), so a new
// bug in a listed test is not hidden. Each one is printed with its reason on every run.
// When a listed test passes, test.ts says so: remove it here.

export interface KnownFailure {
  /** The ava title, "<file> › <test>", or a pattern for a group of tests. */
  title: string | RegExp;
  /** Why it fails, and what would fix it. */
  reason: string;
  /** Must match the failure's TAP output. */
  evidence: RegExp;
}

/** Test files that cannot run under wine at all; test.ts names them on every run. */
/** Test files (or, ending in "/", folders of them) the Windows rig does not run, and why. */
export const notRunUnderWine: { file: string; reason: string }[] = [
  {
    file: "__test__/compat/",
    reason:
      "The compatibility suite compares each task with its C# oracle, which runs on the " +
      "Linux SDK (dotnet.exe is not in the rig): paths, newlines and culture data differ " +
      "between platforms, so a Windows run would be compared with another platform's output.",
  },
  {
    file: "__test__/trusted-paths.test.ts",
    reason:
      "It checks POSIX protections (directory modes, owners, symbolic links, FIFOs made " +
      "with mkfifo): on Windows the private directory is the user's own temporary folder " +
      "and none of these apply.",
  },
  {
    file: "__test__/typings/add.test.ts",
    reason:
      "`dotnet-host add` restores and publishes NuGet packages with the .NET SDK (dotnet.exe), " +
      "which the rig cannot have (NuGet serves no Windows SDK).",
  },
  {
    file: "__test__/typings/declarations.test.ts",
    reason:
      "It runs `tsc`: TypeScript 7's compiler is a native binary that npm installed for " +
      "Linux (@typescript/typescript-linux-x64), not for Windows. The declarations are text, " +
      "the same on both; __test__/typings/agreement.test.ts, which runs under wine, checks " +
      "them against Windows' runtime.",
  },
  {
    file: "__test__/matrix.test.ts",
    reason:
      "It lays out .NET roots with `dotnet restore`, so it needs the .NET SDK (dotnet.exe) on " +
      "PATH. NuGet serves Windows runtimes but no Windows SDK, so the rig has none; the " +
      "file would fail its first test and then wait for ava's timeout.",
  },
  {
    file: "__test__/services/",
    reason:
      "The service test checks graceful shutdown on SIGTERM, which Windows has no equivalent " +
      "of: process.kill(pid, 'SIGTERM') ends a Windows process at once, so 'every accepted " +
      "request answered, exit 0' cannot hold there. It also runs example/service's npm " +
      "packages, which npm installed for Linux, and reads /proc for file descriptors.",
  },
];

export const knownFailures: KnownFailure[] = [
  {
    title:
      "hostile › an exception whose Message and other properties throw keeps its type (child)",
    reason:
      "Under wine the child process never finishes: a synchronous throw of an exception whose " +
      "Message getter throws does not return (a plain exception through the same call comes " +
      "back in 1.5 s), and after a Task faulted with one the process does not exit. The same " +
      "code passes on Linux. Likely cause, not confirmed: .NET on Windows reads Message while " +
      "it dispatches the exception, and wine's nested exception handling stalls there. Not " +
      "verified on real Windows.",
    evidence: /ETIMEDOUT/,
  },
  {
    title:
      "example › the example prints the greeting from .NET with the pointer and size it was given",
    reason:
      "The test splits .NET's stdout on \\n, but Console.WriteLine ends lines with \\r\\n on " +
      "Windows; and .NET encodes console output in the console's code page, which is not " +
      "UTF-8 here (nor on a default Windows console), so 世界 arrives as '?'. Fix: split on /\\r?\\n/ in " +
      "__test__/example.test.ts, and set Console.OutputEncoding = Encoding.UTF8 in " +
      "example/Hello/Lib.cs (or accept that the example's non-ASCII output needs a UTF-8 console).",
    evidence: /argPtr=0 argSize=0␍/,
  },
  {
    title:
      "discovery › a dotnetRoot picks the highest host/fxr version that contains the library",
    reason:
      "fakeRoot() links hostfxr with fs.symlinkSync; wine 8's CreateSymbolicLinkW is a stub " +
      "that reports success and creates nothing. On Windows it also needs Developer Mode or " +
      "admin rights. Fix: copyFileSync the library instead of symlinking it. " +
      "checks.ts covers dotnetRoot with real copies.",
    evidence: /no version folder contains hostfxr\.dll/,
  },
  {
    title:
      "discovery › a relative dotnetRoot is resolved against the current directory",
    reason: "fakeRoot()'s symlink, as above.",
    evidence: /no version folder contains hostfxr\.dll/,
  },
  {
    title:
      "discovery › DOTNET_ROOT in the environment is used before the platform default",
    reason:
      "fakeRoot()'s symlink, as above: the root has no hostfxr.dll, so the search moves on to " +
      "%ProgramFiles%\\dotnet. checks.ts covers DOTNET_ROOT and DOTNET_ROOT_X64.",
    evidence: /'platformDefault'/,
  },
  {
    title:
      "fresh-process › initialize with a dotnetRoot that holds no .NET is HostfxrNotFoundError",
    reason:
      "The test matches the reason with /host\\/fxr/; on Windows the path reads host\\fxr. " +
      "Fix: /host[\\\\/]fxr/ in __test__/fresh-process.test.ts.",
    evidence: /host\\\\fxr: directory does not exist/,
  },
  {
    title: "runtime-config › paths with spaces and non-ASCII characters work",
    reason:
      "fs.cpSync of Node 22 on Windows mangles non-ASCII names (a native std::filesystem path " +
      "built from UTF-8 as if it were the ANSI code page; nodejs/node#58768, #61878), so the " +
      "copied Fixture.dll does not exist. Node 20's cpSync works. Fix: copy the files with " +
      "copyFileSync, or pass cpSync a filter to force its JavaScript path. checks.ts runs the " +
      "fixture from a folder named 'with space 世界'.",
    evidence: /The assembly file does not exist/,
  },
  {
    title:
      "faults › paths: hostfxrPath that is a library but not hostfxr (the addon itself)",
    reason:
      "The test passes dotnet-host.linux-x64-gnu.node, which on Windows is not a DLL at all " +
      "(Windows error 193), so the result is CoreHostLibLoadFailure, not " +
      "CoreHostEntryPointFailure. Fix: use the addon file of the running platform.",
    evidence: /dotnet-host\.linux-x64-gnu\.node could not be loaded/,
  },
  {
    title:
      /^faults › fatal \(child\): (an exception escaping an entry point|an unhandled exception on a \.NET background thread) ends the process$/,
    reason:
      "Windows has no signals: an unhandled .NET exception ends the process with exit code " +
      "0xE0434352 (3762504530, the CLR's exception code) or, under wine, sometimes " +
      "0x80000003 (2147483651, the breakpoint the CLR raises for an unhandled exception), " +
      "not SIGABRT. The stderr text is as expected. Fix: on win32 expect those statuses.",
    evidence:
      /^(?=[\s\S]*status (3762504530|2147483651), stderr: )(?=[\s\S]*'SIGABRT')/,
  },
  {
    title: "faults › fatal (child): Environment.FailFast aborts the process",
    reason:
      "On Windows FailFast ends the process with 0xC0000602 (3221227010, " +
      "STATUS_FAIL_FAST_EXCEPTION), not SIGABRT. Fix: on win32 expect that status.",
    evidence: /status 3221227010, stderr: Process terminated\./,
  },
  {
    title:
      "faults › fatal (child): a managed stack overflow aborts the process",
    reason:
      "A managed stack overflow does not end the process under wine: the child hangs until " +
      "the test's 90 s timeout. On Windows it ends with 0xC00000FD " +
      "(STATUS_STACK_OVERFLOW), not SIGABRT; not verifiable here.",
    evidence: /ETIMEDOUT/,
  },
  {
    title: /^faults › hostile runtimeconfig \(child\): /,
    reason:
      "These compare with what the dotnet muxer does with the same config, so they need the " +
      ".NET SDK's dotnet.exe on PATH, which the rig cannot have (NuGet serves no Windows SDK).",
    evidence:
      /needs the dotnet muxer on PATH \(the \.NET SDK\): spawnSync dotnet ENOENT/,
  },
  {
    title:
      "cli › info --config: malformed configs are reported, including shapes that would end hostfxr's process",
    reason:
      "On Windows hostfxr reports a missing runtimeconfig.json in two lines, 'Error resolving " +
      "full path [...]. Error code: 2' and then 'The specified runtimeconfig.json [...] does " +
      "not exist', so /hostfxr: The specified runtimeconfig\\.json .* does not exist/ does not " +
      "match. Fix: drop 'hostfxr: ' from that pattern in __test__/cli.test.ts.",
    evidence: /Error resolving full path .*Error code: 2/,
  },
  {
    title:
      "cli › info with a .NET root that holds no hostfxr exits 1 with the trail, code and hint",
    reason:
      "The test builds a RegExp from a temp path without escaping it (a Windows path is full " +
      "of backslashes) and expects host/fxr with a forward slash. Fix: escape the path and " +
      "use host[\\\\/]fxr in __test__/cli.test.ts.",
    evidence: /host\\\\fxr: directory does not exist/,
  },
];
