/**
 * The server side of tests/integration/export-memory.test.ts, in a process of its own (started with
 * --expose-gc) so that its memory is the export's alone: a database with ROWS generated applications,
 * an HTTP server that streams the queue's CSV export through the server's own body writer
 * (server/request-handler.ts), and its memory sampled after a full collection, before and during the
 * download.
 */
import http from "node:http";
import { parseQueueQuery } from "~/forms/queue";
import { loadAgent } from "~/server/agent/context.server";
import { queueExportStream } from "~/server/agent/export.server";
import { generateApplications } from "../../prisma/seed/scale";
import { writeBody } from "../../server/request-handler";
import { createTestDatabase } from "../helpers/database";
import { createAgent, createCourt } from "../helpers/fixtures";

const rows = Number(process.env.EXPORT_ROWS);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || !Number.isInteger(rows)) throw new Error("Usage: EXPORT_ROWS=n node --expose-gc …");
const collect = gc;

/** What the process holds: the JS heap and the memory outside it (buffers, the embedded database). */
function held(): number {
  collect();
  const memory = process.memoryUsage();
  return memory.heapUsed + memory.external;
}

const db = await createTestDatabase();
const court = await createCourt(db.prisma, "Lyon");
const agent = await loadAgent(db.prisma, (await createAgent(db.prisma, court.id)).id);
if (!agent) throw new Error("agent");
await generateApplications(db, rows, { seed: 7, now: new Date("2026-11-01T12:00:00Z") });
const query = parseQueueQuery(new URLSearchParams({ onglet: "toutes" }));

// A first export of the urgent applications (about 5 %: the largest ranges in several batches,
// read ahead on their own connections) warms the code paths, the pool's connections and the database's caches
// before the baseline: what the full export then holds is its own.
await new Response(queueExportStream(db.prisma, agent, { ...query, urgent: "1" })).text();
const baseline = held();
let peak = baseline;
let sampling: NodeJS.Timeout | undefined;

const server = http.createServer((req, res) => {
  if (req.url === "/export") {
    sampling = setInterval(() => {
      peak = Math.max(peak, held());
    }, 50);
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    writeBody(queueExportStream(db.prisma, agent, query), res).finally(() => {
      clearInterval(sampling);
      peak = Math.max(peak, held());
    });
    return;
  }
  res.setHeader("Content-Type", "application/json");
  res.end(JSON.stringify({ baseline, peak }));
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address && typeof address === "object") console.log(JSON.stringify({ port: address.port }));
});
process.on("SIGTERM", () => {
  server.close();
  void db.close().finally(() => process.exit(0));
});
