// Shared by scenarios: print one JSON line describing a value or a thrown error.
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { thrown: String(error) };
  const record: Record<string, unknown> = {
    name: error.name,
    message: error.message,
  };
  for (const key of [
    "code",
    "hresult",
    "hresultHex",
    "hostMessage",
    "hint",
    "installedFrameworks",
    "searched",
  ]) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (value !== undefined) record[key] = value;
  }
  return record;
}

export function report(value: unknown): void {
  process.stdout.write(
    `${JSON.stringify(value, (_key, item: unknown) =>
      typeof item === "bigint" ? item.toString() : item,
    )}\n`,
  );
}

export function attempt(run: () => unknown): Record<string, unknown> {
  try {
    return { ok: run() };
  } catch (error) {
    return { error: describeError(error) };
  }
}
