// Memory .NET keeps after a call returns (a Task still running, a Memory<T> in a static
// field), and lengths beyond what a .NET array or span holds. Run with --expose-gc in a
// child process: a lifetime bug here is a crash, not a failed assertion.
import { load } from "../../lib/index.js";
import { fixture } from "../helpers.js";
import { describeError, report } from "./report.js";

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with --expose-gc");
const lib = load(fixture("Hostile"));
const sumLater = lib.bind("Hostile.Memories.SumLater");
const keep = lib.bind("Hostile.Memories.Keep");
const sumKept = lib.bind("Hostile.Memories.SumKept");
const writeLater = lib.bind("Hostile.Memories.WriteLater");
const spanLength = lib.bind("Hostile.Memories.SpanLength");
const arrayLength = lib.bind("Hostile.Memories.ArrayLength");

async function outcome(run: () => unknown): Promise<unknown> {
  try {
    const value = await run();
    return { ok: typeof value === "bigint" ? value.toString() : value };
  } catch (error) {
    return { error: describeError(error) };
  }
}

const results: Record<string, unknown> = {};

// callAsync: the 64 MiB argument is read 200 ms after the call returned its Task.
results.callAsyncLater = await outcome(() =>
  sumLater.callAsync(Buffer.alloc(64 << 20, 1), 200),
);

// A synchronous call returning a Task: JavaScript drops (and collects) or overwrites the
// buffer before the Task reads it.
{
  let buffer: Buffer | undefined = Buffer.alloc(64 << 20, 1);
  const pending = sumLater(buffer, 200) as Promise<unknown>;
  buffer.fill(0);
  buffer = undefined;
  gc();
  results.syncTaskDropped = await outcome(() => pending);
}

// A Memory<byte> kept in a static field, read after JavaScript changed the buffer and
// collected garbage.
{
  let buffer: Buffer | undefined = Buffer.alloc(16, 2);
  keep(buffer);
  buffer.fill(9);
  buffer = undefined;
  gc();
  await new Promise((resolve) => setTimeout(resolve, 50));
  results.keptMemory = await outcome(() => sumKept());
}

// Memory<byte> written after an await: the writes reach the buffer when the Task ends.
{
  const bytes = new Uint8Array(8);
  const pending = writeLater(bytes, 7, 100) as Promise<unknown>;
  const before = Array.from(bytes);
  const length = await outcome(() => pending);
  results.writeLater = { before, length, after: Array.from(bytes) };
}

// The same, with the buffer detached (transferred away) before the Task ends.
{
  const bytes = new Uint8Array(8);
  const pending = writeLater(bytes, 7, 100) as Promise<unknown>;
  structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
  const length = await outcome(() => pending);
  results.writeLaterDetached = { length, byteLength: bytes.byteLength };
}

// Lengths beyond int.MaxValue elements, refused before .NET runs.
results.span2GiB = await outcome(() => spanLength(new Uint8Array(2 ** 31)));
results.span4GiB = await outcome(() =>
  spanLength(new ArrayBuffer(2 ** 32 + 16)),
);
results.array2GiB = await outcome(() => arrayLength(new Uint8Array(2 ** 31)));
results.spanMax = await outcome(() => spanLength(new Uint8Array(2 ** 31 - 1)));
// One element more than Array.MaxLength: a copy .NET could not allocate.
results.arrayBeyondMaxLength = await outcome(() =>
  arrayLength(new Uint8Array(0x7fffffc7 + 1)),
);

report(results);
