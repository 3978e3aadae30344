import { describe, expect, it } from "vitest";
import { deferScripts } from "~/server/deferred-scripts.server";

/** What the stream gives out for `chunks` written one after the other. */
async function through(chunks: Buffer[]): Promise<string> {
  const stream = deferScripts();
  const out: Buffer[] = [];
  stream.on("data", (piece: Buffer | string) => out.push(Buffer.from(piece)));
  const ended = new Promise((resolve) => stream.on("end", resolve));
  for (const chunk of chunks) stream.write(chunk);
  stream.end();
  await ended;
  return Buffer.concat(out).toString("utf8");
}

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

describe("deferScripts", () => {
  it("makes Remix's module tags inert, and leaves everything else as it was", async () => {
    expect(await through([Buffer.from(page)])).toBe(inert);
  });

  it("finds the tags however the page is cut into chunks, even inside a character", async () => {
    const bytes = Buffer.from(page);
    for (let cut = 1; cut < bytes.length; cut++) {
      expect(await through([bytes.subarray(0, cut), bytes.subarray(cut)])).toBe(inert);
    }
    expect(await through([...bytes].map((byte) => Buffer.from([byte])))).toBe(inert);
  });

  it("gives out what follows the last tag when the page ends", async () => {
    expect(await through([Buffer.from("<p>fin</p> é")])).toBe("<p>fin</p> é");
  });
});
