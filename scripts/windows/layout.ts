// Names shared by the Linux side of the rig (test.ts) and the Windows side (checks.ts).

/**
 * A folder on C: with a space and non-ASCII characters that test.ts links to the
 * Windows .NET root, so that hostfxr, hostpolicy and CoreCLR load from such a path.
 */
export const unicodeFolder = "dotnet-host 世界";
