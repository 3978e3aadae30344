/**
 * Database tooling, offline (no Prisma engine binary needed):
 *   tsx scripts/db.ts migrate         apply pending migrations to the configured database
 *   tsx scripts/db.ts new <name>      write prisma/migrations/<timestamp>_<name>/migration.sql
 *                                     from the difference between the migrations and schema.prisma
 *   tsx scripts/db.ts check           exit 1 if schema.prisma and the migrations differ
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { openDatabase } from "~/server/db/connection.server";
import { applyMigrations } from "~/server/db/migrate.server";
import { databaseTarget, getEnv } from "~/server/env.server";
import { diffMigrationsToSchema, MIGRATIONS_DIR } from "./lib/schema-engine";

function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\D/g, "").slice(0, 14);
}

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  switch (command) {
    case "migrate": {
      const target = databaseTarget(getEnv());
      const db = openDatabase(target);
      try {
        const applied = await applyMigrations(db);
        const where =
          target.kind === "embedded" ? `base embarquée ${target.dataDir}` : "PostgreSQL";
        console.log(
          applied.length
            ? `Migrations appliquées (${where}) : ${applied.join(", ")}`
            : `Base à jour (${where}).`,
        );
      } finally {
        await db.close();
      }
      return 0;
    }
    case "new": {
      if (!name || !/^[a-z0-9_]+$/.test(name)) {
        console.error("Usage : npm run db:migration:new -- <nom_en_snake_case>");
        return 2;
      }
      const script = await diffMigrationsToSchema();
      if (!script) {
        console.log("schema.prisma et les migrations sont identiques : aucune migration à créer.");
        return 0;
      }
      const dir = path.join(MIGRATIONS_DIR, `${timestamp()}_${name}`);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, "migration.sql"), script);
      console.log(`Migration écrite : ${path.relative(process.cwd(), dir)}/migration.sql`);
      return 0;
    }
    case "check": {
      const script = await diffMigrationsToSchema();
      if (script) {
        console.error(
          "schema.prisma diffère des migrations. Créez une migration avec " +
            "`npm run db:migration:new -- <nom>`. Différence :\n" +
            script,
        );
        return 1;
      }
      console.log("schema.prisma et les migrations sont identiques.");
      return 0;
    }
    default:
      console.error("Usage : tsx scripts/db.ts migrate | new <nom> | check");
      return 2;
  }
}

main().then(
  // The schema engine leaves a timer pending: exit explicitly.
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
