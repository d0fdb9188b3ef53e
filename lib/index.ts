// dotnet-host: run .NET inside Node.js through hostfxr.
export {
  initializeForRuntimeConfig,
  initializeForCommandLine,
  HostContext,
  RuntimeConfigContext,
  CommandLineContext,
  type ContextKind,
  type InitializeStatus,
} from "./context.js";
export {
  ManagedFunction,
  declareFunction,
  type CSignature,
  type CType,
  type DeclaredFunction,
  type BindOptions,
  type DelegateKind,
  type EntryPointArgs,
} from "./function.js";
export {
  resolveHostfxr,
  getEnvironmentInfo,
  resolveFrameworks,
  type FrameworkResolution,
  type RuntimeConfigResolution,
  type HostfxrLocation,
  type HostfxrSource,
  type DotnetEnvironmentInfo,
  type DotnetSdk,
  type DotnetFramework,
} from "./hostfxr.js";
export type { HostfxrOptions, InitializeOptions } from "./options.js";
export {
  DotnetHostError,
  HostfxrNotFoundError,
  HostLibraryError,
  HostStatusError,
  UnsupportedHostVersionError,
  ManagedLoadError,
  HostStateError,
  InvalidArgumentError,
  ArgumentRangeError,
  DotnetException,
  BindError,
  type SearchAttempt,
} from "./errors.js";
export {
  HostStatus,
  ManagedHresult,
  statusName,
  toHex,
  type HostStatusName,
  type ManagedHresultName,
} from "./status.js";
export {
  load,
  bridgeDiagnostics,
  setDeadlockTimeout,
  DotnetAssembly,
  type BoundMethod,
  type BridgeDiagnostics,
  type LoadOptions,
} from "./typed/assembly.js";
export { DotnetObject } from "./objects/base.js";
export type {
  Assemblies,
  AssemblyFor,
  DelegateWrapper,
  DotnetInterface,
  TypedAssembly,
  TypedMethod,
  TypeOf,
} from "./typings/types.js";
export {
  generateTypings,
  type TypingsOptions,
  type TypingsResult,
} from "./typings/generate.js";
export { setMemberNaming, type MemberNaming } from "./objects/names.js";
export type { GenericMethod } from "./objects/members.js";
export type { Namespace } from "./objects/namespaces.js";
export type { GenericDefinition } from "./objects/generics.js";
export type {
  DotnetClass,
  DotnetEnum,
  DotnetType,
  TypeArgument,
} from "./objects/registry.js";
