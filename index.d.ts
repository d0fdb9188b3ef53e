// Public typings of dotnet-host. The declarations are generated from lib/*.ts into
// dist/ by `npm run build:ts`; this file is the package's stable entry for them.
export * from "./dist/index.js";
