/**
 * The queue's CSV export keeps the server's memory flat whatever its size (issue « running a BAJ »):
 * a server process exports ROWS applications to a client that reads slowly, and its memory, measured
 * after full collections while the download runs, grows by less than LIMIT, a fraction of the bytes
 * sent. Bounded, not timed.
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, expect, it } from "vitest";

const ROWS = 60_000;
const LIMIT = 5 * 1024 * 1024;

let child: ChildProcess | undefined;
afterAll(() => {
  child?.kill("SIGTERM");
});

async function start(): Promise<number> {
  child = spawn(
    process.execPath,
    ["--expose-gc", "--import", "tsx", path.join(import.meta.dirname, "export-memory.child.ts")],
    { env: { ...process.env, EXPORT_ROWS: String(ROWS) }, stdio: ["ignore", "pipe", "inherit"] },
  );
  const exited = new Promise<never>((_, reject) =>
    child?.once("exit", (code) => reject(new Error(`Server process exited (${code})`))),
  );
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const ready = (async () => {
    for await (const line of lines) {
      const port = (JSON.parse(line) as { port?: number }).port;
      if (port) return port;
    }
    throw new Error("No port");
  })();
  return Promise.race([ready, exited]);
}

it(`streams ${ROWS} rows to a slow client with the server's memory flat`, async () => {
  const port = await start();
  const response = await fetch(`http://127.0.0.1:${port}/export`);
  const reader = response.body?.getReader();
  if (!reader) throw new Error("no body");
  let bytes = 0;
  let lines = 0;
  let chunks = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    bytes += next.value.length;
    for (const byte of next.value) if (byte === 10) lines++;
    // A client slower than the database: without backpressure the server would buffer.
    if (++chunks % 8 === 0) await sleep(2);
  }
  const memory = (await (await fetch(`http://127.0.0.1:${port}/memory`)).json()) as {
    baseline: number;
    peak: number;
  };
  console.log(
    `export: ${(bytes / 1e6).toFixed(1)} MB sent, memory +${((memory.peak - memory.baseline) / 1e6).toFixed(1)} MB`,
  );
  expect(lines).toBe(ROWS + 1);
  // The bound means something: the CSV is several times larger.
  expect(bytes).toBeGreaterThan(LIMIT * 1.5);
  expect(memory.peak - memory.baseline).toBeLessThan(LIMIT);
}, 240_000);
