/** Starts the local FranceConnect: `tsx mocks/franceconnect/server.ts`. */
import { createFranceConnectMock } from "./app";
import { loadMockConfig } from "./config";

const config = loadMockConfig();
const { app } = await createFranceConnectMock(config);
app.listen(config.port, () => {
  console.log(`FranceConnect local (démonstration) : ${config.issuer}`);
});
