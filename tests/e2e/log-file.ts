/** Where the end-to-end server writes its log (LOG_FILE), read by logs.check.ts. */
export const LOG_FILE = ".data/e2e-server.log";
