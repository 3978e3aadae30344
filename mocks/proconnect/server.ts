/** Starts the local ProConnect: `tsx mocks/proconnect/server.ts`. */
import { createProConnectMock } from "./app";
import { loadProConnectMockConfig } from "./config";

const config = loadProConnectMockConfig();
const { app } = await createProConnectMock(config);
app.listen(config.port, () => {
  console.log(`ProConnect local (démonstration) : ${config.issuer}`);
});
