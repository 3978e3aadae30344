/**
 * The application's services, each built once from the configuration: FranceConnect and ProConnect
 * clients, the citizens' and the agents' session stores, the data providers (DGFiP, France
 * Travail), the mailer and the notification dispatcher. Routes and server modules get them here.
 */

import { resumeBatches } from "./agent/batches.server";
import { summariseStatistics } from "./agent/statistics-summary.server";
import {
  type AuditKeys,
  auditKeys,
  type TrailReport,
  verifyAuditTrail,
  writeCheckpoint,
} from "./audit-checkpoints.server";
import { forgetOldLoginAttempts } from "./auth/citizen-login.server";
import { createFranceConnect, type FranceConnect } from "./auth/franceconnect.server";
import { createProConnect, type ProConnect } from "./auth/proconnect.server";
import { prisma } from "./db.server";
import { sendDeadlineReminders } from "./deadlines.server";
import { createDgfipClient, type DgfipClient } from "./dgfip.server";
import { type DataProviderId, getEnv } from "./env.server";
import type { Job } from "./jobs.server";
import { clean, log } from "./log.server";
import { createMailer, type Mailer } from "./mail.server";
import { createNotificationDispatcher, type NotificationDispatcher } from "./notifications.server";
import { type AnyDataProvider, consentScopes, loginScopes } from "./providers/adapter.server";
import {
  createFranceTravailClient,
  type FranceTravailClient,
} from "./providers/france-travail.server";
import { enabledProviders, knownProviders } from "./providers/registry.server";
import { applyRetention } from "./retention.server";
import { AGENT_SESSION_COOKIE, createSessionStore, type SessionStore } from "./session.server";

let franceConnect: FranceConnect | undefined;
let proConnect: ProConnect | undefined;
let sessions: SessionStore | undefined;
let agentSessions: SessionStore | undefined;
let dgfip: DgfipClient | undefined;
let franceTravail: FranceTravailClient | null | undefined;
let providers: { known: ReturnType<typeof knownProviders>; enabled: AnyDataProvider[] } | undefined;
let mailer: Mailer | undefined;
let notifications: NotificationDispatcher | undefined;

export function getMailer(): Mailer {
  if (!mailer) {
    const env = getEnv();
    mailer = createMailer({ url: env.SMTP_URL, from: env.MAIL_FROM });
  }
  return mailer;
}

/** The outbox dispatcher: started by the server; `kick()` it after queuing a mail. */
export function getNotifications(): NotificationDispatcher {
  if (!notifications) {
    const env = getEnv();
    notifications = createNotificationDispatcher(
      { prisma: prisma(), mailer: getMailer(), appUrl: env.APP_URL },
      { intervalMs: env.NOTIFICATION_INTERVAL_SECONDS * 1000 },
    );
  }
  return notifications;
}

export function getDgfip(): DgfipClient {
  if (!dgfip) {
    const env = getEnv();
    dgfip = createDgfipClient({
      apiUrl: env.DGFIP_API_URL,
      tokenUrl: env.DGFIP_TOKEN_URL ?? `${env.DGFIP_API_URL.replace(/\/$/, "")}/token`,
      clientId: env.DGFIP_CLIENT_ID,
      clientSecret: env.DGFIP_CLIENT_SECRET,
      idTeleservice: env.DGFIP_ID_TELESERVICE,
      timeoutMs: env.DGFIP_TIMEOUT_MS,
      retries: env.DGFIP_RETRIES,
      budgetMs: env.DGFIP_BUDGET_MS,
    });
  }
  return dgfip;
}

/** France Travail's payments client, or null when the provider is not enabled (DATA_PROVIDERS). */
export function getFranceTravail(): FranceTravailClient | null {
  if (franceTravail === undefined) {
    const env = getEnv();
    const apiUrl = env.FRANCE_TRAVAIL_API_URL;
    franceTravail =
      env.DATA_PROVIDERS.includes("france-travail") &&
      apiUrl &&
      env.FRANCE_TRAVAIL_CLIENT_ID &&
      env.FRANCE_TRAVAIL_CLIENT_SECRET
        ? createFranceTravailClient({
            apiUrl,
            tokenUrl: env.FRANCE_TRAVAIL_TOKEN_URL ?? `${apiUrl.replace(/\/$/, "")}/token`,
            clientId: env.FRANCE_TRAVAIL_CLIENT_ID,
            clientSecret: env.FRANCE_TRAVAIL_CLIENT_SECRET,
            timeoutMs: env.FRANCE_TRAVAIL_TIMEOUT_MS,
            retries: env.FRANCE_TRAVAIL_RETRIES,
            budgetMs: env.FRANCE_TRAVAIL_BUDGET_MS,
          })
        : null;
  }
  return franceTravail;
}

function providerRegistry() {
  if (!providers) {
    const env = getEnv();
    const known = knownProviders(env, { dgfip: getDgfip(), franceTravail: getFranceTravail() });
    providers = { known, enabled: enabledProviders(env, known) };
  }
  return providers;
}

/** The enabled data providers (`DATA_PROVIDERS`): those called at login first. */
export function getDataProviders(): AnyDataProvider[] {
  return providerRegistry().enabled;
}

/** Whether the provider is enabled (`DATA_PROVIDERS`). */
export function providerEnabled(id: DataProviderId): boolean {
  return getDataProviders().some((provider) => provider.id === id);
}

/** Every provider this service knows, enabled or not: to read answers stored earlier. */
export function getKnownProviders(): AnyDataProvider[] {
  return Object.values(providerRegistry().known);
}

export function getFranceConnect(): FranceConnect {
  if (!franceConnect) {
    const env = getEnv();
    const appUrl = env.APP_URL.replace(/\/$/, "");
    franceConnect = createFranceConnect({
      issuer: env.FC_ISSUER,
      clientId: env.FC_CLIENT_ID,
      clientSecret: env.FC_CLIENT_SECRET,
      redirectUri: `${appUrl}/auth/franceconnect/callback`,
      postLogoutRedirectUri: `${appUrl}/deconnexion/retour`,
      idTokenAlg: env.FC_ID_TOKEN_ALG,
      dataScopes: loginScopes(getDataProviders()),
      consentScopes: consentScopes(getDataProviders()),
      nonceSecret: env.SESSION_SECRET,
      timeoutMs: env.FC_TIMEOUT_MS,
      // Secure cookies whenever the service is served over https (required in production).
      secureCookies: appUrl.startsWith("https:"),
    });
  }
  return franceConnect;
}

export function getSessions(): SessionStore {
  if (!sessions) {
    const env = getEnv();
    sessions = createSessionStore(prisma(), {
      secure: env.APP_URL.startsWith("https:"),
      ttlHours: env.SESSION_TTL_HOURS,
      idleMinutes: env.SESSION_IDLE_MINUTES,
    });
  }
  return sessions;
}

export function getProConnect(): ProConnect {
  if (!proConnect) {
    const env = getEnv();
    const appUrl = env.APP_URL.replace(/\/$/, "");
    proConnect = createProConnect({
      issuer: env.PROCONNECT_ISSUER,
      clientId: env.PROCONNECT_CLIENT_ID,
      clientSecret: env.PROCONNECT_CLIENT_SECRET,
      redirectUri: `${appUrl}/bureau/auth/callback`,
      postLogoutRedirectUri: `${appUrl}/bureau/deconnexion/retour`,
      idTokenAlg: env.PROCONNECT_ID_TOKEN_ALG,
      nonceSecret: env.SESSION_SECRET,
      timeoutMs: env.PROCONNECT_TIMEOUT_MS,
      secureCookies: appUrl.startsWith("https:"),
    });
  }
  return proConnect;
}

/**
 * The agents' sessions: their own cookie (never the citizen's), 30 min idle, 12 h at most. Its
 * path is "/": with a "/bureau" path the browser would not send it with Remix's data requests
 * (`/bureau.data`), which are not under "/bureau/".
 */
export function getAgentSessions(): SessionStore {
  if (!agentSessions) {
    const env = getEnv();
    agentSessions = createSessionStore(prisma(), {
      secure: env.APP_URL.startsWith("https:"),
      ttlHours: env.AGENT_SESSION_TTL_HOURS,
      idleMinutes: env.AGENT_SESSION_IDLE_MINUTES,
      cookieName: AGENT_SESSION_COOKIE,
    });
  }
  return agentSessions;
}

let auditKeysPromise: Promise<AuditKeys> | undefined;

/** The key that signs the audit trail's checkpoints, and the former public keys. */
export function getAuditKeys(): Promise<AuditKeys> {
  const env = getEnv();
  auditKeysPromise ??= auditKeys(env.AUDIT_SIGNING_KEY, env.AUDIT_PREVIOUS_PUBLIC_KEYS);
  return auditKeysPromise;
}

/** A verification of the audit trail, as stored in `job_run` and shown to présidents. */
export function trailSummary(report: TrailReport) {
  return {
    valid: report.valid,
    events: report.events,
    headSequence: report.head?.sequence.toString() ?? null,
    checkpoints: report.checkpoints,
    problemSequence: report.problem?.sequence?.toString() ?? null,
    problem: report.problem?.reason ?? null,
  };
}

/** The periodic jobs the server runs (docs/decisions/018). */
export function periodicJobs(): Job[] {
  const env = getEnv();
  return [
    {
      name: "audit.checkpoint",
      schedule: { everyMinutes: env.AUDIT_CHECKPOINT_MINUTES },
      run: async (now) => {
        const result = await writeCheckpoint(prisma(), await getAuditKeys(), now);
        if (!result.ok) throw new Error(`Journal d'audit : ${result.reason}`);
        return {
          sequence: result.checkpoint?.sequence.toString() ?? null,
          verified: result.verified,
        };
      },
    },
    {
      name: "audit.verify",
      schedule: { dailyAfterHour: 2 },
      run: async () => {
        const report = await verifyAuditTrail(prisma(), await getAuditKeys());
        if (!report.valid) {
          log().error(
            { problem: clean(report.problem?.reason ?? "", 200) },
            "journal d'audit invalide",
          );
        }
        return trailSummary(report);
      },
    },
    {
      name: "retention",
      schedule: { dailyAfterHour: 3 },
      run: (now) =>
        applyRetention(
          prisma(),
          { draftDays: env.RETENTION_DRAFT_DAYS, closedMonths: env.RETENTION_CLOSED_MONTHS },
          now,
        ),
    },
    {
      // The days that are over, counted into the statistics' summary (docs/decisions/021).
      name: "statistics.summary",
      schedule: { everyMinutes: 60 },
      run: (now) => summariseStatistics(prisma(), now),
    },
    {
      // Batches left unfinished by a crash or a restart (each claimed by its lease).
      name: "batches",
      schedule: { everyTick: true },
      run: () => resumeBatches(prisma(), { afterItem: () => void getNotifications().kick() }),
    },
    {
      // FranceConnect returns kept for a reload (citizen-login.server.ts): seconds, not more.
      name: "login-attempts",
      schedule: { everyMinutes: 1 },
      run: (now) => forgetOldLoginAttempts(prisma(), now),
    },
    {
      name: "deadlines",
      schedule: { dailyAfterHour: 7 },
      run: async (now) => {
        const result = await sendDeadlineReminders(prisma(), now);
        if (result.reminded) void getNotifications().kick();
        return result;
      },
    },
  ];
}
