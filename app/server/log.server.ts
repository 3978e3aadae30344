/**
 * The service's log (docs/securite.md): one JSON object per line (pino), with the request's id on
 * every line written while serving it, and never a personal or tax datum. What comes from outside
 * (a provider's error text, an error message) is cleaned first: control characters escaped, length
 * capped, so that it can neither forge lines nor flood the log. Errors of the database client are
 * logged by their type and code only: their message quotes the data that was being written.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import pino, { type Logger } from "pino";
import { currentRequestId, withRequestContext } from "./request-context.server";

export { currentRequestId };

/** Runs `fn` as part of the request `requestId`: its log lines carry that id. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return withRequestContext(requestId, fn);
}

/** Control characters escaped (\n, \u001b…), at most `max` characters. */
export function clean(value: unknown, max = 300): string {
  const text = typeof value === "string" ? value : String(value);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point.
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) =>
    c === "\n" ? "\\n" : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  // An e-mail address in an error (a mail server's refusal quotes the recipient) is personal data.
  const masked = escaped.replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, "[adresse électronique]");
  return masked.length > max ? `${masked.slice(0, max)}…` : masked;
}

/** An error as the log keeps it. */
export function errorFields(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: clean(error) };
  const code = (error as { code?: unknown }).code;
  if (error.name.startsWith("PrismaClient") || error.constructor.name.startsWith("PrismaClient")) {
    return { type: error.constructor.name, ...(typeof code === "string" ? { code } : {}) };
  }
  return {
    type: error.name,
    message: clean(error.message),
    ...(typeof code === "string" ? { code: clean(code, 40) } : {}),
    // Where it happened, without the first line (the message again).
    stack: clean(error.stack?.split("\n").slice(1, 9).join("\n") ?? "", 1_500),
  };
}

/**
 * Keys that hold personal or tax data wherever they appear in a logged object: replaced, in case a
 * future call logs an object it should not.
 */
const PERSONAL_KEYS = [
  "givenName",
  "familyName",
  "given_name",
  "family_name",
  "birthdate",
  "birthplace",
  "email",
  "contactEmail",
  "fcEmail",
  "contactPhone",
  "address",
  "correspondenceAddress",
  "aft",
  "rfr",
  "description",
  "adverseParty",
  "lawyerName",
  "payload",
  "situation",
  "body",
  "cookie",
  "authorization",
];

const PERSONAL = new Set(PERSONAL_KEYS);

/**
 * `value` with the value of every personal key replaced, on the logged object and two levels below
 * it (arrays count as a level). Only what changes is copied; errors and other class instances are
 * left to their serializers. Written once for every line: pino's own redaction parses its 66 paths
 * and copies the object at every line (3 % of a loaded server's time).
 */
export function withoutPersonalData<T>(value: T, levels = 3): T {
  if (levels === 0 || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const cleaned = withoutPersonalData(item, levels - 1);
      if (cleaned === item) return;
      copy ??= [...value];
      copy[index] = cleaned;
    });
    return (copy ?? value) as T;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) continue;
    const cleaned = PERSONAL.has(key) ? "[retiré]" : withoutPersonalData(item, levels - 1);
    if (cleaned === item) continue;
    copy ??= { ...(value as Record<string, unknown>) };
    copy[key] = cleaned;
  }
  return (copy ?? value) as T;
}

let instance: Logger | undefined;

/**
 * The log. Lines go to the standard output, and also to LOG_FILE when set (the end-to-end tests read
 * it to check that nothing personal was written).
 */
export function log(): Logger {
  if (!instance) {
    // Validated with the rest of the configuration at start (env.server.ts); read here directly so
    // that the log works before, and in scripts and tests.
    const level = (process.env.LOG_LEVEL ?? "info") as pino.Level;
    const file = process.env.LOG_FILE;
    if (file) mkdirSync(path.dirname(file), { recursive: true });
    const destination = file
      ? pino.multistream([
          { stream: pino.destination(1), level },
          { stream: pino.destination({ dest: file, sync: true, append: true }), level },
        ])
      : pino.destination(1);
    instance = pino(
      {
        level,
        base: { service: "aide-juridictionnelle" },
        timestamp: pino.stdTimeFunctions.isoTime,
        messageKey: "message",
        formatters: {
          level: (label) => ({ level: label }),
          log: (object) => withoutPersonalData(object),
        },
        mixin: () => {
          const requestId = currentRequestId();
          return requestId ? { requestId } : {};
        },
        serializers: { err: errorFields, error: errorFields },
      },
      destination,
    );
  }
  return instance;
}
