/**
 * The audit trail, from the command line (docs/decisions/017):
 *   npm run audit:verify                 verify every event and every signed checkpoint; exit 1
 *                                        naming the first broken event
 *   npm run audit:verify -- --checkpoint verify up to the head, then sign a checkpoint of it
 *   npm run audit:verify -- --export     print the signed checkpoints and the public keys (JSON)
 * Each verification is recorded (shown to présidents on /bureau/journal).
 */
import { parseArgs } from "node:util";
import {
  exportCheckpoints,
  verifyAuditTrail,
  writeCheckpoint,
} from "~/server/audit-checkpoints.server";
import { openDatabase } from "~/server/db/connection.server";
import { databaseTarget, getEnvOrExit } from "~/server/env.server";
import { getAuditKeys, trailSummary } from "~/server/services.server";

const { values } = parseArgs({
  options: { checkpoint: { type: "boolean" }, export: { type: "boolean" } },
  strict: true,
});
const env = getEnvOrExit();
const db = (() => {
  try {
    return openDatabase(databaseTarget(env));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(2);
  }
})();
const number = new Intl.NumberFormat("fr-FR");
let code = 0;
try {
  const keys = await getAuditKeys();
  if (values.export) {
    console.log(JSON.stringify(await exportCheckpoints(db.prisma, keys), null, 2));
  } else {
    if (values.checkpoint) {
      const result = await writeCheckpoint(db.prisma, keys);
      if (!result.ok) {
        console.error(`Point de contrôle refusé : ${result.reason}.`);
        code = 1;
      } else if (result.checkpoint) {
        console.log(`Point de contrôle signé : événement n° ${result.checkpoint.sequence}.`);
      } else {
        console.log("Aucun nouvel événement depuis le dernier point de contrôle.");
      }
    }
    const started = new Date();
    const report = await verifyAuditTrail(db.prisma, keys);
    await db.prisma.jobRun.create({
      data: {
        name: "audit.verify",
        period: `manuel ${started.toISOString()}`,
        startedAt: started,
        finishedAt: new Date(),
        result: trailSummary(report),
      },
    });
    const last = report.lastCheckpoint;
    if (report.valid) {
      console.log(
        `Journal d'audit valide : ${number.format(report.events)} événements` +
          (report.head ? ` (dernier : n° ${report.head.sequence})` : "") +
          `, ${number.format(report.checkpoints)} point(s) de contrôle signé(s)` +
          (last ? ` (dernier : n° ${last.sequence}, ${last.signedAt.toISOString()})` : "") +
          ".",
      );
    } else {
      console.error(
        `Journal d'audit INVALIDE : ${report.problem?.sequence ? `événement n° ${report.problem.sequence} : ` : ""}${report.problem?.reason}.`,
      );
      code = 1;
    }
  }
} finally {
  await db.close();
}
process.exit(code);
