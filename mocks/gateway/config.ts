/**
 * Configuration of a local provider's gateway (demo values only), from variables named after the
 * provider (`DGFIP_MOCK_PORT`, `FT_MOCK_PORT`…): its port, the FranceConnect it checks tokens with,
 * its checktoken credentials as a data provider, and the APIM clients it accepts.
 */
import { z } from "zod";

const apimClient = z.object({
  client_id: z.string().min(1),
  client_secret: z.string().min(16),
  scopes: z.array(z.string()).min(1),
});

export type ApimClient = z.infer<typeof apimClient>;

export type GatewayConfig = {
  port: number;
  franceConnectIssuer: string;
  /** The provider as a data provider registered at FranceConnect (checktoken credentials). */
  dataProvider: { clientId: string; clientSecret: string };
  /** The applications allowed to ask the gateway for APIM tokens (client credentials). */
  apimClients: ApimClient[];
};

export type GatewayDefaults = {
  port: number;
  dataProvider: { client_id: string; client_secret: string };
  apimClient: { client_id: string; client_secret: string; scopes: readonly string[] };
};

/**
 * `<prefix>_PORT`, `<prefix>_FC_ISSUER`, `<prefix>_FD_CLIENT_ID`, `<prefix>_FD_CLIENT_SECRET` and
 * `<prefix>_APIM_CLIENTS` (JSON), each falling back on the demo defaults when absent or empty.
 */
export function loadGatewayConfig(
  prefix: string,
  defaults: GatewayDefaults,
  env: Record<string, string | undefined> = process.env,
): GatewayConfig {
  const name = (suffix: string) => `${prefix}_${suffix}`;
  const schema = z.object({
    [name("PORT")]: z.coerce.number().int().min(1).max(65535).default(defaults.port),
    [name("FC_ISSUER")]: z.url().default("http://localhost:3001/api/v2"),
    [name("FD_CLIENT_ID")]: z.string().min(32).default(defaults.dataProvider.client_id),
    [name("FD_CLIENT_SECRET")]: z.string().min(32).default(defaults.dataProvider.client_secret),
    [name("APIM_CLIENTS")]: z
      .string()
      .transform((text) => JSON.parse(text) as unknown)
      .pipe(z.array(apimClient))
      .optional(),
  });
  const parsed = schema.parse(
    Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")),
  ) as Record<string, unknown>;
  return {
    port: parsed[name("PORT")] as number,
    franceConnectIssuer: parsed[name("FC_ISSUER")] as string,
    dataProvider: {
      clientId: parsed[name("FD_CLIENT_ID")] as string,
      clientSecret: parsed[name("FD_CLIENT_SECRET")] as string,
    },
    apimClients: (parsed[name("APIM_CLIENTS")] as ApimClient[] | undefined) ?? [
      { ...defaults.apimClient, scopes: [...defaults.apimClient.scopes] },
    ],
  };
}
