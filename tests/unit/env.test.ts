import { generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DEMO_PROVIDER_VALUES,
  DEMO_SECRETS,
  databaseTarget,
  EnvError,
  parseEnv,
} from "~/server/env.server";
import { feedbackOf } from "~/server/feedback.server";

describe("parseEnv", () => {
  it("gives working defaults for the embedded demo", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      NODE_ENV: "development",
      PORT: 3000,
      EMBEDDED_DB_DIR: ".data/pglite",
      MIGRATE_ON_START: true,
    });
    expect(env.DATABASE_URL).toBeUndefined();
    expect(databaseTarget(env)).toEqual({ kind: "embedded", dataDir: ".data/pglite" });
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    const env = parseEnv({ DATABASE_URL: "postgresql://aj:secret@db:5432/aj" });
    expect(databaseTarget(env)).toEqual({
      kind: "postgres",
      url: "postgresql://aj:secret@db:5432/aj",
    });
  });

  it("treats an empty variable as unset", () => {
    expect(parseEnv({ PORT: "", DATABASE_URL: "" })).toMatchObject({ PORT: 3000 });
  });

  it("parses flags and numbers", () => {
    expect(parseEnv({ PORT: "8080", MIGRATE_ON_START: "false" })).toMatchObject({
      PORT: 8080,
      MIGRATE_ON_START: false,
    });
  });

  it("lists every problem at once, in French, naming each variable", () => {
    let error: unknown;
    try {
      parseEnv({
        NODE_ENV: "staging",
        PORT: "http",
        DATABASE_URL: "mysql://db/aj",
        MIGRATE_ON_START: "yes",
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    const envError = error as EnvError;
    expect(envError.problems).toHaveLength(4);
    expect(envError.message).toContain("Configuration invalide (4 problèmes)");
    for (const name of ["NODE_ENV", "PORT", "DATABASE_URL", "MIGRATE_ON_START"]) {
      expect(envError.message).toMatch(new RegExp(`- ${name} `));
    }
    expect(envError.message).toContain("doit être une URL postgresql://");
  });

  it("refuses a port out of range", () => {
    expect(() => parseEnv({ PORT: "70000" })).toThrow(/PORT doit être compris entre 1 et 65535/);
  });

  it("fills the FranceConnect demo values outside production only", () => {
    const env = parseEnv({});
    expect(env.FC_ISSUER).toBe("http://localhost:3001/api/v2");
    expect(env.SESSION_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("refuses to start in production without its secrets, naming each", () => {
    let caught: unknown;
    try {
      parseEnv({ NODE_ENV: "production", PORT: "nope" });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EnvError);
    const problems = (caught as EnvError).problems.join("\n");
    for (const name of [
      "SESSION_SECRET",
      "FC_ISSUER",
      "FC_CLIENT_ID",
      "FC_CLIENT_SECRET",
      "PROCONNECT_ISSUER",
      "PROCONNECT_CLIENT_ID",
      "PROCONNECT_CLIENT_SECRET",
      "DGFIP_API_URL",
      "DGFIP_CLIENT_ID",
      "DGFIP_CLIENT_SECRET",
      "SMTP_URL",
    ]) {
      expect(problems).toContain(`${name} est obligatoire en production`);
    }
    expect(problems).toContain("PORT");
  });

  it("enables the data providers by configuration, France Travail's values required when it is", () => {
    expect(parseEnv({})).toMatchObject({
      DATA_PROVIDERS: ["dgfip", "france-travail"],
      FRANCE_TRAVAIL_API_URL: "http://localhost:3006",
    });
    expect(parseEnv({ DATA_PROVIDERS: "dgfip" })).toMatchObject({ DATA_PROVIDERS: ["dgfip"] });
    expect(parseEnv({ DATA_PROVIDERS: "dgfip" }).FRANCE_TRAVAIL_CLIENT_ID).toBeUndefined();
    const problemsOf = (source: Record<string, string>) => {
      try {
        parseEnv(source);
        return "";
      } catch (error) {
        return (error as EnvError).problems.join("\n");
      }
    };
    expect(problemsOf({ DATA_PROVIDERS: "dgfip,cnam" })).toMatch(
      /DATA_PROVIDERS\.1 valeurs possibles : dgfip, france-travail/,
    );
    expect(problemsOf({ DATA_PROVIDERS: "france-travail" })).toMatch(
      /DATA_PROVIDERS doit contenir dgfip/,
    );
    // In production: the DGFiP alone unless told; France Travail's values then required.
    const production = { NODE_ENV: "production", DATA_PROVIDERS: "dgfip,france-travail" };
    const problems = problemsOf(production);
    for (const name of [
      "FRANCE_TRAVAIL_API_URL",
      "FRANCE_TRAVAIL_CLIENT_ID",
      "FRANCE_TRAVAIL_CLIENT_SECRET",
    ]) {
      expect(problems).toContain(`${name} est obligatoire en production quand DATA_PROVIDERS`);
    }
    expect(problemsOf({ NODE_ENV: "production" })).not.toContain("FRANCE_TRAVAIL");
  });

  it("requires https in production, except on localhost", () => {
    const production = {
      NODE_ENV: "production",
      SESSION_SECRET: "s".repeat(32),
      FC_ISSUER: "https://oidc.franceconnect.gouv.fr/api/v2",
      FC_CLIENT_ID: "id",
      FC_CLIENT_SECRET: "secret",
      PROCONNECT_ISSUER: "https://auth.agentconnect.gouv.fr/api/v2",
      PROCONNECT_CLIENT_ID: "pc-id",
      PROCONNECT_CLIENT_SECRET: "pc-secret",
      DGFIP_API_URL: "https://gateway.dgfip.example",
      DGFIP_CLIENT_ID: "apim-id",
      DGFIP_CLIENT_SECRET: "apim-secret",
      SMTP_URL: "smtps://aj:secret@smtp.example.fr:465",
      AUDIT_SIGNING_KEY: JSON.stringify(
        generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" }),
      ),
    };
    expect(() => parseEnv({ ...production, AUDIT_SIGNING_KEY: '{"kty":"RSA"}' })).toThrow(
      /AUDIT_SIGNING_KEY doit être une clé privée Ed25519/,
    );
    expect(() => parseEnv({ ...production, APP_URL: "http://aj.justice.fr" })).toThrow(
      /APP_URL doit être en https en production/,
    );
    expect(parseEnv({ ...production, APP_URL: "https://aj.justice.fr" }).APP_URL).toBe(
      "https://aj.justice.fr",
    );
    expect(parseEnv({ ...production, APP_URL: "http://localhost:3000" }).NODE_ENV).toBe(
      "production",
    );
    // « Je donne mon avis »: off in production unless the démarche is given.
    expect(feedbackOf(parseEnv({ ...production, APP_URL: "https://aj.justice.fr" }))).toBeNull();
    expect(
      feedbackOf(
        parseEnv({
          ...production,
          APP_URL: "https://aj.justice.fr",
          JDMA_DEMARCHE_ID: "4242",
          JDMA_BUTTON_ID: "17",
        }),
      ),
    ).toEqual({
      href: "https://jedonnemonavis.numerique.gouv.fr/Demarches/4242?button=17",
      image: "https://jedonnemonavis.numerique.gouv.fr/static/bouton-bleu-clair.svg",
    });
  });

  it("shows the observatory's test démarche outside production, and refuses a wrong identifier", () => {
    expect(feedbackOf(parseEnv({}))?.href).toBe(
      "https://jedonnemonavis.numerique.gouv.fr/Demarches/3119",
    );
    expect(() => parseEnv({ JDMA_DEMARCHE_ID: "3119/../admin" })).toThrow(
      /JDMA_DEMARCHE_ID doit être l'identifiant numérique de la démarche/,
    );
  });

  it("refuses the published demo secrets in production, except in the local demonstration", () => {
    const production = {
      ...DEMO_SECRETS,
      NODE_ENV: "production",
      DATA_PROVIDERS: "dgfip,france-travail",
      ...DEMO_PROVIDER_VALUES,
    };
    let problems: string[] = [];
    try {
      parseEnv(production);
    } catch (error) {
      problems = (error as EnvError).problems;
    }
    for (const name of [
      "SESSION_SECRET",
      "FC_CLIENT_SECRET",
      "PROCONNECT_CLIENT_SECRET",
      "DGFIP_CLIENT_SECRET",
      "AUDIT_SIGNING_KEY",
      "FRANCE_TRAVAIL_CLIENT_SECRET",
    ]) {
      expect(problems).toContain(
        `${name} vaut la valeur de démonstration publiée avec le code : donnez le vôtre en production`,
      );
    }
    expect(problems).toContain("APP_URL est obligatoire en production");
    // Identifiers and addresses are not secrets: not refused.
    expect(problems.join("\n")).not.toMatch(/FC_CLIENT_ID|DGFIP_API_URL/);
    expect(parseEnv({ ...production, DEMO_MODE: "true" }).DEMO_MODE).toBe(true);
    // Outside production the demo values are the defaults.
    expect(parseEnv({}).SESSION_SECRET).toBe(DEMO_SECRETS.SESSION_SECRET);
  });

  it("refuses a short session secret", () => {
    expect(() => parseEnv({ SESSION_SECRET: "short" })).toThrow(
      /SESSION_SECRET doit contenir au moins 32 caractères/,
    );
  });
});
