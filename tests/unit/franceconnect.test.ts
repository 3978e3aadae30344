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
