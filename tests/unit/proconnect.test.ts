import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { deriveNonce } from "~/server/auth/franceconnect.server";
import { deriveOidcNonce } from "~/server/auth/oidc.server";
import {
  createProConnect,
  PC_ACCEPTED_ACR,
  type ProConnectIdentity,
  proConnectClaims,
  proConnectIdentitySchema,
} from "~/server/auth/proconnect.server";

describe("nonce derivation", () => {
  it("keeps FranceConnect's nonce byte for byte, and gives ProConnect its own", () => {
    const legacy = createHmac("sha256", "secret")
      .update("franceconnect-nonce:state-1")
      .digest("base64url");
    expect(deriveNonce("secret", "state-1")).toBe(legacy);
    expect(deriveOidcNonce("franceconnect", "secret", "state-1")).toBe(legacy);
    const pc = deriveOidcNonce("proconnect", "secret", "state-1");
    expect(pc).not.toBe(legacy);
    expect(pc.length).toBeGreaterThanOrEqual(32);
  });
});

describe("ProConnect rules", () => {
  it("asks eidas1 at least, essential, and the amr", () => {
    expect(PC_ACCEPTED_ACR).not.toContain("eidas0");
    expect(JSON.parse(proConnectClaims(PC_ACCEPTED_ACR))).toEqual({
      id_token: {
        acr: { essential: true, values: ["eidas1", "eidas1-mfa", "eidas2", "eidas3"] },
        amr: { essential: false },
      },
    });
  });

  it("refuses a configuration accepting no acr at all", () => {
    expect(() =>
      createProConnect({
        issuer: "https://proconnect.example/api/v2",
        clientId: "c",
        clientSecret: "s",
        redirectUri: "https://app.example/bureau/auth/callback",
        postLogoutRedirectUri: "https://app.example/bureau",
        idTokenAlg: "ES256",
        nonceSecret: "n",
        timeoutMs: 1_000,
        secureCookies: true,
        acceptedAcr: [],
      }),
    ).toThrow();
  });

  it("requires sub, email, names and idp_id; uid, siret and organizational_unit are optional", () => {
    const minimal: ProConnectIdentity = {
      sub: "s",
      idp_id: "i",
      email: "agent@justice.gouv.fr",
      given_name: "Jean",
      usual_name: "MARTIN",
    };
    expect(proConnectIdentitySchema.parse({ ...minimal, siret: null, uid: "" })).toEqual(minimal);
    for (const key of Object.keys(minimal)) {
      expect(proConnectIdentitySchema.safeParse({ ...minimal, [key]: undefined }).success).toBe(
        false,
      );
    }
    expect(proConnectIdentitySchema.safeParse({ ...minimal, email: "not-an-email" }).success).toBe(
      false,
    );
  });
});
