/**
 * Run after every journey of both projects (playwright.config.ts: the "logs" project depends on
 * them): the server's log (every instance's), written to LOG_FILE during the whole suite —
 * citizens' and agents' journeys, the bad inputs of security.test.ts, the DGFiP's faults — is JSON
 * lines with a request id, and holds no personal or tax datum of the demo's people: no name, birth
 * date, e-mail, address, income, nor the text of a case.
 */
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { TAXPAYERS } from "../../mocks/dgfip/dataset";
import { DEMO_IDENTITIES } from "../../mocks/franceconnect/identities";
import { serverLogFiles } from "./log-file";

/** What the journeys type that is about a person's case (tests/e2e/citizen.ts, journey.test.ts). */
const CASE_TEXTS = [
  "Mon propriétaire me réclame",
  "On m'a volé ma voiture",
  "Mon audience est fixée",
  "Tribunal de proximité de Paris, audience",
  "Merci de votre réponse rapide",
  "06 12 34 56 78",
  "0612345678",
];

test("the server's log holds no personal or tax data", () => {
  const files = serverLogFiles();
  expect(files.length).toBeGreaterThan(0);
  const text = files.map((file) => readFileSync(file, "utf8")).join("");
  const lines = text.split("\n").filter(Boolean);
  expect(lines.length).toBeGreaterThan(300);
  const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  // Every request's lines carry its id.
  const requests = entries.filter((entry) => entry.message === "requête");
  expect(requests.length).toBeGreaterThan(300);
  for (const entry of requests) expect(entry.requestId).toMatch(/^[0-9a-f-]{36}$/);

  const forbidden = new Set<string>(CASE_TEXTS);
  for (const { identity } of DEMO_IDENTITIES) {
    forbidden.add(identity.family_name);
    for (const name of identity.given_name.split(" ")) if (name.length > 3) forbidden.add(name);
    forbidden.add(identity.birthdate);
    forbidden.add(identity.email);
  }
  // The generated people of the load and fault tests (http-journeys.ts).
  forbidden.add("USAGER");
  forbidden.add("usager-");
  for (const payer of TAXPAYERS) {
    for (const situation of Object.values(payer.years)) forbidden.add(situation.aft);
  }
  const found = [...forbidden].filter((value) => text.includes(value));
  expect(found, "personal data in the log").toEqual([]);
  // No tax figure under its name either.
  expect(text).not.toMatch(/"(rfr|nbPart|sitFam|aft)"/);
});
