/**
 * Load on loopback (E2E_LOAD=1; CI's PostgreSQL pass, through the two instances and their proxy):
 * 200 citizens log in with FranceConnect (the DGFiP called for each), fill the three steps and
 * submit, arriving over half a minute so that their journeys overlap, while 20 agents work the
 * queue of Paris (queue, search, an application, all tabs). Bounded in count and time; no error
 * allowed. The report gives the peak of journeys in flight, p50 and p95 per page (printed,
 * attached to the test, and written to .data/load-report.md). No timing is asserted.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { percentile } from "../../scripts/bench/stats";
import { fillApplication, submitFields, type Timings, Visitor } from "./http-journeys";

const CITIZENS = 200;
const AGENTS = 20;
/** The agents of Paris in the demo (several sessions each). */
const AGENT_LOGINS = ["karim.benali", "julie.petit", "camille.martin", "hugo.roux"];
/** Citizens arrive over this time; agents read each page this long. */
const ARRIVALS_MS = 30_000;
const THINK_MS = 500;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test.skip(!process.env.E2E_LOAD, "load test: E2E_LOAD=1 (CI's PostgreSQL pass)");
test.setTimeout(600_000);

test("200 citizens apply while 20 agents work the queue: no error", async ({ baseURL }, info) => {
  const base = baseURL ?? "";
  const timings: Timings = new Map();
  const errors: string[] = [];
  const started = performance.now();
  let citizensDone = 0;

  const citizen = async (number: number) => {
    // Arrivals spread over the first half-minute (200 logins in the same millisecond is no
    // one's Monday morning); each journey lasts longer, so that they all overlap.
    await pause((number * ARRIVALS_MS) / CITIZENS);
    inFlight++;
    peak = Math.max(peak, inFlight);
    const visitor = new Visitor(base, timings);
    const login = `usager-${number}`;
    await visitor.asCitizen(login);
    const draft = await fillApplication(visitor, `${login}@yopmail.com`);
    const deposited = await visitor.submit("/demande/recapitulatif", submitFields(draft));
    if (!/\/mes-demandes\/[0-9a-f-]{36}\?depot=ok$/.test(deposited.url)) {
      throw new Error(`dépôt : arrivé sur ${deposited.url}`);
    }
    citizensDone++;
  };
  let citizensOver = 0;
  let inFlight = 0;
  let peak = 0;

  const agent = async (number: number) => {
    const visitor = new Visitor(base, timings);
    await visitor.asAgent(AGENT_LOGINS[number % AGENT_LOGINS.length] as string);
    // While citizens apply (at least three rounds), reading each page a moment.
    for (let round = 0; round < 3 || citizensOver < CITIZENS; round++) {
      if (performance.now() - started > 480_000) break;
      const queue = await visitor.page("/bureau");
      await pause(THINK_MS);
      await visitor.page(`/bureau?q=${encodeURIComponent("usager")}`);
      await pause(THINK_MS);
      const ids = [...queue.body.matchAll(/href="\/bureau\/demandes\/([0-9a-f-]{36})"/g)].map(
        (match) => match[1] as string,
      );
      const id = ids[(round + number) % Math.max(ids.length, 1)];
      if (id) await visitor.page(`/bureau/demandes/${id}`);
      await pause(THINK_MS);
      await visitor.page("/bureau?onglet=toutes&tri=recent");
      await pause(THINK_MS);
    }
  };

  const record = (who: string) => (error: unknown) => {
    errors.push(`${who} : ${error instanceof Error ? error.message : String(error)}`);
  };
  await Promise.all([
    ...Array.from({ length: CITIZENS }, (_, index) =>
      citizen(index + 1)
        .catch(record(`usager-${index + 1}`))
        .finally(() => {
          citizensOver++;
          inFlight--;
        }),
    ),
    ...Array.from({ length: AGENTS }, (_, index) => agent(index).catch(record(`agent ${index}`))),
  ]);
  const seconds = (performance.now() - started) / 1000;

  const rows = [...timings.entries()]
    .map(([label, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return {
        label,
        count: sorted.length,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
      };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
  const requests = rows.reduce((total, row) => total + row.count, 0);
  const report = [
    `# Charge : ${CITIZENS} demandeurs et ${AGENTS} agents en même temps`,
    "",
    `${requests} requêtes à l'application en ${seconds.toFixed(1)} s, ${errors.length} erreur(s) ; ` +
      `${citizensDone} demandes déposées ; jusqu'à ${peak} parcours de demandeurs en même temps.`,
    "",
    "| page | requêtes | p50 (ms) | p95 (ms) |",
    "| --- | ---: | ---: | ---: |",
    ...rows.map(
      (row) => `| ${row.label} | ${row.count} | ${row.p50.toFixed(0)} | ${row.p95.toFixed(0)} |`,
    ),
    "",
  ].join("\n");
  console.log(report);
  mkdirSync(".data", { recursive: true });
  writeFileSync(".data/load-report.md", report);
  await info.attach("load-report.md", { body: report, contentType: "text/markdown" });

  expect(errors).toEqual([]);
  expect(citizensDone).toBe(CITIZENS);
});
