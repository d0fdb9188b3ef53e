// What the bridge answered when asked to bind a member: its candidates, or why not.
import { BindError } from "../errors.js";
import type { BindResult, Candidate } from "./kinds.js";

type BindFailure = Extract<BindResult, { error: string }>;

export function bindError(result: BindFailure): BindError {
  return new BindError(
    `${result.message}${result.candidates.length ? `. Candidates:\n  ${result.candidates.join("\n  ")}` : ""}`,
    { code: result.error, candidates: result.candidates },
  );
}

/** The compiled candidates, or a BindError `UnsupportedSignature` giving each reason. */
export function supportedCandidates(
  name: string,
  candidates: readonly Candidate[],
): Candidate[] {
  const supported = candidates.filter(
    (candidate) => candidate.id !== undefined,
  );
  // Generic definitions are closed per call, over the type arguments inferred.
  if (supported.length > 0 || candidates.some((candidate) => candidate.open))
    return supported;
  const reasons = candidates.map(
    (candidate) => `${candidate.signature}: ${candidate.unsupported}`,
  );
  throw new BindError(
    `${name} has no overload that can be called from JavaScript:\n  ${reasons.join("\n  ")}`,
    { code: "UnsupportedSignature", candidates: reasons },
  );
}
