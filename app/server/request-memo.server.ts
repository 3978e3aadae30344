/**
 * What several loaders of one request ask alike — the session, the person it belongs to — read once
 * for that request. Remix runs the loaders of a page in parallel, each with the same request: the
 * root's (the header shows who is connected) and the page's (it requires them) used to read the
 * same rows twice.
 *
 * Only for GET and HEAD: a form sent without JavaScript runs its action and then the loaders in one
 * request, and the loaders must see what the action changed. Opening or closing a session forgets
 * what was kept for the request (`forgetForRequest`).
 */
const memos = new WeakMap<Request, Map<string, Promise<unknown>>>();

export function oncePerRequest<T>(
  request: Request,
  key: string,
  read: () => Promise<T>,
): Promise<T> {
  if (request.method !== "GET" && request.method !== "HEAD") return read();
  let memo = memos.get(request);
  if (!memo) {
    memo = new Map();
    memos.set(request, memo);
  }
  const kept = memo.get(key) as Promise<T> | undefined;
  if (kept) return kept;
  const value = read();
  memo.set(key, value);
  // A failure is not kept: another loader of the request tries again.
  value.catch(() => memo.delete(key));
  return value;
}

export function forgetForRequest(request: Request): void {
  memos.delete(request);
}
