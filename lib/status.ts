// hostfxr status codes and the HRESULTs the runtime delegates return, by name.
// The same table as src/hostfxr/status.rs; names are the documented C names.

/** hostfxr's status codes (`StatusCode` in the hosting layer). */
export const HostStatus = {
  Success: 0x00000000,
  Success_HostAlreadyInitialized: 0x00000001,
  Success_DifferentRuntimeProperties: 0x00000002,
  InvalidArgFailure: 0x80008081 | 0,
  CoreHostLibLoadFailure: 0x80008082 | 0,
  CoreHostLibMissingFailure: 0x80008083 | 0,
  CoreHostEntryPointFailure: 0x80008084 | 0,
  CurrentHostFindFailure: 0x80008085 | 0,
  CoreClrResolveFailure: 0x80008087 | 0,
  CoreClrBindFailure: 0x80008088 | 0,
  CoreClrInitFailure: 0x80008089 | 0,
  CoreClrExeFailure: 0x8000808a | 0,
  ResolverInitFailure: 0x8000808b | 0,
  ResolverResolveFailure: 0x8000808c | 0,
  LibHostInitFailure: 0x8000808e | 0,
  LibHostInvalidArgs: 0x80008092 | 0,
  InvalidConfigFile: 0x80008093 | 0,
  AppArgNotRunnable: 0x80008094 | 0,
  AppHostExeNotBoundFailure: 0x80008095 | 0,
  FrameworkMissingFailure: 0x80008096 | 0,
  HostApiFailed: 0x80008097 | 0,
  HostApiBufferTooSmall: 0x80008098 | 0,
  AppPathFindFailure: 0x8000809a | 0,
  SdkResolveFailure: 0x8000809b | 0,
  FrameworkCompatFailure: 0x8000809c | 0,
  FrameworkCompatRetry: 0x8000809d | 0,
  BundleExtractionFailure: 0x8000809f | 0,
  BundleExtractionIOError: 0x800080a0 | 0,
  LibHostDuplicateProperty: 0x800080a1 | 0,
  HostApiUnsupportedVersion: 0x800080a2 | 0,
  HostInvalidState: 0x800080a3 | 0,
  HostPropertyNotFound: 0x800080a4 | 0,
  HostIncompatibleConfig: 0x800080a5 | 0,
  HostApiUnsupportedScenario: 0x800080a6 | 0,
  HostFeatureDisabled: 0x800080a7 | 0,
} as const;

/** HRESULTs of managed exceptions the delegate loaders report. */
export const ManagedHresult = {
  FileNotFound: 0x80070002 | 0,
  DirectoryNotFound: 0x80070003 | 0,
  UnauthorizedAccess: 0x80070005 | 0,
  BadImageFormat: 0x8007000b | 0,
  Argument: 0x80070057 | 0,
  InvalidCast: 0x80004002 | 0,
  NullReference: 0x80004003 | 0,
  NotImplemented: 0x80004001 | 0,
  AssemblyExpected: 0x80131018 | 0,
  FileLoad: 0x80131621 | 0,
  AssemblyNameMismatch: 0x80131040 | 0,
  InvalidOperation: 0x80131509 | 0,
  MissingMethod: 0x80131513 | 0,
  NotSupported: 0x80131515 | 0,
  TypeLoad: 0x80131522 | 0,
  MissingMember: 0x80131512 | 0,
  TargetInvocation: 0x80131604 | 0,
  TypeInitialization: 0x80131534 | 0,
} as const;

export type HostStatusName = keyof typeof HostStatus;
export type ManagedHresultName = keyof typeof ManagedHresult;

/** `0x80008096` for any int32 status. */
export function toHex(code: number): string {
  return `0x${(code >>> 0).toString(16).padStart(8, "0")}`;
}

/** The documented name of a status or HRESULT, or `Unknown(0x…)`. */
export function statusName(code: number): string {
  const tables: Record<string, number>[] = [HostStatus, ManagedHresult];
  for (const table of tables) {
    for (const [name, value] of Object.entries(table)) {
      if (value === (code | 0)) return name;
    }
  }
  return `Unknown(${toHex(code)})`;
}
