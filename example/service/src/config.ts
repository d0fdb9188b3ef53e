// The service's settings, from the environment (twelve-factor style).
import type { ServiceOptions } from "./app.js";
import { engineNames, type EngineName } from "./engines.js";
import { riskModes, type RiskMode } from "./types.js";

function int(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(
      `${name} must be a non-negative integer, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

function oneOf<T extends string>(
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = process.env[name] ?? fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new Error(
      `${name} must be one of ${allowed.join(", ")}, got ${JSON.stringify(raw)}`,
    );
  }
  return raw as T;
}

export function configFromEnv(): ServiceOptions {
  const poolThreads = process.env.POOL_THREADS;
  return {
    engine: oneOf<EngineName>("ENGINE", engineNames, "dotnet-host"),
    host: process.env.HOST ?? "127.0.0.1",
    port: int("PORT", 3000),
    shutdownTimeoutMs: int("SHUTDOWN_TIMEOUT_MS", 25_000),
    riskPaths: int("RISK_PATHS", 2000),
    riskHorizonDays: int("RISK_DAYS", 10),
    defaultRiskMode: oneOf<RiskMode>("RISK_MODE", riskModes, "async"),
    feedIntervalMs: int("FEED_INTERVAL_MS", 250),
    ...(poolThreads === undefined || poolThreads === ""
      ? {}
      : { poolThreads: int("POOL_THREADS", 0) }),
  };
}
