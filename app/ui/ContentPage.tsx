import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { ReactNode } from "react";

/** A text page: breadcrumb, title and content in a readable column. */
export function ContentPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="fr-container">
      <Breadcrumb currentPageLabel={title} homeLinkProps={{ to: "/" }} segments={[]} />
      <div className="fr-grid-row">
        <div className="fr-col-12 fr-col-lg-8">
          <h1>{title}</h1>
          {children}
        </div>
      </div>
    </div>
  );
}
