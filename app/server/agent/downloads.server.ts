/**
 * The back-office's downloads (the exports, the signed checkpoints, a decision's letter) and the
 * page each one is made from. The guards refuse a download that another site started
 * (server/http-guards.ts); a login's return goes through ProConnect, another site, so an agent sent
 * to log in on the way to a download comes back to its page, one click from it.
 */
import { routedPath } from "../routed-path.server";

const DOWNLOADS: [pattern: RegExp, page: string][] = [
  [/^\/bureau\/export\.csv$/, "/bureau"],
  [/^\/bureau\/statistiques\.csv$/, "/bureau/statistiques"],
  [/^\/bureau\/journal\.json$/, "/bureau/journal"],
  [/^(\/bureau\/demandes\/[^/]+)\/decision$/, "$1"],
];

/** Whether `routed` (`routedPath`: decoded, lower case, no trailing slash) is a download. */
export function isAgentDownload(routed: string): boolean {
  return DOWNLOADS.some(([pattern]) => pattern.test(routed));
}

/** Where to come back after the login to reach `pathname`: a download's page, or the path. */
export function returnPathOf(pathname: string, search: string): string {
  const routed = routedPath(pathname);
  const download = DOWNLOADS.find(([pattern]) => pattern.test(routed));
  return `${download ? routed.replace(download[0], download[1]) : pathname}${search}`;
}
