/**
 * Configuration of the local ProConnect, from the environment. Demo values only: the registered
 * client matches the application's development defaults for the offices' (BAJ) back office.
 */
import { z } from "zod";

const client = z.object({
  client_id: z.string().min(1),
  client_secret: z.string().min(32),
  /** Compared exactly (scheme, host, path, trailing slash) with the `redirect_uri` parameter. */
  redirect_uris: z.array(z.url()).min(1),
  post_logout_redirect_uris: z.array(z.url()).default([]),
  /** Signs both the id_token and the userinfo response; ES256 unless registered otherwise. */
  id_token_signed_response_alg: z.enum(["ES256", "RS256"]).default("ES256"),
});

export type ProConnectClientConfig = z.infer<typeof client>;

export const DEMO_APP_URL = "http://localhost:3000";
export const DEMO_PROCONNECT_CLIENT = {
  client_id: "aide-juridictionnelle-bureau-demo",
  client_secret: "demo-only-proconnect-client-secret-0123456789",
} as const;

const clients = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "doit être du JSON" });
      return z.NEVER;
    }
  })
  .pipe(z.array(client));

const schema = z.object({
  PC_MOCK_PORT: z.coerce.number().int().min(1).max(65535).default(3003),
  PC_MOCK_ISSUER: z.url().optional(),
  PC_MOCK_CLIENTS: clients.optional(),
  APP_URL: z.url().default(DEMO_APP_URL),
});

export type ProConnectMockConfig = {
  port: number;
  /** ProConnect's issuer ends with `/api/v2`, under which every endpoint lives. */
  issuer: string;
  clients: ProConnectClientConfig[];
};

export function loadProConnectMockConfig(
  env: Record<string, string | undefined> = process.env,
): ProConnectMockConfig {
  const parsed = schema.parse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== "")),
  );
  const appUrl = parsed.APP_URL.replace(/\/$/, "");
  return {
    port: parsed.PC_MOCK_PORT,
    issuer: parsed.PC_MOCK_ISSUER ?? `http://localhost:${parsed.PC_MOCK_PORT}/api/v2`,
    clients: parsed.PC_MOCK_CLIENTS ?? [
      client.parse({
        ...DEMO_PROCONNECT_CLIENT,
        redirect_uris: [`${appUrl}/bureau/auth/callback`],
        post_logout_redirect_uris: [`${appUrl}/bureau/deconnexion/retour`],
      }),
    ],
  };
}

export { client as proConnectClientSchema };
