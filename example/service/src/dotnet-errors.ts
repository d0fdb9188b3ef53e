// How .NET failures become HTTP answers. A .NET exception thrown by one request's call is a
// DotnetException for that call only: the runtime and every other request carry on.
import {
  ArgumentRangeError,
  DotnetException,
  DotnetObject,
  InvalidArgumentError,
} from "../../../index.js";
import { ClientError } from "./types.js";

/** A ClientError for what the client caused; anything else is returned as it is (a 500). */
export function mapDotnetError(error: unknown): unknown {
  const mapped = classify(error);
  if (mapped instanceof ClientError && error instanceof DotnetException) {
    // Everything needed is copied out: release the .NET exception object now rather than
    // when this thread's garbage collector gets to the wrapper (a pool worker that
    // allocates little may not collect for a long time).
    const exception = error.exception;
    if (exception instanceof DotnetObject) exception.dispose();
  }
  return mapped;
}

function classify(error: unknown): unknown {
  if (error instanceof DotnetException) {
    // The library's own refusals carry a stable code (PricingException.Code).
    if (error.dotnetType === "Pricing.PricingException") {
      const code = error.properties.code;
      return new ClientError(
        422,
        typeof code === "string" ? code : "pricing_error",
        error.dotnetMessage,
      );
    }
    if (
      error.dotnetType === "System.ArgumentOutOfRangeException" ||
      error.dotnetType === "System.ArgumentException" ||
      error.dotnetType === "System.ArgumentNullException"
    ) {
      return new ClientError(400, "invalid_argument", error.dotnetMessage);
    }
    return error;
  }
  // dotnet-host checks arguments before .NET runs: a wrong type or shape is the client's.
  if (
    error instanceof InvalidArgumentError ||
    error instanceof ArgumentRangeError
  ) {
    return new ClientError(400, "invalid_request", error.message);
  }
  return error;
}
