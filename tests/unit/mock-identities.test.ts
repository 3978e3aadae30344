/**
 * The local FranceConnect's accounts: the demo identities, and the generated test accounts of the
 * load and fault tests, which exist only when asked for (FC_MOCK_GENERATED_IDENTITIES).
 */
import { describe, expect, it } from "vitest";
import { loadMockConfig } from "../../mocks/franceconnect/config";
import { DEMO_IDENTITIES, findIdentity } from "../../mocks/franceconnect/identities";

describe("the local FranceConnect's accounts", () => {
  it("knows the demo identities, and no generated account by default", () => {
    expect(findIdentity("test")?.identity.family_name).toBe("DUBOIS");
    // The person who lost her job, whom France Travail pays (mocks/france-travail/dataset.ts).
    expect(findIdentity("perte_emploi")?.identity).toMatchObject({
      given_name: "Sophie",
      family_name: "LAMBERT",
      birthdate: "1985-05-14",
      gender: "female",
    });
    expect(new Set(DEMO_IDENTITIES.map((demo) => demo.login)).size).toBe(DEMO_IDENTITIES.length);
    expect(findIdentity("usager-1")).toBeUndefined();
    expect(loadMockConfig({}).generatedIdentities).toBe(0);
  });

  it("generates distinct people up to the configured count", () => {
    expect(loadMockConfig({ FC_MOCK_GENERATED_IDENTITIES: "300" }).generatedIdentities).toBe(300);
    const people = [1, 2, 300].map((number) => findIdentity(`usager-${number}`, 300));
    expect(people.map((person) => person?.identity.family_name)).toEqual([
      "USAGER1",
      "USAGER2",
      "USAGER300",
    ]);
    expect(new Set(people.map((person) => person?.identity.birthdate)).size).toBe(3);
    for (const login of ["usager-301", "usager-0", "usager-01", "usager-1 ", "USAGER-1"]) {
      expect(findIdentity(login, 300), login).toBeUndefined();
    }
  });
});
