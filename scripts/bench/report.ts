/** The benchmark's report in markdown, each figure beside its target (docs/performance.md). */
import type { BenchReport } from "../bench";
import type { PageResult } from "./pages";
import { type Summary, show } from "./stats";

/** The targets of docs/performance.md. */
export const TARGETS = {
  citizenScore: 0.95,
  agentScore: 0.9,
  lcpMs: 2_500,
  cls: 0,
  citizenJsBytes: 150_000,
  citizenTotalBytes: 300_000,
  homeRatio: 0.05,
  loggedInRatio: 0.03,
  callbackServerMs: 15,
  queueP95Ms: 30,
  statisticsMs: 500,
  exportRowsPerSecond: 50_000,
  exportMemoryMb: 50,
};

const mark = (ok: boolean) => (ok ? "✅" : "❌");
const kb = (summary: Summary) => ({
  ...summary,
  median: summary.median / 1000,
  p95: summary.p95 / 1000,
});

function pageRows(pages: PageResult[]): string[] {
  const rows = [
    "| page | score | LCP (ms) | TBT (ms) | CLS | JS (ko) | CSS (ko) | polices (ko) | total (ko) | requêtes |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const page of pages) {
    const citizen = page.side === "citizen";
    const scoreOk = page.score.median >= (citizen ? TARGETS.citizenScore : TARGETS.agentScore);
    const lcpOk = !citizen || page.lcpMs.median <= TARGETS.lcpMs;
    const clsOk = !citizen || page.cls.median <= TARGETS.cls + 0.0005;
    const jsOk = !citizen || page.jsBytes.median <= TARGETS.citizenJsBytes;
    const totalOk = !citizen || page.totalBytes.median <= TARGETS.citizenTotalBytes;
    rows.push(
      `| ${page.label} \`${page.path.replace(/[0-9a-f-]{36}/, ":id")}\` | ${mark(scoreOk)} ${show(page.score, 2)} | ${
        citizen ? `${mark(lcpOk)} ` : ""
      }${show(page.lcpMs)} | ${show(page.tbtMs)} | ${citizen ? `${mark(clsOk)} ` : ""}${show(page.cls, 3)} | ${
        citizen ? `${mark(jsOk)} ` : ""
      }${show(kb(page.jsBytes))} | ${show(kb(page.cssBytes))} | ${show(kb(page.fontBytes))} | ${
        citizen ? `${mark(totalOk)} ` : ""
      }${show(kb(page.totalBytes))} | ${show(page.requests)} |`,
    );
  }
  return rows;
}

export function renderReport(report: BenchReport): string {
  const { machine } = report;
  const lines = [
    "# Mesures de performance",
    "",
    `${report.date.slice(0, 16).replace("T", " ")} UTC · commit ${report.commit} · ${machine.cpu}, ${machine.cores} cœurs, ${machine.memoryGb} Go · Node ${machine.node} · ${machine.chromium} · PostgreSQL : ${machine.postgres} · base du service : ${machine.serverDatabase ?? "embarquée (PGlite)"}`,
    "",
    `Chaque valeur : médiane (p95) sur ${report.runs} passage(s) (${Math.max(report.runs, 9)} au moins pour les requêtes de l'échelle nationale). ✅ / ❌ : cible de docs/performance.md atteinte ou non.`,
  ];

  if (report.pages) {
    const citizen = report.pages.filter((page) => page.side === "citizen");
    const agent = report.pages.filter((page) => page.side === "agent");
    lines.push(
      "",
      "## Pages (Lighthouse 12, profil mobile, première visite)",
      "",
      `Cibles côté demandeur : score ≥ ${TARGETS.citizenScore}, LCP ≤ ${TARGETS.lcpMs} ms, CLS ${TARGETS.cls}, JS ≤ ${TARGETS.citizenJsBytes / 1000} ko compressés, total ≤ ${TARGETS.citizenTotalBytes / 1000} ko. Côté bureau : score ≥ ${TARGETS.agentScore}. Octets transférés (compressés), 1 ko = 1 000 octets.`,
      "",
      "### Demandeur",
      "",
      ...pageRows(citizen),
      "",
      "### Bureau",
      "",
      ...pageRows(agent),
    );
  }

  if (report.server) {
    lines.push(
      "",
      "## Serveur (autocannon, 50 connexions, boucle locale)",
      "",
      `${report.server.durationS} s par passage ; « statique » : \`node:http\` servant depuis la mémoire le même nombre d'octets, dans un processus à part, dans le même passage. Cibles : accueil ≥ ${TARGETS.homeRatio} × statique, pages connectées ≥ ${TARGETS.loggedInRatio} ×.`,
      "",
      "| page | octets | requêtes/s | statique requêtes/s | rapport | p50 (ms) | p99 (ms) | statique p50 / p99 (ms) |",
      "|---|---|---|---|---|---|---|---|",
    );
    for (const page of report.server.pages) {
      const target = page.path === "/" ? TARGETS.homeRatio : TARGETS.loggedInRatio;
      lines.push(
        `| ${page.label} \`${page.path.replace(/[0-9a-f-]{36}/, ":id")}\` | ${page.bytes.toLocaleString("fr-FR")} | ${show(page.requestsPerSecond)} | ${show(page.staticRequestsPerSecond)} | ${mark(page.ratio.median >= target)} ${show(page.ratio, 3)} | ${show(page.p50Ms)} | ${show(page.p99Ms)} | ${show(page.staticP50Ms)} / ${show(page.staticP99Ms)} |`,
      );
    }
    const { memory } = report.server;
    lines.push(
      "",
      `Mémoire du serveur (RSS) : ${memory.idleMb.toFixed(0)} Mo au repos, ${memory.peakMb.toFixed(0)} Mo au plus haut sous charge.`,
    );
  }

  if (report.callback) {
    const { callback } = report;
    lines.push(
      "",
      "## Retour de FranceConnect (`/auth/franceconnect/callback`)",
      "",
      `Connexions successives d'une identité connue de la DGFiP, d'après l'en-tête \`Server-Timing\`. Cible : temps propre du serveur ≤ ${TARGETS.callbackServerMs} ms (médiane).`,
      "",
      "| temps propre du serveur (ms) | attente des services (ms, " +
        `${callback.upstreamCalls} appels) | total vu du navigateur (ms) |`,
      "|---|---|---|",
      `| ${mark(callback.serverMs.median <= TARGETS.callbackServerMs)} ${show(callback.serverMs, 1)} | ${show(callback.upstreamMs, 1)} | ${show(callback.totalMs, 1)} |`,
    );
  }

  for (const scale of report.scale ?? []) {
    const national = scale.database === "PostgreSQL" && scale.rows >= 1_000_000;
    lines.push(
      "",
      `## Échelle nationale : ${scale.rows.toLocaleString("fr-FR")} demandes, ${scale.database}`,
      "",
      scale.generationS === null
        ? "Demandes générées lors d'un passage précédent."
        : `Génération : ${scale.generationS.toFixed(0)} s.`,
      national
        ? `Cibles (PostgreSQL, 1,2 million) : file p95 ≤ ${TARGETS.queueP95Ms} ms, statistiques ≤ ${TARGETS.statisticsMs} ms, export ≥ ${TARGETS.exportRowsPerSecond.toLocaleString("fr-FR")} lignes/s avec moins de ${TARGETS.exportMemoryMb} Mo de mémoire en plus.`
        : "Les cibles s'appliquent à 1,2 million de demandes sur PostgreSQL (`--national`) : ici, à titre indicatif.",
      "",
      "| requête | ms | index lus | parcours séquentiels | planification / exécution (ms) |",
      "|---|---|---|---|---|",
    );
    for (const query of scale.queries) {
      const ok = query.ms.p95 <= TARGETS.queueP95Ms;
      lines.push(
        `| ${query.label} | ${national ? `${mark(ok)} ` : ""}${show(query.ms, 1)} | ${query.plan.indexes.join(", ") || "—"} | ${query.plan.seqScans.join(", ") || "aucun"} | ${query.plan.planningMs.toFixed(1)} / ${query.plan.executionMs.toFixed(1)} |`,
      );
    }
    lines.push(
      "",
      `Statistiques nationales : ${national ? `${mark(scale.statisticsMs.median <= TARGETS.statisticsMs)} ` : ""}${show(scale.statisticsMs)} ms (les jours passés lus dans leur résumé, mis à jour en ${scale.summaryS.toFixed(1)} s comme le fait la tâche horaire du service).`,
      "",
      "| export CSV | lignes | lignes/s (médiane de 3) | mémoire en plus (Mo) | premier export du processus : lignes/s, mémoire |",
      "|---|---|---|---|---|",
    );
    for (const item of scale.exports) {
      const ok =
        item.rowsPerSecond >= TARGETS.exportRowsPerSecond &&
        item.memoryGrowthMb < TARGETS.exportMemoryMb;
      lines.push(
        `| ${item.label} | ${item.rows.toLocaleString("fr-FR")} | ${national ? `${mark(ok)} ` : ""}${Math.round(item.rowsPerSecond).toLocaleString("fr-FR")} | ${item.memoryGrowthMb.toFixed(0)} | ${Math.round(item.first.rowsPerSecond).toLocaleString("fr-FR")}, ${item.first.memoryGrowthMb.toFixed(0)} Mo |`,
      );
    }
    lines.push(
      "",
      scale.batch
        ? `Lot de ${scale.batch.decisions} signatures : ${scale.batch.seconds.toFixed(1)} s (${scale.batch.perSecond.toFixed(0)} décisions/s).`
        : "Lot de signatures : aucune demande à signer, non mesuré.",
      "",
      "Les plans complets (EXPLAIN ANALYZE) sont dans `.data/bench/report.json`.",
    );
  }

  if (report.engine) {
    lines.push(
      "",
      "## Moteur d'éligibilité (un cœur)",
      "",
      `${show(report.engine.evaluationsPerSecond)} évaluations par seconde.`,
    );
  }
  return `${lines.join("\n")}\n`;
}
