import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { frenchDate, todayInFrance } from "~/domain/french";
import { deriveNonce, safeLocalPath } from "~/server/auth/franceconnect.server";

describe("safeLocalPath", () => {
  it("keeps paths of this site", () => {
    expect(safeLocalPath("/mon-compte")).toBe("/mon-compte");
    expect(safeLocalPath("/mes-demandes?page=2#x")).toBe("/mes-demandes?page=2#x");
  });

  it("refuses anything that leaves the site", () => {
    for (const value of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example/x",
      "/\t/evil.example",
      "javascript:alert(1)",
      "mon-compte",
      "",
      null,
      42,
    ]) {
      expect(safeLocalPath(value)).toBe("/");
    }
  });

  /** What a browser does with the answer: it must stay on this site, on that very path. */
  function staysHere(path: string) {
    const site = "https://aide.example";
    const url = new URL(path, `${site}/some/page?x=1`);
    expect(url.origin).toBe(site);
    expect(path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\")).toBe(true);
    expect(url.pathname + url.search + url.hash).toBe(path);
  }

  it("never answers another site once browsers normalise it (dot segments, doubled slashes…)", () => {
    const prefixes = ["/", "/./", "/../", "/a/../", "/a/b/../../", "/%2e/", "/%2e%2e/", "/.%2e/"];
    const middles = ["", ".", "..", "./", "../", "/", "\\", "%2f", "%5c", "\t", "\n", "%09"];
    const hosts = [
      "/evil.example",
      "\\evil.example",
      "evil.example",
      "/\\evil.example",
      "@evil.example",
    ];
    const payloads = prefixes.flatMap((prefix) =>
      middles.flatMap((middle) => hosts.map((host) => `${prefix}${middle}${host}`)),
    );
    payloads.push(
      "/.//evil.example",
      "/x/..//evil.example",
      "/\t/\t/evil.example",
      "/ /evil.example",
    );
    expect(payloads.length).toBeGreaterThan(400);
    for (const payload of payloads) {
      const kept = safeLocalPath(payload);
      staysHere(kept);
      expect(kept).not.toMatch(/^\/\/|^\/\\/);
    }
  });

  it("keeps the invariant for any string", () => {
    const pieces = fc.constantFrom(
      "/",
      "\\",
      ".",
      "..",
      "%2e",
      "%2f",
      "\t",
      "\n",
      "evil.example",
      "@",
      ":",
      "?",
      "#",
      "a",
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces).map((parts) => parts.join("")),
        ),
        (value) => {
          staysHere(safeLocalPath(value));
        },
      ),
      { numRuns: 5_000 },
    );
  });
});

describe("deriveNonce", () => {
  it("is long enough for FranceConnect, stable for a state, different across states and secrets", () => {
    const nonce = deriveNonce("secret-a", "state-1");
    expect(nonce.length).toBeGreaterThanOrEqual(32);
    expect(deriveNonce("secret-a", "state-1")).toBe(nonce);
    expect(deriveNonce("secret-a", "state-2")).not.toBe(nonce);
    expect(deriveNonce("secret-b", "state-1")).not.toBe(nonce);
  });
});

describe("frenchDate", () => {
  it("writes dates the French way", () => {
    expect(frenchDate("1962-08-24")).toBe("24 août 1962");
    expect(frenchDate("1992-11-01")).toBe("1er novembre 1992");
    expect(frenchDate("not a date")).toBe("not a date");
  });
});

describe("todayInFrance", () => {
  it("is the date in Paris, not in UTC", () => {
    expect(todayInFrance(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(todayInFrance(new Date("2026-07-01T21:59:00Z"))).toBe("2026-07-01");
  });
});
