import { expect, test } from "@playwright/test";

test("/healthz reports the database", async ({ request }) => {
  const response = await request.get("/healthz");
  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(await response.json()).toEqual({ status: "ok", db: "ok" });
});

test("pages are compressed", async ({ request }) => {
  const response = await request.get("/", { headers: { "Accept-Encoding": "br, gzip" } });
  expect(response.headers()["content-encoding"]).toMatch(/^(br|gzip)$/);
});

test("fingerprinted assets are cached for a year, DSFR assets are served", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const script = html.match(/\/build\/[\w./-]+\.js/)?.[0];
  expect(script).toBeTruthy();
  const asset = await request.get(script as string);
  expect(asset.status()).toBe(200);
  expect(asset.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");

  const stylesheet = html.match(/\/dsfr\/dsfr\.app\.min\.css\?v=\w+/)?.[0];
  expect(stylesheet, "la feuille de style du DSFR assemblée").toBeTruthy();
  const css = await request.get(stylesheet as string);
  expect(css.status()).toBe(200);
  expect(css.headers()["content-type"]).toMatch(/^text\/css/);
  expect(css.headers()["cache-control"]).toMatch(/max-age=\d+/);
});
