/**
 * A test double of an OpenID provider as FranceConnect and ProConnect speak it (discovery, JWKS,
 * token, signed userinfo) that misbehaves on demand: forged signatures, wrong claims, unsigned
 * answers… `startFakeFranceConnect` plays FranceConnect; other providers pass their own profile
 * to `startFakeOidcProvider` (see fake-proconnect.ts).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

type Keys = { privateKey: CryptoKey; jwk: JWK };

async function key(alg: "ES256" | "RS256", kid: string): Promise<Keys> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: "sig" } };
}

export type Misbehaviour = {
  /** Claims merged over the correct id_token claims (undefined removes a claim). */
  idTokenClaims?: Record<string, unknown>;
  /** How the id_token is signed. */
  idTokenSigning?: "ok" | "tampered" | "none" | "rs256" | "unknown-kid";
  userinfo?: "jwt" | "json" | "other-key";
  userinfoClaims?: Record<string, unknown>;
  tokenStatus?: number;
};

/** What a provider answers when it behaves. */
export type FakeProviderProfile = {
  clientId: string;
  sub: string;
  /** Claims of the id_token besides iss, aud, sub, iat, exp and nonce. */
  idTokenClaims: Record<string, unknown>;
  /** Claims of the userinfo besides iss, aud and sub. */
  userinfoClaims: Record<string, unknown>;
};

export const FRANCECONNECT_PROFILE: FakeProviderProfile = {
  clientId: "aide-juridictionnelle-demo",
  sub: `${"a".repeat(64)}v1`,
  idTokenClaims: { acr: "eidas1" },
  userinfoClaims: {
    given_name: "Angela Claire Louise",
    family_name: "DUBOIS",
    birthdate: "1962-08-24",
    gender: "female",
    birthplace: "75107",
    birthcountry: "99100",
    email: "wossewodda-3728@yopmail.com",
  },
};

export function startFakeFranceConnect() {
  return startFakeOidcProvider(FRANCECONNECT_PROFILE);
}

export async function startFakeOidcProvider(profile: FakeProviderProfile) {
  const es256 = await key("ES256", "published-es256");
  const rs256 = await key("RS256", "published-rs256");
  const unpublished = await key("ES256", "unpublished");
  const state: { nonce: string; misbehaviour: Misbehaviour } = { nonce: "", misbehaviour: {} };
  let issuer = "";
  const { clientId, sub } = profile;

  async function sign(claims: Record<string, unknown>, signing: Misbehaviour["idTokenSigning"]) {
    const payload = Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined));
    if (signing === "none") {
      const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
      return `${encode({ alg: "none", typ: "JWT" })}.${encode(payload)}.`;
    }
    const { privateKey, jwk } =
      signing === "rs256" ? rs256 : signing === "unknown-kid" ? unpublished : es256;
    const jwt = await new SignJWT(payload)
      .setProtectedHeader({ alg: jwk.alg as string, kid: jwk.kid as string })
      .sign(privateKey);
    if (signing !== "tampered") return jwt;
    const [header, body, signature = ""] = jwt.split(".");
    const flipped = `${signature.startsWith("A") ? "B" : "A"}${signature.slice(1)}`;
    return `${header}.${body}.${flipped}`;
  }

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", issuer);
    const m = state.misbehaviour;
    const now = Math.floor(Date.now() / 1000);
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { "Content-Type": type });
      res.end(body);
    };
    if (url.pathname.endsWith("/.well-known/openid-configuration")) {
      return send(
        200,
        "application/json",
        JSON.stringify({
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/userinfo`,
          jwks_uri: `${issuer}/jwks`,
          end_session_endpoint: `${issuer}/session/end`,
        }),
      );
    }
    if (url.pathname.endsWith("/jwks")) {
      return send(200, "application/json", JSON.stringify({ keys: [es256.jwk, rs256.jwk] }));
    }
    if (url.pathname.endsWith("/token")) {
      if (m.tokenStatus && m.tokenStatus !== 200) {
        return send(m.tokenStatus, "application/json", JSON.stringify({ error: "invalid_grant" }));
      }
      const idToken = await sign(
        {
          iss: issuer,
          aud: clientId,
          sub,
          iat: now,
          exp: now + 60,
          nonce: state.nonce,
          ...profile.idTokenClaims,
          ...m.idTokenClaims,
        },
        m.idTokenSigning ?? "ok",
      );
      return send(
        200,
        "application/json",
        JSON.stringify({
          access_token: "fake-access-token",
          token_type: "Bearer",
          expires_in: 60,
          id_token: idToken,
        }),
      );
    }
    if (url.pathname.endsWith("/userinfo")) {
      const claims = {
        iss: issuer,
        aud: clientId,
        sub,
        ...profile.userinfoClaims,
        ...m.userinfoClaims,
      };
      if (m.userinfo === "json") return send(200, "application/json", JSON.stringify(claims));
      const jwt = await sign(claims, m.userinfo === "other-key" ? "unknown-kid" : "ok");
      return send(200, "application/jwt", jwt);
    }
    send(404, "text/plain", "not found");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2`;

  return {
    get issuer() {
      return issuer;
    },
    sub,
    clientId,
    /** Sets what the next token and userinfo answers will do, and the nonce they carry. */
    prepare(nonce: string, misbehaviour: Misbehaviour = {}) {
      state.nonce = nonce;
      state.misbehaviour = misbehaviour;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
