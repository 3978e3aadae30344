/** Starts the local DGFiP gateway: `tsx mocks/dgfip/server.ts`. */
import { createDgfipMock } from "./app";
import { loadDgfipMockConfig } from "./config";

const config = loadDgfipMockConfig();
const { app } = await createDgfipMock(config);
app.listen(config.port, () => {
  console.log(
    `DGFiP locale (API Impôt particulier, démonstration) : http://localhost:${config.port}`,
  );
});
