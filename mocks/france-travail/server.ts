/** Starts the local France Travail gateway: `tsx mocks/france-travail/server.ts`. */
import { createFranceTravailMock } from "./app";
import { loadFranceTravailMockConfig } from "./config";

const config = loadFranceTravailMockConfig();
const { app } = await createFranceTravailMock(config);
app.listen(config.port, () => {
  console.log(
    `France Travail locale (API Liste des paiements, démonstration) : http://localhost:${config.port}`,
  );
});
