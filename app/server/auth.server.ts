/**
 * The application's authentication objects, built once from the configuration, and the helpers
 * routes use to know who is connected.
 */
import { redirect } from "@remix-run/node";
import { createFranceConnect, type FranceConnect } from "./auth/franceconnect.server";
import { prisma } from "./db.server";
import { createDgfipClient, type DgfipClient } from "./dgfip.server";
import { getEnv } from "./env.server";
import { createMailer, type Mailer } from "./mail.server";
import { createNotificationDispatcher, type NotificationDispatcher } from "./notifications.server";
import { createSessionStore, type SessionStore } from "./session.server";

let franceConnect: FranceConnect | undefined;
let sessions: SessionStore | undefined;
let dgfip: DgfipClient | undefined;
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
    });
  }
  return dgfip;
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
      dataScopes: env.FC_DATA_SCOPES.split(/\s+/).filter(Boolean),
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
    });
  }
  return sessions;
}

/** The connected citizen, or null. */
export async function getCitizen(request: Request) {
  const session = await getSessions().read(request);
  if (!session?.citizenId) return null;
  return prisma().citizen.findUnique({ where: { id: session.citizenId } });
}

/** The connected citizen; otherwise, to the login page and back here afterwards. */
export async function requireCitizen(request: Request) {
  const citizen = await getCitizen(request);
  if (!citizen) {
    const url = new URL(request.url);
    throw redirect(`/connexion?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return citizen;
}
