import { readdirSync } from "node:fs";
import path from "node:path";

/** Where the end-to-end server writes its log (LOG_FILE), read by logs.check.ts. */
export const LOG_FILE = ".data/e2e-server.log";

/**
 * The files the server wrote: LOG_FILE, or with several instances one per instance
 * (`e2e-server.1.log`, `e2e-server.2.log`…: scripts/e2e-server.ts).
 */
export function serverLogFiles(): string[] {
  const directory = path.dirname(LOG_FILE);
  const base = path.basename(LOG_FILE, ".log");
  const pattern = new RegExp(`^${base}(\\.\\d+)?\\.log$`);
  return readdirSync(directory)
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => path.join(directory, name));
}
