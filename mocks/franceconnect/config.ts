/**
 * Configuration of the local FranceConnect, from the environment. Demo values only: the registered
 * client matches the application's development defaults.
 */
import { z } from "zod";

const client = z.object({
  client_id: z.string().min(1),
  client_secret: z.string().min(32),
  redirect_uris: z.array(z.url()).min(1),
  post_logout_redirect_uris: z.array(z.url()).default([]),
  /** FC v2 signs with ES256 (recommended) or RS256, chosen at registration. */
  id_token_signed_response_alg: z.enum(["ES256", "RS256"]).default("ES256"),
});

const dataProvider = z.object({
  client_id: z.string().min(32),
  client_secret: z.string().min(32),
  /** The scopes this data provider serves (checktoken filters `scope` to these). */
  scopes: z.array(z.string()).min(1),
  /** Where the provider publishes its public encryption key. */
  jwks_uri: z.url(),
  checktoken_signed_response_alg: z.enum(["ES256", "RS256"]).default("ES256"),
  checktoken_encrypted_response_alg: z
    .enum(["ECDH-ES", "RSA-OAEP", "RSA-OAEP-256"])
    .default("ECDH-ES"),
  checktoken_encrypted_response_enc: z.literal("A256GCM").default("A256GCM"),
});

export type ClientConfig = z.infer<typeof client>;
export type DataProviderConfig = z.infer<typeof dataProvider>;

export const DEMO_APP_URL = "http://localhost:3000";
export const DEMO_CLIENT = {
  client_id: "aide-juridictionnelle-demo",
  client_secret: "demo-only-fc-client-secret-0123456789abcdef",
} as const;

const jsonArray = <T extends z.ZodType>(item: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "doit être du JSON" });
        return z.NEVER;
      }
    })
    .pipe(z.array(item));

const schema = z.object({
  FC_MOCK_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  FC_MOCK_ISSUER: z.url().optional(),
  FC_MOCK_CLIENTS: jsonArray(client).optional(),
  FC_MOCK_DATA_PROVIDERS: jsonArray(dataProvider).optional(),
  /** Secret behind the pairwise subjects (per client). */
  FC_MOCK_SUB_SECRET: z.string().min(16).default("demo-only-pairwise-secret"),
  /** Generated test accounts `usager-1`… for load tests (identities.ts); none by default. */
  FC_MOCK_GENERATED_IDENTITIES: z.coerce.number().int().min(0).max(100_000).default(0),
  APP_URL: z.url().default(DEMO_APP_URL),
});

export type MockConfig = {
  port: number;
  issuer: string;
  clients: ClientConfig[];
  dataProviders: DataProviderConfig[];
  subSecret: string;
  /** How many generated test accounts `usager-N` can log in (0 by default). */
  generatedIdentities?: number;
};

export function loadMockConfig(env: Record<string, string | undefined> = process.env): MockConfig {
  const parsed = schema.parse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== "")),
  );
  const appUrl = parsed.APP_URL.replace(/\/$/, "");
  return {
    port: parsed.FC_MOCK_PORT,
    issuer: parsed.FC_MOCK_ISSUER ?? `http://localhost:${parsed.FC_MOCK_PORT}/api/v2`,
    clients: parsed.FC_MOCK_CLIENTS ?? [
      client.parse({
        ...DEMO_CLIENT,
        redirect_uris: [`${appUrl}/auth/franceconnect/callback`],
        post_logout_redirect_uris: [`${appUrl}/deconnexion/retour`],
      }),
    ],
    dataProviders: parsed.FC_MOCK_DATA_PROVIDERS ?? [],
    subSecret: parsed.FC_MOCK_SUB_SECRET,
    generatedIdentities: parsed.FC_MOCK_GENERATED_IDENTITIES,
  };
}

export { client as clientSchema, dataProvider as dataProviderSchema };
