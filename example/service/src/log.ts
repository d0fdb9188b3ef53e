// Structured logs: one JSON object per line on stdout, as log shippers (Fluent Bit, Vector,
// CloudWatch, Loki) read them. LOG_LEVEL=debug|info|warn|error|silent.

const levels = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 100,
} as const;
export type Level = Exclude<keyof typeof levels, "silent">;

const configured = (process.env.LOG_LEVEL ?? "info") as keyof typeof levels;
const threshold = levels[configured] ?? levels.info;
const base: Record<string, unknown> = { pid: process.pid };

export function setLogContext(fields: Record<string, unknown>): void {
  Object.assign(base, fields);
}

export function enabled(level: Level): boolean {
  return levels[level] >= threshold;
}

export function log(
  level: Level,
  msg: string,
  fields: Record<string, unknown> = {},
): void {
  if (!enabled(level)) return;
  const line = JSON.stringify(
    { time: new Date().toISOString(), level, msg, ...base, ...fields },
    (_key, value: unknown) =>
      typeof value === "bigint" ? value.toString() : value,
  );
  process.stdout.write(`${line}\n`);
}

/** The fields of an error worth logging, .NET's included (type, message, stack). */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: String(error) };
  const fields: Record<string, unknown> = {
    errorName: error.name,
    errorMessage: error.message,
    stack: error.stack,
  };
  const dotnet = error as Error & { dotnetType?: string; dotnetStack?: string };
  if (dotnet.dotnetType) fields.dotnetType = dotnet.dotnetType;
  if (dotnet.dotnetStack) fields.dotnetStack = dotnet.dotnetStack;
  return fields;
}
