// The example service, one process: `npm run example:service` (PORT, ENGINE, LOG_LEVEL …:
// see src/config.ts). SIGTERM or SIGINT: stop accepting, finish what is in flight, exit 0.
import { startService } from "./src/app.js";
import { configFromEnv } from "./src/config.js";
import { errorFields, log } from "./src/log.js";

export async function main(): Promise<void> {
  const service = await startService(configFromEnv());
  const stop = (signal: NodeJS.Signals) => {
    service.shutdown(signal).then(
      (code) => process.exit(code),
      (error: unknown) => {
        log("error", "shutdown failed", errorFields(error));
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

// An error no request handler caught is a bug: log it and exit so the supervisor restarts us.
process.on("uncaughtException", (error) => {
  log("error", "uncaught exception, exiting", errorFields(error));
  process.exit(70);
});
process.on("unhandledRejection", (error) => {
  log("error", "unhandled rejection, exiting", errorFields(error));
  process.exit(70);
});

if (import.meta.url === new URL(process.argv[1] ?? "", "file:").href) {
  main().catch((error: unknown) => {
    log("error", "start failed", errorFields(error));
    process.exit(1);
  });
}
