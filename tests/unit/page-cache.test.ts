import { describe, expect, it } from "vitest";
import { PageCache } from "../../server/page-cache";

const request = (path: string, headers: Record<string, string> = {}, method = "GET") => ({
  method,
  path: path.split("?")[0] ?? path,
  originalUrl: path,
  headers,
});

const html = (body: string, headers: Record<string, string> = {}, status = 200) =>
  new Response(body, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", ...headers },
  });

const first = { nonce: "nonce-AAAAAAAAAAAA", requestId: "11111111-1111-4111-8111-111111111111" };
const second = { nonce: "nonce-BBBBBBBBBBBB", requestId: "22222222-2222-4222-8222-222222222222" };
const page = (values: typeof first) =>
  `<script nonce="${values.nonce}">a()</script><p>x</p>` +
  `<script nonce="${values.nonce}">ctx("requestId","${values.requestId}")</script>`;

describe("PageCache.keyOf", () => {
  const cache = new PageCache({ ttlMs: 10_000 });

  it("keeps a GET of a public page, without query, cookie or credentials", () => {
    expect(cache.keyOf(request("/"))).toBe("/");
    expect(cache.keyOf(request("/simulateur"))).toBe("/simulateur");
  });

  it("leaves everything else to Remix", () => {
    expect(cache.keyOf(request("/mon-compte"))).toBeNull();
    expect(cache.keyOf(request("/simulateur?referenceTaxIncome=12000"))).toBeNull();
    expect(cache.keyOf(request("/", { cookie: "aj_session=abc" }))).toBeNull();
    expect(cache.keyOf(request("/", { authorization: "Bearer x" }))).toBeNull();
    expect(cache.keyOf(request("/", {}, "POST"))).toBeNull();
    expect(cache.keyOf(request("/", {}, "HEAD"))).toBeNull();
    expect(new PageCache({ ttlMs: 0 }).keyOf(request("/"))).toBeNull();
  });
});

describe("PageCache.get and set", () => {
  it("answers with the kept page carrying this request's nonce and id, until the period ends", () => {
    let now = 1_000;
    const cache = new PageCache({ ttlMs: 5_000, now: () => now });
    expect(cache.get("/", second)).toBeNull();
    const response = html(page(first), { "X-Route": "home" });
    cache.set("/", response, page(first), first);

    now += 4_999;
    const kept = cache.get("/", second);
    expect(kept?.body).toBe(page(second));
    expect(kept?.status).toBe(200);
    expect(kept?.headers).toContainEqual(["x-route", "home"]);
    expect(kept?.body).not.toContain(first.nonce);
    expect(kept?.body).not.toContain(first.requestId);

    now += 1;
    expect(cache.get("/", second)).toBeNull();
  });

  it("does not keep a page when a per-request value is too short to be found safely", () => {
    const cache = new PageCache({ ttlMs: 5_000 });
    cache.set("/", html("<p>x</p>"), "<p>x</p>", { nonce: "", requestId: first.requestId });
    expect(cache.get("/", second)).toBeNull();
  });
});

describe("PageCache.storable", () => {
  it("keeps only complete HTML pages that set no cookie", () => {
    expect(PageCache.storable(html("<p>x</p>"))).toBe(true);
    expect(PageCache.storable(html("<p>x</p>", { "Set-Cookie": "a=b" }))).toBe(false);
    expect(PageCache.storable(html("<p>x</p>", {}, 404))).toBe(false);
    expect(
      PageCache.storable(new Response("{}", { headers: { "Content-Type": "application/json" } })),
    ).toBe(false);
    expect(
      PageCache.storable(new Response(null, { status: 302, headers: { Location: "/" } })),
    ).toBe(false);
  });
});
