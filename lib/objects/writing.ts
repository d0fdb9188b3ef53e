// Whether arguments are being written as JSON for .NET: a wrapper inside one crosses as a
// reference (the replacer writes its handle), so its toJSON — a copy of the object's data,
// expensive, and for a delegate or reflection object large — is not run then. A counter:
// a user's toJSON may call .NET, which writes its own arguments meanwhile.
let depth = 0;

export function isWritingArguments(): boolean {
  return depth > 0;
}

export function writingArguments<T>(write: () => T): T {
  depth += 1;
  try {
    return write();
  } finally {
    depth -= 1;
  }
}
