import { describe, expect, it } from "vitest";
import { deferScriptTags } from "~/server/deferred-scripts.server";

// As Remix's <Scripts> writes them, around text with characters of several bytes.
const page =
  '<head><link rel="stylesheet" href="/dsfr.css"/></head><body><h1>Demande d’aide — étape 1</h1>' +
  '<link rel="modulepreload" href="/build/entry.client-A.js"/>' +
  '<link rel="modulepreload" href="/build/_shared/chunk-B.js"/>' +
  '<script nonce="abc" type="module" async="">import "/build/entry.client-A.js";</script>' +
  '<script nonce="abc">window.__remixContext.streamController.close();</script></body>';

const inert =
  '<head><link rel="stylesheet" href="/dsfr.css"/></head><body><h1>Demande d’aide — étape 1</h1>' +
  '<link data-deferred-modulepreload href="/build/entry.client-A.js"/>' +
  '<link data-deferred-modulepreload href="/build/_shared/chunk-B.js"/>' +
  '<script nonce="abc" type="text/x-deferred-module">import "/build/entry.client-A.js";</script>' +
  '<script nonce="abc">window.__remixContext.streamController.close();</script></body>';

describe("deferScriptTags", () => {
  it("makes Remix's module tags inert, and leaves everything else as it was", () => {
    expect(deferScriptTags(page)).toBe(inert);
    expect(deferScriptTags("<p>fin</p> é")).toBe("<p>fin</p> é");
  });
});
