/**
 * Configuration: every environment variable is read and validated here, once, at start.
 * A wrong or missing value stops the server with one message listing each problem.
 * Each variable is documented in the README and in .env.example.
 */
import { z } from "zod";
import type { DatabaseTarget } from "./db/connection.server";

const booleanFlag = z
  .enum(["true", "false", "1", "0"], { error: "doit valoir true ou false" })
  .transform((value) => value === "true" || value === "1");

const schema = z.object({
  NODE_ENV: z
    .enum(["development", "production", "test"], {
      error: "doit valoir development, production ou test",
    })
    .default("development"),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce
    .number({ error: "doit être un numéro de port" })
    .int("doit être un entier")
    .min(1, "doit être compris entre 1 et 65535")
    .max(65535, "doit être compris entre 1 et 65535")
    .default(3000),
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\/.+/,
      "doit être une URL postgresql://utilisateur:mot-de-passe@hôte:port/base",
    )
    .optional(),
  EMBEDDED_DB_DIR: z.string().min(1, "ne peut pas être vide").default(".data/pglite"),
  MIGRATE_ON_START: booleanFlag.default(true),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  override name = "EnvError";
  constructor(readonly problems: string[]) {
    super(
      `Configuration invalide (${problems.length} problème${problems.length > 1 ? "s" : ""}) :\n` +
        problems.map((problem) => `  - ${problem}`).join("\n"),
    );
  }
}

/** Validates a set of variables; throws an EnvError listing every problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // An empty variable (`FOO=`) means "not set", as in most tools.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`),
    );
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated configuration of this process (parsed on first call). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function databaseTarget(env: Env): DatabaseTarget {
  return env.DATABASE_URL
    ? { kind: "postgres", url: env.DATABASE_URL }
    : { kind: "embedded", dataDir: env.EMBEDDED_DB_DIR };
}
