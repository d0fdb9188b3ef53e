// exit-with-pending: a Task still running when the process exits.
// settle-then-end: the event loop ends once the last Promise settled.
import { load } from "../../lib/index.js";
import { fixture } from "../helpers.js";

const typed = load(fixture("Typed"));
if (process.argv[2] === "exit-with-pending") {
  void (typed.bind("Typed.Async.Wait")(60_000) as Promise<unknown>).catch(
    () => undefined,
  );
  void typed
    .bind("Typed.Async.Slow")
    .callAsync(30_000)
    .catch(() => undefined);
  setTimeout(() => {
    console.log("exiting");
    process.exit(0);
  }, 100);
} else {
  const value = await (typed.bind("Typed.Async.AddLater")(
    1,
    2,
    50,
  ) as Promise<number>);
  console.log(`settled ${value}`);
}
