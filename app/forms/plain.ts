/**
 * What the forms and pages share that needs no schema library: safe in the browser's bundle, where
 * zod (about 100 kB compressed) has no business on the citizens' pages. Schemas: fields.ts.
 */

/**
 * The entry of a fixed table named by a URL parameter, or undefined: only the table's own keys
 * ("__proto__" or "constructor" are not entries).
 */
export function entryOf<T>(
  table: Record<string, T>,
  key: string | null | undefined,
): T | undefined {
  return key && Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The field of the honeypot (app/ui/Honeypot.tsx) in the public forms. */
export const HONEYPOT_FIELD = "site_web";

/** A form that filled the honeypot: a robot's. */
export function filledHoneypot(form: FormData): boolean {
  const value = form.get(HONEYPOT_FIELD);
  return typeof value === "string" && value.length > 0;
}

/**
 * Builds a schema in a way the bundler may drop when a page does not use it. Write
 * `export const thing = /* @__PURE__ *\/ defineSchema(() => z.object({ … }))`: the annotation lets
 * esbuild remove an unused call, and the arrow function keeps every `z.…` call inside it. A bare
 * `z.object({ a: z.string() })` would stay in the browser's bundle even unused (its arguments are
 * calls), and with it the whole of zod (about 100 kB compressed) on every page importing the module.
 */
export function defineSchema<T>(build: () => T): T {
  return build();
}
