import { describe, expect, it } from "vitest";
import {
  clean,
  currentRequestId,
  errorFields,
  withoutPersonalData,
  withRequestId,
} from "~/server/log.server";

describe("the log's cleaning", () => {
  it("escapes control characters, so that a value cannot forge a line", () => {
    expect(clean("a\nb\r\u001b[31mc\u0000")).toBe("a\\nb\\u000d\\u001b[31mc\\u0000");
  });

  it("caps the length and masks e-mail addresses", () => {
    expect(clean("x".repeat(1_000), 10)).toBe(`${"x".repeat(10)}…`);
    expect(clean("550 <jeanne.leroy-demo@yopmail.com>: unknown user")).toBe(
      "550 <[adresse électronique]>: unknown user",
    );
  });

  it("keeps a database error's type and code, never its message (it quotes the data)", () => {
    class PrismaClientValidationError extends Error {}
    const error = new PrismaClientValidationError(
      "Invalid `prisma.application.update()` invocation: { description: 'Mon propriétaire…' }",
    );
    Object.assign(error, { code: "P2000" });
    const fields = errorFields(error);
    expect(fields).toEqual({ type: "PrismaClientValidationError", code: "P2000" });
    expect(JSON.stringify(fields)).not.toContain("propriétaire");
  });

  it("keeps other errors' message (cleaned) and where they happened", () => {
    const fields = errorFields(new Error("délai\ndépassé"));
    expect(fields.message).toBe("délai\\ndépassé");
    expect(String(fields.stack)).toContain("log.test.ts");
    expect(String(fields.stack)).not.toContain("délai");
  });

  it("gives each request's lines its id, through asynchronous work", async () => {
    expect(currentRequestId()).toBeUndefined();
    const seen = await withRequestId("req-1", async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentRequestId();
    });
    expect(seen).toBe("req-1");
  });
});

describe("personal data in a logged object", () => {
  it("are replaced wherever a personal key appears, down to two levels below", () => {
    const logged = {
      email: "jeanne@example.org",
      citizen: { givenName: "Jeanne", id: "c-1" },
      records: [{ rfr: 13_000, year: 2025 }],
      deep: { a: { b: { givenName: "trop profond" } } },
      status: 200,
    };
    expect(withoutPersonalData(logged)).toEqual({
      email: "[retiré]",
      citizen: { givenName: "[retiré]", id: "c-1" },
      records: [{ rfr: "[retiré]", year: 2025 }],
      deep: { a: { b: { givenName: "trop profond" } } },
      status: 200,
    });
    // The logged object itself is left as it was.
    expect(logged.citizen.givenName).toBe("Jeanne");
  });

  it("copies nothing when there is nothing to replace, and leaves errors to their serializer", () => {
    const logged = { method: "GET", path: "/", nested: { ms: 3 } };
    expect(withoutPersonalData(logged)).toBe(logged);
    const error = Object.assign(new Error("x"), { email: "a@b.c" });
    expect(withoutPersonalData({ err: error }).err).toBe(error);
  });
});
