import { startReactDsfr } from "@codegouvfr/react-dsfr/spa";
import { RemixBrowser } from "@remix-run/react";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { Link } from "~/ui/dsfr-link";

startReactDsfr({ defaultColorScheme: "light", Link });

/**
 * Waits until Remix has decoded the page's data, so that hydration never suspends (decision 036).
 *
 * With single fetch, the data come as a stream that <RemixBrowser> starts decoding in its first
 * render, suspending until it is done. A click or a key pressed in that moment makes React 18
 * hydrate synchronously; a synchronous render that suspends with no Suspense boundary above ends
 * with « Root did not complete » (React error #345) and the page stays without JavaScript. Calling
 * the component once, outside React, starts the decoding and hands us the promise it would have
 * thrown; once it has settled, the first render no longer suspends. Nothing is attached to the page
 * meanwhile: a click still follows its link or submits its form, as without JavaScript.
 */
async function pageDataDecoded(): Promise<void> {
  const context = (
    window as { __remixContext?: { future?: { v3_singleFetch?: boolean }; stream?: unknown } }
  ).__remixContext;
  if (!context?.future?.v3_singleFetch || !context.stream) return;
  try {
    RemixBrowser({});
  } catch (thrown) {
    // Remix's promise never rejects: a decoding error is thrown again, and shown, in the render.
    if (thrown instanceof Promise) await thrown;
  }
}

pageDataDecoded().then(() => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <RemixBrowser />
      </StrictMode>,
    );
  });
});
