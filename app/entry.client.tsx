import { startReactDsfr } from "@codegouvfr/react-dsfr/spa";
import { RemixBrowser } from "@remix-run/react";
import { StrictMode, startTransition } from "react";
import { hydrateRoot } from "react-dom/client";
import { Link } from "~/ui/dsfr-link";

startReactDsfr({ defaultColorScheme: "light", Link });

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <RemixBrowser />
    </StrictMode>,
  );
});
