/**
 * The server's throughput on a page, beside the best Node.js can do on this machine in the same run:
 * `node:http` serving a buffer of the same size from memory (a separate process, as the app is).
 * autocannon, 50 connections on loopback, `durationS` seconds per run, app and static alternating;
 * the app's memory (resident set, from /proc) before and at its peak under load.
 */
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import autocannon from "autocannon";
import { type Summary, summarize } from "./stats";

export type ServerTarget = { label: string; path: string; cookie?: string };

export type ServerResult = {
  label: string;
  path: string;
  bytes: number;
  requestsPerSecond: Summary;
  staticRequestsPerSecond: Summary;
  ratio: Summary;
  p50Ms: Summary;
  p99Ms: Summary;
  staticP50Ms: Summary;
  staticP99Ms: Summary;
};

export type MemoryResult = { idleMb: number; peakMb: number };

const CONNECTIONS = 50;

/** A node:http server answering every request with `bytes` bytes of HTML, in its own process. */
async function startStatic(bytes: number): Promise<{ url: string; stop: () => void }> {
  const child = spawn(
    process.execPath,
    [
      "-e",
      `const body = Buffer.alloc(${bytes}, "a");
       const server = require("node:http").createServer((req, res) => {
         res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": body.length });
         res.end(body);
       });
       server.listen(0, "127.0.0.1", () => console.log(server.address().port));`,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once("data", (chunk) => resolve(String(chunk).trim()));
    child.once("exit", () => reject(new Error("le serveur statique s'est arrêté")));
  });
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill() };
}

async function load(url: string, durationS: number, cookie?: string) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: durationS,
    headers: cookie ? { cookie } : {},
  });
  if (result.errors || result.non2xx) {
    throw new Error(`${url} : ${result.errors} erreurs, ${result.non2xx} réponses non 2xx`);
  }
  return result;
}

async function residentMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  return Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0) / 1024;
}

export async function benchServer(
  base: string,
  appPid: number,
  targets: ServerTarget[],
  runs: number,
  durationS: number,
  onTarget: (label: string) => void = () => {},
): Promise<{ pages: ServerResult[]; memory: MemoryResult }> {
  const idleMb = await residentMb(appPid);
  let peakMb = idleMb;
  const sampler = setInterval(() => {
    residentMb(appPid).then(
      (mb) => {
        peakMb = Math.max(peakMb, mb);
      },
      () => {},
    );
  }, 100);
  const pages: ServerResult[] = [];
  try {
    for (const target of targets) {
      onTarget(target.label);
      const url = `${base}${target.path}`;
      const probe = await fetch(url, { headers: target.cookie ? { cookie: target.cookie } : {} });
      const bytes = (await probe.arrayBuffer()).byteLength;
      if (probe.status !== 200) throw new Error(`${target.path} : ${probe.status}`);
      const statik = await startStatic(bytes);
      try {
        // Warm-up of both, not counted.
        await load(url, 1, target.cookie);
        await load(statik.url, 1);
        const app: autocannon.Result[] = [];
        const reference: autocannon.Result[] = [];
        for (let run = 0; run < runs; run++) {
          app.push(await load(url, durationS, target.cookie));
          reference.push(await load(statik.url, durationS));
        }
        pages.push({
          label: target.label,
          path: target.path,
          bytes,
          requestsPerSecond: summarize(app.map((r) => r.requests.average)),
          staticRequestsPerSecond: summarize(reference.map((r) => r.requests.average)),
          ratio: summarize(
            app.map((r, i) => r.requests.average / (reference[i]?.requests.average ?? 1)),
          ),
          p50Ms: summarize(app.map((r) => r.latency.p50)),
          p99Ms: summarize(app.map((r) => r.latency.p99)),
          staticP50Ms: summarize(reference.map((r) => r.latency.p50)),
          staticP99Ms: summarize(reference.map((r) => r.latency.p99)),
        });
      } finally {
        statik.stop();
      }
    }
  } finally {
    clearInterval(sampler);
  }
  return { pages, memory: { idleMb, peakMb } };
}
