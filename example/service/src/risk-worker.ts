// The piscina worker: runs one risk simulation per task, synchronously, on this worker
// thread. The .NET library is loaded once per worker; every worker joins the same runtime.
import { load } from "../../../index.js";
import type { Assembly as PricingAssembly } from "../Pricing.js";
import { mapDotnetError } from "./dotnet-errors.js";
import { simulate } from "./js-model.js";
import { requirePricingDll } from "./paths.js";
import { ClientError, type RiskTask, type RiskTaskResult } from "./types.js";

let dotnetSimulate:
  PricingAssembly["namespaces"]["Pricing"]["RiskModel"]["simulate"] | undefined;

export default function run(task: RiskTask): RiskTaskResult {
  try {
    if (task.engine === "js") {
      return {
        ok: true,
        report: simulate(task.paths, task.horizonDays, task.seed),
      };
    }
    dotnetSimulate ??=
      load<PricingAssembly>(requirePricingDll()).namespaces.Pricing.RiskModel
        .simulate;
    return {
      ok: true,
      report: dotnetSimulate(task.paths, task.horizonDays, task.seed),
    };
  } catch (error) {
    const mapped = task.engine === "js" ? error : mapDotnetError(error);
    if (mapped instanceof ClientError) {
      return {
        ok: false,
        status: mapped.status,
        code: mapped.code,
        message: mapped.message,
      };
    }
    throw mapped;
  }
}
