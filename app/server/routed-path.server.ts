/**
 * The path as the application routes it: decoded, in lower case, without Remix's `.data` suffix
 * nor trailing slashes (`/AUTH/franceconnect.data` is the login start too; `/bureau/export.csv/.data`
 * is the export's data request). Read by the guards, the rate limits and the downloads' returns.
 */
export function routedPath(path: string): string {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    // Refused earlier by the guards; counted as written.
  }
  return decoded
    .toLowerCase()
    .replace(/\.data$/, "")
    .replace(/(.)\/+$/, "$1");
}
