/**
 * What every request meets before the application (server/http-guards.ts, docs/securite.md): the
 * security headers, and the requests answered with a French page and the right status instead of a
 * 500: unknown methods, NUL bytes and broken escapes, forms from other sites, the back-office's
 * downloads asked from other sites, Remix's data requests for files, bodies too large or of another
 * type. Then, in a real browser: Back after logout shows nothing personal.
 */
import { type APIRequestContext, expect } from "@playwright/test";
import { PUBLIC_PAGES } from "../../server/page-cache";
import { login } from "./citizen";
import { test } from "./helpers";

test.describe("HTTP defences", () => {
  // The server answers the same whatever the device: once is enough.
  test.skip(({ isMobile }) => isMobile, "server-side only");

  test("every page carries the security headers, its scripts the CSP nonce", async ({
    request,
  }) => {
    const response = await request.get("/");
    const headers = response.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    const html = await response.text();
    // Every inline script carries this response's nonce, and only it.
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
    // A new nonce per response.
    const again = (await request.get("/")).headers()["content-security-policy"];
    expect(again).not.toBe(csp);

    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["cache-control"]).toBe("no-store");
    // HSTS only in production (https): the tests run over http.
    expect(headers["strict-transport-security"]).toBeUndefined();
  });

  test("the files a page loads carry only the headers a file reads; a missing one is plain text", async ({
    request,
  }) => {
    const html = await (await request.get("/")).text();
    const script = /<link data-deferred-modulepreload href="([^"]+\.js)"/.exec(html)?.[1];
    const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(html)?.[1];
    expect(script, "un script de la page").toBeTruthy();
    expect(stylesheet, "la feuille de style de la page").toBeTruthy();
    for (const path of [script, stylesheet, "/dsfr/fonts/Marianne-Regular.main.woff2"]) {
      const response = await request.get(path ?? "");
      expect(response.status(), path).toBe(200);
      const headers = response.headers();
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["cross-origin-resource-policy"], path).toBe("same-origin");
      for (const documentOnly of [
        "content-security-policy",
        "x-frame-options",
        "permissions-policy",
        "cross-origin-opener-policy",
      ]) {
        expect(headers[documentOnly], `${path} : ${documentOnly}`).toBeUndefined();
      }
    }
    // The compiler's files are named by their content and stored for a year: nothing to revalidate.
    const built = (await request.get(script ?? "")).headers();
    expect(built["cache-control"]).toBe("public, max-age=31536000, immutable");
    for (const validator of ["etag", "last-modified", "accept-ranges"]) {
      expect(built[validator], `${script} : ${validator}`).toBeUndefined();
    }
    // Opened on its own, an SVG is a document: it keeps a document's headers.
    const svg = await request.get("/dsfr/favicon/favicon.svg");
    expect(svg.status()).toBe(200);
    expect(svg.headers()["content-security-policy"]).toContain("default-src 'self'");
    // No page answers for a file that does not exist, or for another method than GET.
    for (const response of [
      await request.get("/build/absent.js"),
      await request.post(script ?? "", { form: { a: "1" } }),
    ]) {
      expect(response.status()).toBe(404);
      expect(response.headers()["content-type"]).toContain("text/plain");
      expect(await response.text()).toBe("Fichier introuvable.");
    }
    // A file kept compressed, asked with another method: the page that answers is readable (it
    // does not claim the compression of the file it is not).
    const posted = await request.post("/dsfr/favicon/favicon.svg", { form: { a: "1" } });
    expect(posted.headers()["content-type"]).toContain("text/html");
    expect(await posted.text()).toContain("</html>");
  });

  test("public pages answered from memory carry each response's own nonce and request id", async ({
    request,
  }) => {
    // Anonymous GETs of each page the cache keeps, in a row: the later ones come from memory
    // (server/page-cache.ts, PAGE_CACHE_SECONDS), which must not repeat the first one's values;
    // and a listed page must not depend on anything else of the request (decision 029).
    for (const path of PUBLIC_PAGES) await expectOwnValues(request, path);
  });

  async function expectOwnValues(request: APIRequestContext, path: string) {
    const seen = new Set<string>();
    const normalised = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      const nonce = /'nonce-([^']+)'/.exec(
        response.headers()["content-security-policy"] ?? "",
      )?.[1];
      const requestId = response.headers()["x-request-id"] ?? "";
      expect(nonce).toBeTruthy();
      const html = await response.text();
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
      expect(scripts.length).toBeGreaterThan(1);
      for (const script of scripts) expect(script).toContain(`nonce="${nonce}"`);
      // The reference shown on an error page is this request's.
      expect(html).toContain(requestId);
      seen.add(`${nonce}/${requestId}`);
      normalised.add(html.replaceAll(nonce ?? "", "NONCE").replaceAll(requestId, "ID"));
    }
    expect(seen.size, path).toBe(3);
    expect(normalised.size, `${path} : la même page pour chaque visiteur anonyme`).toBe(1);
  }

  test("methods the service does not use: 405 with the allowed ones", async ({ request }) => {
    for (const method of ["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
      const response = await request.fetch("/", { method });
      expect(response.status(), method).toBe(405);
      expect(response.headers().allow).toBe("GET, HEAD, POST");
      if (method !== "OPTIONS")
        expect(await response.text()).toContain("Méthode non prise en charge");
    }
  });

  test("NUL bytes and broken escapes: 400 with a French page", async ({ request, baseURL }) => {
    for (const path of [
      "/mes-demandes/%00",
      "/bureau/demandes/abc%00def",
      "/simulateur?revenus=%00",
      "/%E0%A4%A",
      "/bureau?q=%C0%AF",
    ]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(400);
      expect(await response.text()).toContain("Requête incorrecte");
    }
    const form = await request.post("/simulateur", {
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: new URL(baseURL ?? "").origin,
      },
      data: "revenus=12%00&parts=1",
    });
    expect(form.status()).toBe(400);
  });

  test("forms from another site: 403, logout included", async ({ request, baseURL }) => {
    for (const path of ["/deconnexion", "/simulateur", "/auth/franceconnect", "/bureau/auth"]) {
      const fromElsewhere = await request.post(path, {
        headers: { Origin: "https://evil.example" },
        form: { redirectTo: "/" },
        maxRedirects: 0,
      });
      expect(fromElsewhere.status(), path).toBe(403);
      expect(await fromElsewhere.text()).toContain("envoyé depuis un autre site");
      expect(fromElsewhere.headers()["set-cookie"]).toBeUndefined();
    }
    // Without Origin, the browser's Sec-Fetch-Site says it.
    const sameSite = await request.post("/deconnexion", {
      headers: { "Sec-Fetch-Site": "same-site" },
      maxRedirects: 0,
    });
    expect(sameSite.status()).toBe(403);
    // From the service itself: logout without a session just goes home, clearing nothing.
    const own = await request.post("/deconnexion", {
      headers: { Origin: new URL(baseURL ?? "").origin },
      maxRedirects: 0,
    });
    expect(own.status()).toBe(302);
    expect(own.headers()["set-cookie"]).toBeUndefined();
  });

  test("the back-office's downloads asked from another site: 403 before the application", async ({
    request,
  }) => {
    const id = "0b6c3f1e-1111-4222-8333-944444444444";
    for (const path of [
      "/bureau/export.csv?onglet=toutes",
      // The same route, as Remix matches it: trailing slashes and case do not change it.
      "/bureau/export.csv//?onglet=toutes",
      "/bureau/Statistiques.CSV",
      "/bureau/journal.json",
      `/bureau/demandes/${id}/decision`,
    ]) {
      for (const site of ["cross-site", "same-site"]) {
        const fromElsewhere = await request.get(path, {
          headers: { "Sec-Fetch-Site": site },
          maxRedirects: 0,
        });
        expect(fromElsewhere.status(), `${path} ${site}`).toBe(403);
        expect(await fromElsewhere.text()).toContain("demandé depuis un autre site");
      }
      // From the service's own pages, or typed: the application answers (here, its login page).
      for (const site of ["same-origin", "none"]) {
        const own = await request.get(path, {
          headers: { "Sec-Fetch-Site": site },
          maxRedirects: 0,
        });
        expect(own.status(), `${path} ${site}`).toBe(302);
        // Back to the download's page after the login: its return comes from ProConnect.
        expect(own.headers().location).toMatch(
          /^\/bureau\/connexion\?redirectTo=%2Fbureau(%3F|%2Fstatistiques|%2Fjournal$|%2Fdemandes%2F[0-9a-f-]+$)/,
        );
      }
    }
    // A page of the back-office opened from a link elsewhere (a mail, an intranet) goes on.
    const page = await request.get(`/bureau/demandes/${id}`, {
      headers: { "Sec-Fetch-Site": "cross-site" },
      maxRedirects: 0,
    });
    expect(page.status()).toBe(302);
  });

  test("Remix's data request for a file: 400, never read in memory", async ({ request }) => {
    const id = "0b6c3f1e-1111-4222-8333-944444444444";
    for (const path of [
      "/bureau/export.csv.data?onglet=toutes",
      "/bureau/export.csv/.data?onglet=toutes",
      "/bureau/statistiques.CSV.data",
      "/bureau/journal.json.data",
      "/mon-compte/donnees.json.data",
      `/bureau/demandes/${id}/decision.data`,
      `/mes-demandes/${id}/decision.data`,
      `/mes-demandes/${id}/recepisse.data`,
    ]) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBe(400);
      expect(await response.text()).toContain("Requête incorrecte");
    }
  });

  test("bodies too large (413) or not a form (415)", async ({ request, baseURL }) => {
    const origin = new URL(baseURL ?? "").origin;
    const large = await request.post("/simulateur", {
      headers: { Origin: origin },
      form: { revenus: "1".repeat(2 * 1024 * 1024) },
    });
    expect(large.status()).toBe(413);
    expect(await large.text()).toContain("Envoi trop volumineux");
    for (const [type, data] of [
      ["application/json", '{"revenus": 1}'],
      ["text/plain", "revenus=1"],
      [
        "multipart/form-data; boundary=x",
        '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
      ],
    ] as const) {
      const response = await request.post("/simulateur", {
        headers: { Origin: origin, "Content-Type": type },
        data,
      });
      expect(response.status(), type).toBe(415);
      expect(await response.text()).toContain("Format non pris en charge");
    }
  });

  test("a return address is kept only when it stays on this site for the browser", async ({
    request,
  }) => {
    const cases: [string, string][] = [
      ["/mes-demandes", "/mes-demandes"],
      ["/x/..//evil.example", "/"],
      ["/.//evil.example", "/"],
      ["//evil.example", "/"],
      ["/\\evil.example", "/"],
      ["https://evil.example", "/"],
    ];
    for (const [redirectTo, kept] of cases) {
      const html = await (
        await request.get(`/connexion?redirectTo=${encodeURIComponent(redirectTo)}`)
      ).text();
      expect(html, redirectTo).toContain(`name="redirectTo" value="${kept}"`);
    }
  });
});

test("Back after logout shows nothing personal", async ({ page, isMobile }) => {
  test.skip(isMobile, "the header's logout button is in the menu on phones");
  await login(page, "MERCIER Pierre");
  await page.goto("/mon-compte");
  await expect(page.getByText("MERCIER").first()).toBeVisible();
  await page.getByRole("button", { name: "Se déconnecter" }).first().click();
  await expect(page).not.toHaveURL(/mon-compte/);
  await page.goBack();
  await expect(page.locator("body")).not.toContainText("MERCIER");
});
