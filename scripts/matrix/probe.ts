// Prints, as one JSON line, which Node.js and which hostfxr a matrix entry really
// runs on, so the runner can check that its selection (PATH, DOTNET_ROOT) took.
import { getEnvironmentInfo, resolveHostfxr } from "../../lib/index.js";

const hostfxr = resolveHostfxr();
const info = getEnvironmentInfo();
process.stdout.write(
  `${JSON.stringify({
    node: process.version,
    napi: process.versions.napi,
    hostfxr: hostfxr.path,
    source: hostfxr.source,
    frameworks: info.frameworks.map((f) => `${f.name} ${f.version}`),
    sdks: info.sdks.map((s) => s.version),
  })}\n`,
);
