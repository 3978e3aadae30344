/** Configuration of the local DGFiP gateway (demo values only). */
import { z } from "zod";
import { DGFIP_SCOPES } from "../franceconnect/scopes";

/** The DGFiP as a data provider registered at FranceConnect (checktoken credentials). */
export const DEMO_DATA_PROVIDER = {
  client_id: "dgfip-impot-particulier-demo-0000000000",
  client_secret: "demo-only-dgfip-checktoken-secret-000000",
  scopes: Object.keys(DGFIP_SCOPES),
} as const;

/** The application as a client of the DGFiP's API gateway (APIM, client credentials). */
export const DEMO_APIM_CLIENT = {
  client_id: "aide-juridictionnelle-apim-demo",
  client_secret: "demo-only-apim-client-secret-0123456789",
  scopes: ["RessourceIR", "RessourceIRDerniere2"],
} as const;

const apimClient = z.object({
  client_id: z.string().min(1),
  client_secret: z.string().min(16),
  scopes: z.array(z.string()).min(1),
});

const schema = z.object({
  DGFIP_MOCK_PORT: z.coerce.number().int().min(1).max(65535).default(3002),
  DGFIP_MOCK_FC_ISSUER: z.url().default("http://localhost:3001/api/v2"),
  DGFIP_MOCK_FD_CLIENT_ID: z.string().min(32).default(DEMO_DATA_PROVIDER.client_id),
  DGFIP_MOCK_FD_CLIENT_SECRET: z.string().min(32).default(DEMO_DATA_PROVIDER.client_secret),
  DGFIP_MOCK_APIM_CLIENTS: z
    .string()
    .transform((text) => JSON.parse(text) as unknown)
    .pipe(z.array(apimClient))
    .optional(),
});

export type DgfipMockConfig = {
  port: number;
  franceConnectIssuer: string;
  dataProvider: { clientId: string; clientSecret: string };
  apimClients: z.infer<typeof apimClient>[];
};

export function loadDgfipMockConfig(
  env: Record<string, string | undefined> = process.env,
): DgfipMockConfig {
  const parsed = schema.parse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== "")));
  return {
    port: parsed.DGFIP_MOCK_PORT,
    franceConnectIssuer: parsed.DGFIP_MOCK_FC_ISSUER,
    dataProvider: {
      clientId: parsed.DGFIP_MOCK_FD_CLIENT_ID,
      clientSecret: parsed.DGFIP_MOCK_FD_CLIENT_SECRET,
    },
    apimClients: parsed.DGFIP_MOCK_APIM_CLIENTS ?? [
      { ...DEMO_APIM_CLIENT, scopes: [...DEMO_APIM_CLIENT.scopes] },
    ],
  };
}
