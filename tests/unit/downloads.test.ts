/**
 * The back-office's downloads (app/server/agent/downloads.server.ts): which paths are downloads,
 * and the page a login on the way to one comes back to.
 */
import { describe, expect, it } from "vitest";
import { isAgentDownload, returnPathOf } from "~/server/agent/downloads.server";

const ID = "0b6c3f1e-1111-4222-8333-944444444444";

describe("the back-office's downloads", () => {
  it("are the exports, the signed checkpoints and a decision's letter", () => {
    for (const path of [
      "/bureau/export.csv",
      "/bureau/statistiques.csv",
      "/bureau/journal.json",
      `/bureau/demandes/${ID}/decision`,
    ]) {
      expect(isAgentDownload(path), path).toBe(true);
    }
    for (const path of [
      "/bureau",
      "/bureau/journal",
      `/bureau/demandes/${ID}`,
      `/bureau/demandes/${ID}/document/decision`,
      `/mes-demandes/${ID}/decision`,
    ]) {
      expect(isAgentDownload(path), path).toBe(false);
    }
  });

  it("send a login on the way to them back to their page, with the query", () => {
    expect(returnPathOf("/bureau/export.csv", "?onglet=toutes&q=dubois")).toBe(
      "/bureau?onglet=toutes&q=dubois",
    );
    expect(returnPathOf("/bureau/statistiques.csv", "?du=2026-01-01")).toBe(
      "/bureau/statistiques?du=2026-01-01",
    );
    expect(returnPathOf("/BUREAU/Journal.json/", "")).toBe("/bureau/journal");
    expect(returnPathOf(`/bureau/demandes/${ID}/decision`, "")).toBe(`/bureau/demandes/${ID}`);
    // Pages come back to themselves, as asked.
    expect(returnPathOf(`/bureau/demandes/${ID}/document/decision`, "")).toBe(
      `/bureau/demandes/${ID}/document/decision`,
    );
    expect(returnPathOf("/bureau", "?onglet=a-signer")).toBe("/bureau?onglet=a-signer");
  });
});
