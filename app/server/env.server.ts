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

/** The data providers this service knows (app/server/providers). */
export const DATA_PROVIDER_IDS = ["dgfip", "france-travail"] as const;
export type DataProviderId = (typeof DATA_PROVIDER_IDS)[number];

const baseSchema = z.object({
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
  /**
   * The local demonstration (`npm run demo`, the end-to-end tests): it runs in production mode with
   * the demo values, which production otherwise refuses. Never set in a real deployment.
   */
  DEMO_MODE: booleanFlag.default(false),
  /** Public URL of the service, used to build the FranceConnect callback and logout URLs. */
  APP_URL: z.url({ error: "doit être une URL (https://…)" }).default("http://localhost:3000"),
  /** Secret of at least 32 characters: derives the OpenID Connect nonce from the state. */
  SESSION_SECRET: z.string().min(32, "doit contenir au moins 32 caractères").optional(),
  /** A citizen's session ends after this long without a request… */
  SESSION_IDLE_MINUTES: z.coerce
    .number({ error: "doit être un nombre de minutes" })
    .int()
    .min(1)
    .max(24 * 60)
    .default(60),
  /** …and in any case after this long. */
  SESSION_TTL_HOURS: z.coerce
    .number({ error: "doit être un nombre d'heures" })
    .positive()
    .max(24)
    .default(12),
  /** FranceConnect issuer (discovery base), e.g. https://oidc.franceconnect.gouv.fr/api/v2 */
  FC_ISSUER: z.url({ error: "doit être une URL" }).optional(),
  FC_CLIENT_ID: z.string().min(1).optional(),
  FC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Signing algorithm chosen at registration with FranceConnect. */
  FC_ID_TOKEN_ALG: z
    .enum(["ES256", "RS256"], { error: "doit valoir ES256 ou RS256" })
    .default("ES256"),
  /** Data scopes requested with the identity (space separated). */
  FC_DATA_SCOPES: z
    .string()
    .default(
      "dgfip_rfr dgfip_nbpart dgfip_sitfam dgfip_nbpac dgfip_pac dgfip_aft dgfip_annee_n_moins_1 dgfip_annee_n_moins_2_si_indispo_n_moins_1",
    ),
  FC_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** ProConnect (agents' login), e.g. https://auth.agentconnect.gouv.fr/api/v2 */
  PROCONNECT_ISSUER: z.url({ error: "doit être une URL" }).optional(),
  PROCONNECT_CLIENT_ID: z.string().min(1).optional(),
  PROCONNECT_CLIENT_SECRET: z.string().min(1).optional(),
  PROCONNECT_ID_TOKEN_ALG: z
    .enum(["ES256", "RS256"], { error: "doit valoir ES256 ou RS256" })
    .default("ES256"),
  PROCONNECT_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** An agent's session ends after this long without a request… */
  AGENT_SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** …and in any case after this long. */
  AGENT_SESSION_TTL_HOURS: z.coerce.number().positive().max(24).default(12),
  /** DGFiP API gateway (API Impôt particulier); its token URL defaults to DGFIP_API_URL/token. */
  DGFIP_API_URL: z.url({ error: "doit être une URL" }).optional(),
  DGFIP_TOKEN_URL: z.url({ error: "doit être une URL" }).optional(),
  DGFIP_CLIENT_ID: z.string().min(1).optional(),
  DGFIP_CLIENT_SECRET: z.string().min(1).optional(),
  DGFIP_ID_TELESERVICE: z.string().min(1).optional(),
  /**
   * The démarche's identifier at the observatory « Je donne mon avis »
   * (jedonnemonavis.numerique.gouv.fr/Demarches/<id>): the button after the submission and the
   * decision; none, no button. Outside production: the observatory's test démarche.
   */
  JDMA_DEMARCHE_ID: z
    .string()
    .regex(/^\d{1,10}$/, "doit être l'identifiant numérique de la démarche")
    .optional(),
  /** The button's identifier the observatory gives with its code (`?button=`), if any. */
  JDMA_BUTTON_ID: z
    .string()
    .regex(/^\d{1,10}$/, "doit être l'identifiant numérique du bouton")
    .optional(),
  DGFIP_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  DGFIP_RETRIES: z.coerce.number().int().min(0).max(3).default(2),
  /** The log's level (app/server/log.server.ts). */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Also write the log to this file (JSON lines), besides the standard output. */
  LOG_FILE: z.string().min(1).optional(),
  /** A Server-Timing header on every response: the server's own time and the other services'. */
  SERVER_TIMING: booleanFlag.default(false),
  /** Public pages answered from memory for this long (server/page-cache.ts); 0: never. */
  PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  /** Login starts and callbacks per client address, per ten minutes (NAT-friendly). */
  RATE_LIMIT_LOGINS_PER_IP: z.coerce.number().int().min(1).default(60),
  /** Forms posted per client address, per ten minutes. */
  RATE_LIMIT_POSTS_PER_IP: z.coerce.number().int().min(1).default(1_000),
  /**
   * Which proxies in front of the service are trusted to report the client's address
   * (X-Forwarded-For): Express's "trust proxy" (a number of hops, or addresses and subnets).
   */
  TRUST_PROXY: z
    .string()
    .default("loopback")
    .transform((value) => (/^\d+$/.test(value) ? Number(value) : value)),
  /** Time the citizen waits for the DGFiP on the way back from FranceConnect (then: background). */
  DGFIP_BUDGET_MS: z.coerce.number().int().min(500).max(30_000).default(4_000),
  /**
   * The « API FranceConnectées » the service uses, comma separated (docs/decisions/031): `dgfip`
   * (always: the tax notice is the basis of legal aid) and `france-travail` (the change of
   * situation). Default: both, except in production where each one needs its habilitation: dgfip.
   */
  DATA_PROVIDERS: z
    .string()
    .transform((text) =>
      text
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(
          z.enum(DATA_PROVIDER_IDS, {
            error: `valeurs possibles : ${DATA_PROVIDER_IDS.join(", ")}`,
          }),
        )
        .refine((ids) => ids.includes("dgfip"), "doit contenir dgfip"),
    )
    .optional(),
  /** France Travail's API gateway (payments); its token URL defaults to FRANCE_TRAVAIL_API_URL/token. */
  FRANCE_TRAVAIL_API_URL: z.url({ error: "doit être une URL" }).optional(),
  FRANCE_TRAVAIL_TOKEN_URL: z.url({ error: "doit être une URL" }).optional(),
  FRANCE_TRAVAIL_CLIENT_ID: z.string().min(1).optional(),
  FRANCE_TRAVAIL_CLIENT_SECRET: z.string().min(1).optional(),
  FRANCE_TRAVAIL_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  FRANCE_TRAVAIL_RETRIES: z.coerce.number().int().min(0).max(3).default(1),
  /** Time the citizen waits for France Travail on the way back from FranceConnect. */
  FRANCE_TRAVAIL_BUDGET_MS: z.coerce.number().int().min(500).max(30_000).default(4_000),
  /** SMTP server for the notifications, e.g. smtps://user:password@smtp.example.fr:465 */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, "doit être une URL smtp:// ou smtps://")
    .optional(),
  MAIL_FROM: z
    .string()
    .min(3)
    .default("Aide juridictionnelle <ne-pas-repondre@aide-juridictionnelle.example>"),
  /**
   * Public keys (a JSON array of JWKs) of former AUDIT_SIGNING_KEYs: the checkpoints they signed stay
   * verifiable after a key change.
   */
  AUDIT_PREVIOUS_PUBLIC_KEYS: z
    .string()
    .default("[]")
    .refine((text) => {
      try {
        return Array.isArray(JSON.parse(text));
      } catch {
        return false;
      }
    }, "doit être un tableau JSON de clés publiques (JWK)"),
  /** How often the head of the audit chain is checked and signed (a checkpoint). */
  AUDIT_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(1440).default(60),
  /** Retention: a draft never submitted is deleted after this many days without a change… */
  RETENTION_DRAFT_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /** …a closed application is anonymised this many months after it was closed (2 + 5 years). */
  RETENTION_CLOSED_MONTHS: z.coerce.number().int().min(1).max(1200).default(62),
  /** Periodic jobs (checkpoints, deadlines, retention) run in this process; off: another runs them. */
  JOBS_ENABLED: z
    .enum(["true", "false"], { error: "doit valoir true ou false" })
    .default("true")
    .transform((value) => value === "true"),
  /** How often the outbox is scanned for mails to (re)send; new mails also go out at once. */
  NOTIFICATION_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
});

/** The observatory « Je donne mon avis »'s public test démarche, used outside production. */
export const DEMO_JDMA_DEMARCHE_ID = "3119";

/** Demo values of the optional providers, used outside production when they are enabled. */
export const DEMO_PROVIDER_VALUES = {
  FRANCE_TRAVAIL_API_URL: "http://localhost:3006",
  FRANCE_TRAVAIL_CLIENT_ID: "aide-juridictionnelle-ft-demo",
  FRANCE_TRAVAIL_CLIENT_SECRET: "demo-only-ft-apim-client-secret-0123456789",
} as const;

/**
 * Demo values for development and tests only: they match the local stand-ins (mocks/). In
 * production every secret must be given, or the server does not start.
 */
export const DEMO_SECRETS = {
  SESSION_SECRET: "demo-only-session-secret-not-for-production-0000",
  FC_ISSUER: "http://localhost:3001/api/v2",
  FC_CLIENT_ID: "aide-juridictionnelle-demo",
  FC_CLIENT_SECRET: "demo-only-fc-client-secret-0123456789abcdef",
  PROCONNECT_ISSUER: "http://localhost:3003/api/v2",
  PROCONNECT_CLIENT_ID: "aide-juridictionnelle-bureau-demo",
  PROCONNECT_CLIENT_SECRET: "demo-only-proconnect-client-secret-0123456789",
  DGFIP_API_URL: "http://localhost:3002",
  DGFIP_CLIENT_ID: "aide-juridictionnelle-apim-demo",
  DGFIP_CLIENT_SECRET: "demo-only-apim-client-secret-0123456789",
  SMTP_URL: "smtp://127.0.0.1:1025",
  /** Ed25519 private key (JWK) that signs the audit trail's checkpoints. DEMO ONLY. */
  AUDIT_SIGNING_KEY:
    '{"kty":"OKP","crv":"Ed25519","x":"CCiKIBfgSVKIGGeAMBDoNCBN_HbQXnyIB84KYCsLORg","d":"VWJugfUxP59OcEJEnnlc-QA6D5fLBgVSOPnRhRuPcgY"}',
} as const;

/**
 * Every variable `parseEnv` reads: docs/configuration.md (section 1) documents each one, and no
 * other (tests/unit/configuration-reference.test.ts).
 */
export const ENV_VARIABLES: readonly string[] = [
  ...new Set([...Object.keys(baseSchema.shape), ...Object.keys(DEMO_SECRETS)]),
];

/** The values that must be secret: published here for the demo, refused in production. */
const DEMO_ONLY_SECRETS = [
  "SESSION_SECRET",
  "FC_CLIENT_SECRET",
  "PROCONNECT_CLIENT_SECRET",
  "DGFIP_CLIENT_SECRET",
  "AUDIT_SIGNING_KEY",
  "FRANCE_TRAVAIL_CLIENT_SECRET",
] as const;

type Secrets = { -readonly [K in keyof typeof DEMO_SECRETS]: string };
export type Env = Omit<z.output<typeof baseSchema>, keyof Secrets | "DATA_PROVIDERS"> &
  Secrets & { DATA_PROVIDERS: DataProviderId[] };

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
  const result = baseSchema.safeParse(cleaned);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
  const production = cleaned.NODE_ENV === "production";
  const secrets = {} as Secrets;
  for (const name of Object.keys(DEMO_SECRETS) as (keyof Secrets)[]) {
    const value = cleaned[name];
    if (value !== undefined) secrets[name] = value;
    else if (production) problems.push(`${name} est obligatoire en production`);
    else secrets[name] = DEMO_SECRETS[name];
  }
  const providers =
    (result.success ? result.data.DATA_PROVIDERS : undefined) ??
    (production ? ["dgfip" as const] : [...DATA_PROVIDER_IDS]);
  const providerValues: Partial<Record<keyof typeof DEMO_PROVIDER_VALUES, string>> = {};
  if (providers.includes("france-travail")) {
    for (const name of Object.keys(DEMO_PROVIDER_VALUES) as (keyof typeof DEMO_PROVIDER_VALUES)[]) {
      const value = cleaned[name];
      if (value !== undefined) providerValues[name] = value;
      else if (production) {
        problems.push(
          `${name} est obligatoire en production quand DATA_PROVIDERS contient france-travail`,
        );
      } else providerValues[name] = DEMO_PROVIDER_VALUES[name];
    }
  }
  // In production, a secret left at its published demo value is no secret: refused, except in the
  // local demonstration.
  if (production && !(result.success && result.data.DEMO_MODE)) {
    // Its default (localhost) would make wrong return addresses and links in the mails.
    if (cleaned.APP_URL === undefined) problems.push("APP_URL est obligatoire en production");
    const demoValues: Record<string, string> = {
      ...DEMO_SECRETS,
      FRANCE_TRAVAIL_CLIENT_SECRET: DEMO_PROVIDER_VALUES.FRANCE_TRAVAIL_CLIENT_SECRET,
    };
    for (const name of DEMO_ONLY_SECRETS) {
      if (cleaned[name] !== undefined && cleaned[name] === demoValues[name]) {
        problems.push(
          `${name} vaut la valeur de démonstration publiée avec le code : donnez le vôtre en production`,
        );
      }
    }
  }
  if (secrets.AUDIT_SIGNING_KEY && !isEd25519PrivateJwk(secrets.AUDIT_SIGNING_KEY)) {
    problems.push("AUDIT_SIGNING_KEY doit être une clé privée Ed25519 au format JWK (JSON)");
  }
  if (result.success && production && !isHttpsOrLocal(result.data.APP_URL)) {
    problems.push("APP_URL doit être en https en production (sauf sur localhost)");
  }
  if (!result.success || problems.length) throw new EnvError(problems);
  // The observatory's own test démarche: the button works in the demo without an account.
  const jdma = production
    ? {}
    : { JDMA_DEMARCHE_ID: result.data.JDMA_DEMARCHE_ID ?? DEMO_JDMA_DEMARCHE_ID };
  return { ...result.data, ...jdma, ...providerValues, ...secrets, DATA_PROVIDERS: providers };
}

const ed25519PrivateJwk = z.object({
  kty: z.literal("OKP"),
  crv: z.literal("Ed25519"),
  x: z.string().min(40),
  d: z.string().min(40),
});

function isEd25519PrivateJwk(text: string): boolean {
  try {
    return ed25519PrivateJwk.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

function isHttpsOrLocal(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  return protocol === "https:" || hostname === "localhost" || hostname === "127.0.0.1";
}

let cached: Env | undefined;

/** The validated configuration of this process (parsed on first call). */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For entry points: the configuration, or one clear message and exit code 1. */
export function getEnvOrExit(): Env {
  try {
    return getEnv();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

export function databaseTarget(env: Env): DatabaseTarget {
  return env.DATABASE_URL
    ? { kind: "postgres", url: env.DATABASE_URL }
    : { kind: "embedded", dataDir: env.EMBEDDED_DB_DIR };
}
