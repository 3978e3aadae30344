/**
 * Configuration of the local France Travail gateway (demo values only): `FT_MOCK_*`, read as
 * mocks/gateway/config.ts says.
 */
import { type GatewayConfig, loadGatewayConfig } from "../gateway/config";

/** France Travail as a data provider registered at FranceConnect (checktoken credentials). */
export const DEMO_FT_DATA_PROVIDER = {
  client_id: "france-travail-paiements-demo-00000000",
  client_secret: "demo-only-ft-checktoken-secret-000000000",
  scopes: ["api_fc-liste-paiementsv1"],
} as const;

/** The application as a client of France Travail's API gateway (client credentials). */
export const DEMO_FT_APIM_CLIENT = {
  client_id: "aide-juridictionnelle-ft-demo",
  client_secret: "demo-only-ft-apim-client-secret-0123456789",
  scopes: ["paiements"],
} as const;

export type FranceTravailMockConfig = GatewayConfig;

/**
 * `FT_MOCK_PORT` (3006), `FT_MOCK_FC_ISSUER` (http://localhost:3001/api/v2),
 * `FT_MOCK_FD_CLIENT_ID` / `FT_MOCK_FD_CLIENT_SECRET` (checktoken) and `FT_MOCK_APIM_CLIENTS` (JSON
 * array of `{ client_id, client_secret, scopes }`), the demo values by default.
 */
export function loadFranceTravailMockConfig(
  env: Record<string, string | undefined> = process.env,
): FranceTravailMockConfig {
  return loadGatewayConfig(
    "FT_MOCK",
    { port: 3006, dataProvider: DEMO_FT_DATA_PROVIDER, apimClient: DEMO_FT_APIM_CLIENT },
    env,
  );
}
