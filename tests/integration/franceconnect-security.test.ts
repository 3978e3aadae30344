/**
 * Every forged, replayed or broken answer of FranceConnect is refused: no session is created and
 * the citizen gets a French explanation.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { handleFranceConnectCallback } from "~/server/auth/citizen-login.server";
import { createFranceConnect } from "~/server/auth/franceconnect.server";
import type { Database } from "~/server/db/connection.server";
import { createDgfipClient } from "~/server/dgfip.server";
import { dgfipProvider } from "~/server/providers/dgfip.adapter.server";
import { createSessionStore } from "~/server/session.server";
import { createTestDatabase } from "../helpers/database";
import { type Misbehaviour, startFakeFranceConnect } from "../helpers/fake-franceconnect";
import { APP_ORIGIN, franceConnectConfig } from "../helpers/franceconnect";

// The DGFiP is out of scope here: unreachable, which must never block a login.
const dgfip = dgfipProvider(
  createDgfipClient({
    apiUrl: "http://127.0.0.1:9",
    tokenUrl: "http://127.0.0.1:9/token",
    clientId: "x",
    clientSecret: "y",
    timeoutMs: 500,
    retries: 0,
    budgetMs: 1_000,
  }),
  [],
);

let db: Database;
let fake: Awaited<ReturnType<typeof startFakeFranceConnect>>;
beforeAll(async () => {
  [db, fake] = await Promise.all([createTestDatabase(), startFakeFranceConnect()]);
});
afterAll(async () => {
  await Promise.all([db.close(), fake.close()]);
});
beforeEach(async () => {
  await db.prisma.session.deleteMany();
});

/** Starts a login with the app, then comes back to the callback as FranceConnect would. */
async function roundTrip(
  misbehaviour: Misbehaviour = {},
  options: {
    tamperState?: boolean;
    query?: Record<string, string>;
    idTokenAlg?: "ES256" | "RS256";
  } = {},
) {
  const fc = createFranceConnect(
    franceConnectConfig(fake.issuer, { idTokenAlg: options.idTokenAlg ?? "ES256" }),
  );
  const start = await fc.login(new Request(`${APP_ORIGIN}/auth/franceconnect`), "/");
  const authorize = new URL(start.headers.get("location") as string);
  const state = authorize.searchParams.get("state") as string;
  fake.prepare(authorize.searchParams.get("nonce") as string, misbehaviour);
  const cookies = start.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const query = options.query ?? {
    code: "fake-code",
    state: options.tamperState ? `${state.slice(0, -1)}x` : state,
  };
  const callback = new Request(
    `${APP_ORIGIN}/auth/franceconnect/callback?${new URLSearchParams(query)}`,
    { headers: { Cookie: cookies } },
  );
  const sessions = createSessionStore(db.prisma, { secure: false, ttlHours: 1 });
  return handleFranceConnectCallback(callback, {
    fc,
    prisma: db.prisma,
    sessions,
    providers: [dgfip],
    retryPauses: [],
  });
}

async function expectRefused(outcome: Awaited<ReturnType<typeof roundTrip>>, title: string) {
  expect(outcome).not.toBeInstanceOf(Response);
  if (outcome instanceof Response) return;
  expect(outcome.failure.title).toBe(title);
  expect(outcome.failure.message).toMatch(/[éèà]/); // French, for the citizen
  expect(await db.prisma.session.count()).toBe(0);
}

describe("FranceConnect callback", () => {
  it("accepts the well-behaved answer and opens a session (control case)", async () => {
    const outcome = await roundTrip();
    expect(outcome).toBeInstanceOf(Response);
    const response = outcome as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/mon-compte");
    expect(response.headers.getSetCookie().join("\n")).toMatch(
      /aj_session=[^;]+;.*HttpOnly.*SameSite=Lax/i,
    );
    expect(await db.prisma.session.count()).toBe(1);
    const citizen = await db.prisma.citizen.findUniqueOrThrow({ where: { fcSub: fake.sub } });
    expect(citizen).toMatchObject({ familyName: "DUBOIS", givenName: "Angela Claire Louise" });
    expect(await db.prisma.auditEvent.count({ where: { action: "citizen.logged_in" } })).toBe(1);
    // The DGFiP being unreachable did not block the login: it is asked again in the background
    // (here: not at all), and the page says so.
    const session = await db.prisma.session.findFirstOrThrow();
    expect(session.data).toMatchObject({ taxFetch: { status: "pending" } });
  });

  const forgedIdTokens: [string, Misbehaviour, ("ES256" | "RS256")?][] = [
    ["a bad id_token signature", { idTokenSigning: "tampered" }],
    ["an unsigned id_token (alg: none)", { idTokenSigning: "none" }],
    ["an unexpected algorithm (RS256 when ES256 is registered)", { idTokenSigning: "rs256" }],
    ["an unexpected algorithm (ES256 when RS256 is registered)", {}, "RS256"],
    ["an unknown signing key (kid)", { idTokenSigning: "unknown-kid" }],
    ["a wrong issuer", { idTokenClaims: { iss: "https://evil.example/api/v2" } }],
    ["a wrong audience", { idTokenClaims: { aud: "another-client" } }],
    ["an expired id_token", { idTokenClaims: { exp: Math.floor(Date.now() / 1000) - 600 } }],
    [
      "an id_token issued in the future (one hour ahead)",
      { idTokenClaims: { iat: Math.floor(Date.now() / 1000) + 3600 } },
    ],
    [
      "an id_token issued too long ago",
      { idTokenClaims: { iat: Math.floor(Date.now() / 1000) - 3600 } },
    ],
    ["a wrong nonce", { idTokenClaims: { nonce: "n".repeat(43) } }],
    ["a missing nonce", { idTokenClaims: { nonce: undefined } }],
    ["a wrong acr", { idTokenClaims: { acr: "eidas2" } }],
    ["a missing acr", { idTokenClaims: { acr: undefined } }],
  ];
  for (const [name, misbehaviour, alg] of forgedIdTokens) {
    it(`refuses ${name}`, async () => {
      await expectRefused(
        await roundTrip(misbehaviour, { idTokenAlg: alg }),
        "Identité non vérifiée",
      );
    });
  }

  it("refuses an unsigned userinfo", async () => {
    await expectRefused(await roundTrip({ userinfo: "json" }), "Identité non vérifiée");
  });

  it("refuses a userinfo signed by another key", async () => {
    await expectRefused(await roundTrip({ userinfo: "other-key" }), "Identité non vérifiée");
  });

  it("refuses a userinfo about another subject", async () => {
    const other = { userinfoClaims: { sub: `${"b".repeat(64)}v1` } };
    await expectRefused(await roundTrip(other), "Identité non vérifiée");
  });

  it("refuses a userinfo without the identité pivot", async () => {
    const incomplete = { userinfoClaims: { birthdate: undefined, family_name: "" } };
    await expectRefused(await roundTrip(incomplete), "Identité non vérifiée");
  });

  it("refuses a state that does not match the browser's", async () => {
    await expectRefused(await roundTrip({}, { tamperState: true }), "Connexion expirée");
  });

  it("refuses a callback without code or state", async () => {
    await expectRefused(await roundTrip({}, { query: { code: "x" } }), "Connexion expirée");
  });

  it("refuses a code FranceConnect does not accept", async () => {
    const outcome = await roundTrip({ tokenStatus: 400 });
    await expectRefused(outcome, "Connexion refusée par FranceConnect");
    if (!(outcome instanceof Response)) expect(outcome.failure.code).toBe("invalid_grant");
  });

  it("shows FranceConnect's error code", async () => {
    const outcome = await roundTrip(
      {},
      {
        query: { error: "invalid_scope", error_description: "scope not allowed", state: "x" },
      },
    );
    await expectRefused(outcome, "FranceConnect a signalé une erreur");
    if (!(outcome instanceof Response)) expect(outcome.failure.code).toBe("invalid_scope");
  });

  it("never shows a text of the URL that is not an error code", async () => {
    const outcome = await roundTrip(
      {},
      {
        query: {
          error: "Votre compte est bloqué, appelez le 08 99 …",
          error_description: `x\n${"y".repeat(10_000)}`,
          state: "x",
        },
      },
    );
    await expectRefused(outcome, "FranceConnect a signalé une erreur");
    if (!(outcome instanceof Response)) expect(outcome.failure.code).toBe("code_illisible");
  });

  it("sends a citizen who cancelled back home with a notice", async () => {
    const outcome = await roundTrip(
      {},
      {
        query: { error: "access_denied", error_description: "User auth aborted", state: "x" },
      },
    );
    expect(outcome).toBeInstanceOf(Response);
    expect((outcome as Response).headers.get("location")).toBe("/?connexion=annulee");
    expect(await db.prisma.session.count()).toBe(0);
  });
});

describe("FranceConnect login starts", () => {
  it("keep one state at a time: earlier attempts' cookies are cleared, never piled up", async () => {
    const fc = createFranceConnect(franceConnectConfig(fake.issuer));
    const jar = new Map<string, string>();
    const apply = (response: Response) => {
      for (const cookie of response.headers.getSetCookie()) {
        const [pair = ""] = cookie.split(";");
        const name = pair.slice(0, pair.indexOf("="));
        if (/expires=Thu, 01 Jan 1970/i.test(cookie) || /max-age=0/i.test(cookie)) jar.delete(name);
        else jar.set(name, pair);
      }
    };
    let last: Response | undefined;
    for (let attempt = 0; attempt < 40; attempt++) {
      const cookie = [...jar.values()].join("; ");
      last = await fc.login(
        new Request(`${APP_ORIGIN}/auth/franceconnect`, { headers: { Cookie: cookie } }),
        "/mon-compte",
      );
      apply(last);
    }
    // One state cookie and the return address, whatever the number of attempts.
    expect([...jar.keys()].filter((name) => name !== "fc_return")).toHaveLength(1);
    expect([...jar.values()].join("; ").length).toBeLessThan(1_000);
    // And the last attempt is the one that completes.
    const state = new URL(last?.headers.get("location") as string).searchParams.get("state");
    fake.prepare(
      new URL(last?.headers.get("location") as string).searchParams.get("nonce") as string,
    );
    const sessions = createSessionStore(db.prisma, { secure: false, ttlHours: 1 });
    const outcome = await handleFranceConnectCallback(
      new Request(
        `${APP_ORIGIN}/auth/franceconnect/callback?${new URLSearchParams({ code: "c", state: state ?? "" })}`,
        { headers: { Cookie: [...jar.values()].join("; ") } },
      ),
      { fc, prisma: db.prisma, sessions, providers: [dgfip], retryPauses: [] },
    );
    expect(outcome).toBeInstanceOf(Response);
  });
});

describe("FranceConnect unreachable", () => {
  it("at login: a clear error, nothing else", async () => {
    const fc = createFranceConnect(
      franceConnectConfig("http://127.0.0.1:9/api/v2", { timeoutMs: 1_000 }),
    );
    await expect(
      fc.login(new Request(`${APP_ORIGIN}/auth/franceconnect`), "/"),
    ).rejects.toMatchObject({
      kind: "unreachable",
    });
  });

  it("at the callback: no session, a French message", async () => {
    const fc = createFranceConnect(franceConnectConfig(fake.issuer));
    const start = await fc.login(new Request(`${APP_ORIGIN}/auth/franceconnect`), "/");
    const state = new URL(start.headers.get("location") as string).searchParams.get(
      "state",
    ) as string;
    const cookies = start.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    await fake.close();
    try {
      const sessions = createSessionStore(db.prisma, { secure: false, ttlHours: 1 });
      const outcome = await handleFranceConnectCallback(
        new Request(`${APP_ORIGIN}/auth/franceconnect/callback?code=c&state=${state}`, {
          headers: { Cookie: cookies },
        }),
        { fc, prisma: db.prisma, sessions, providers: [dgfip], retryPauses: [] },
      );
      await expectRefused(outcome, "FranceConnect est indisponible");
    } finally {
      fake = await startFakeFranceConnect();
    }
  });
});
