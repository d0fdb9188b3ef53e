// The package entry: lib/ compiled into one ES module (dist/bundle/index.js, made by
// `npm run build:ts`), which imports in about half the time of its 60 modules
// (bench/PROFILE.md). Its typings are index.d.ts.
export * from "./dist/bundle/index.js";
