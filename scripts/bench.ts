/**
 * `npm run bench`: how fast the service is, measured on this machine (docs/performance.md).
 *
 *   npm run bench                      every section, 3 runs each
 *   npm run bench -- pages server      some sections: engine, server, callback, pages, scale
 *   npm run bench -- --runs 5 --duration 10
 *   npm run bench -- pages --page / --page une-demande   only these pages (exact paths, or the
 *                                      report's name: une-demande is /mes-demandes/<id>)
 *   npm run bench -- pages --trace     also keeps each run's Chromium trace (.data/bench/lighthouse/)
 *   BENCH_DATABASE_URL=postgresql://…  the national-scale section also on this PostgreSQL database
 *   npm run bench -- scale --national  … with 1.2 million applications there (BENCH_DATABASE_URL)
 *   BENCH_SERVER_DATABASE_URL=postgresql://…  the service itself on this PostgreSQL database
 *
 * The service runs on the embedded database, as the demo does (or on BENCH_SERVER_DATABASE_URL); the national-scale section runs on
 * an embedded database of 100,000 applications (kept in .data/bench/ between runs) and, with
 * BENCH_DATABASE_URL, on that PostgreSQL database too (its applications topped up, never deleted).
 *
 * Run after `npm run build`, with nothing else heavy on the machine. Prints a markdown report and
 * writes it, with the raw figures as JSON, to .data/bench/ (report.md, report.json).
 */
import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import { parseArgs } from "node:util";
import { z } from "zod";
import { fillApplication, submitFields, Visitor } from "../tests/e2e/http-journeys";
import { AGENT_COOKIE, CITIZEN_COOKIE } from "../tests/e2e/http-login";
import { benchCallback, type CallbackResult } from "./bench/callback";
import { benchEngine, type EngineResult } from "./bench/engine";
import { benchPages, type PageResult, type PageTarget, slug } from "./bench/pages";
import { renderReport } from "./bench/report";
import { benchScale, type ScaleResult } from "./bench/scale";
import { benchServer, type MemoryResult, type ServerResult } from "./bench/server";
import { startStack } from "./bench/stack";

const SECTIONS = ["engine", "server", "callback", "pages", "scale"] as const;
type Section = (typeof SECTIONS)[number];

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: "string", default: "3" },
    duration: { type: "string", default: "5" },
    logins: { type: "string", default: "30" },
    port: { type: "string", default: "3900" },
    rows: { type: "string", default: "100000" },
    national: { type: "boolean", default: false },
    page: { type: "string", multiple: true },
    trace: { type: "boolean", default: false },
  },
});
const unknown = positionals.filter((name) => !SECTIONS.includes(name as Section));
if (unknown.length) {
  console.error(`Sections inconnues : ${unknown.join(", ")} (connues : ${SECTIONS.join(", ")})`);
  process.exit(2);
}
const sections = new Set<Section>(positionals.length ? (positionals as Section[]) : SECTIONS);
const count = (name: string, max: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(max)
    .catch(() => {
      console.error(`--${name} : un nombre entier entre 1 et ${max}`);
      process.exit(2);
    });
const runs = count("runs", 50).parse(values.runs);
const durationS = count("duration", 600).parse(values.duration);
const logins = count("logins", 1_000).parse(values.logins);
const port = count("port", 65_000).parse(values.port);
const rows = count("rows", 5_000_000).parse(values.rows);

export type BenchReport = {
  date: string;
  commit: string;
  machine: {
    cpu: string;
    cores: number;
    memoryGb: number;
    node: string;
    chromium: string;
    postgres: string;
    /** Where the service under load keeps its data (absent from older reports). */
    serverDatabase?: string;
  };
  runs: number;
  engine?: EngineResult;
  server?: { pages: ServerResult[]; memory: MemoryResult; durationS: number };
  callback?: CallbackResult;
  pages?: PageResult[];
  scale?: ScaleResult[];
};

function quietly(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return "inconnu";
  }
}

const progress = (text: string) => process.stderr.write(`… ${text}\n`);

const report: BenchReport = {
  date: new Date().toISOString(),
  commit:
    quietly("git", ["rev-parse", "--short", "HEAD"]) +
    (quietly("git", ["status", "--porcelain"]) ? " (modifié)" : ""),
  machine: {
    cpu: os.cpus()[0]?.model ?? "inconnu",
    cores: os.availableParallelism(),
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    chromium: quietly(process.env.CHROMIUM_PATH || "/usr/bin/chromium", ["--version"]),
    postgres: process.env.BENCH_DATABASE_URL ? "BENCH_DATABASE_URL" : "—",
    serverDatabase: process.env.BENCH_SERVER_DATABASE_URL ? "PostgreSQL" : "embarquée (PGlite)",
  },
  runs,
};

if (sections.has("engine")) {
  progress("moteur d'éligibilité");
  report.engine = benchEngine(runs);
}

if (sections.has("server") || sections.has("callback") || sections.has("pages")) {
  progress("démarrage du service et des services locaux (journal : .data/bench/services.log)");
  // BENCH_SERVER_DATABASE_URL: the service on this PostgreSQL database (a database of its own,
  // which the bench seeds and fills), instead of the embedded one in the service's process.
  const stack = await startStack({ port, databaseUrl: process.env.BENCH_SERVER_DATABASE_URL });
  try {
    const { base } = stack;
    // A citizen with one application submitted and a second filled up to its summary; a
    // présidente of the court it went to.
    const citizen = await new Visitor(base).asCitizen("test", "/demande");
    const deposited = await citizen.submit(
      "/demande/recapitulatif",
      submitFields(await fillApplication(citizen, "mesure@yopmail.com")),
    );
    const applicationId = /\/mes-demandes\/([0-9a-f-]{36})/.exec(deposited.url)?.[1];
    if (!applicationId) throw new Error(`dépôt : arrivé sur ${deposited.url}`);
    await fillApplication(citizen, "mesure@yopmail.com");
    const agent = await new Visitor(base).asAgent("camille.martin");
    const citizenCookie = `${CITIZEN_COOKIE}=${citizen.appCookie(CITIZEN_COOKIE)}`;
    const agentCookie = `${AGENT_COOKIE}=${agent.appCookie(AGENT_COOKIE)}`;

    if (sections.has("server")) {
      const result = await benchServer(
        base,
        stack.appPid,
        [
          { label: "Accueil", path: "/" },
          { label: "Mes demandes (connecté)", path: "/mes-demandes", cookie: citizenCookie },
          { label: "File du bureau", path: "/bureau", cookie: agentCookie },
          {
            label: "Demande, côté bureau",
            path: `/bureau/demandes/${applicationId}`,
            cookie: agentCookie,
          },
        ],
        runs,
        durationS,
        (label) => progress(`serveur : ${label}`),
      );
      report.server = { ...result, durationS };
    }

    if (sections.has("callback")) {
      progress("retour de FranceConnect");
      report.callback = await benchCallback(base, logins);
    }

    if (sections.has("pages")) {
      const citizenPage = (label: string, path: string, cookie?: string): PageTarget => ({
        label,
        path,
        side: "citizen",
        cookie,
      });
      const agentPage = (label: string, path: string, cookie?: string): PageTarget => ({
        label,
        path,
        side: "agent",
        cookie,
      });
      report.pages = await benchPages(
        base,
        [
          citizenPage("Accueil", "/"),
          citizenPage("Simulateur", "/simulateur"),
          citizenPage("Connexion", "/connexion"),
          citizenPage("Accessibilité", "/accessibilite"),
          citizenPage("Mentions légales", "/mentions-legales"),
          citizenPage("Données personnelles", "/donnees-personnelles"),
          citizenPage("Plan du site", "/plan-du-site"),
          citizenPage("Mon compte", "/mon-compte", citizenCookie),
          citizenPage("Étape 1 : identité", "/demande/identite", citizenCookie),
          citizenPage("Étape 2 : ressources", "/demande/ressources", citizenCookie),
          citizenPage("Étape 3 : procédure", "/demande/procedure", citizenCookie),
          citizenPage("Récapitulatif", "/demande/recapitulatif", citizenCookie),
          citizenPage("Mes demandes", "/mes-demandes", citizenCookie),
          citizenPage("Une demande", `/mes-demandes/${applicationId}`, citizenCookie),
          agentPage("Connexion des agents", "/bureau/connexion"),
          agentPage("File", "/bureau", agentCookie),
          agentPage("Demande", `/bureau/demandes/${applicationId}`, agentCookie),
          agentPage("Statistiques", "/bureau/statistiques", agentCookie),
          agentPage("Journal", "/bureau/journal", agentCookie),
          agentPage("Lot à confirmer", "/bureau/lots?type=SIGN&onglet=a-signer", agentCookie),
          agentPage("Agents", "/bureau/agents", agentCookie),
        ].filter(
          (target) =>
            !values.page?.length ||
            values.page.includes(target.path) ||
            values.page.includes(slug(target.label)),
        ),
        runs,
        (label) => progress(`Lighthouse : ${label}`),
        values.trace,
      );
    }
  } finally {
    await stack.stop();
  }
}

if (sections.has("scale")) {
  if (values.national && !process.env.BENCH_DATABASE_URL) {
    console.error("--national demande BENCH_DATABASE_URL (un serveur PostgreSQL).");
    process.exit(2);
  }
  report.scale = [];
  const onStep = (text: string) => progress(`échelle nationale : ${text}`);
  report.scale.push(await benchScale({ rows, runs: Math.max(runs, 9), onStep }));
  if (process.env.BENCH_DATABASE_URL) {
    report.scale.push(
      await benchScale({
        rows: values.national ? 1_200_000 : rows,
        runs: Math.max(runs, 9),
        databaseUrl: process.env.BENCH_DATABASE_URL,
        onStep,
      }),
    );
  }
}

await mkdir(".data/bench", { recursive: true });
const markdown = renderReport(report);
await writeFile(".data/bench/report.md", markdown);
await writeFile(".data/bench/report.json", `${JSON.stringify(report, null, 2)}\n`);
console.log(markdown);
progress("rapport écrit dans .data/bench/report.md et .data/bench/report.json");
