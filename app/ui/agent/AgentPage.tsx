import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import type { ReactNode } from "react";

/** A back-office page: breadcrumb from the queue, title, full width for tables. */
export function AgentPage({
  title,
  segments = [],
  children,
}: {
  title: string;
  segments?: { label: string; to: string }[];
  children: ReactNode;
}) {
  return (
    <div className="fr-container fr-container--fluid fr-px-2w fr-px-md-4w">
      <Breadcrumb
        currentPageLabel={title}
        homeLinkProps={{ to: "/bureau" }}
        segments={segments.map((segment) => ({
          label: segment.label,
          linkProps: { to: segment.to },
        }))}
      />
      <h1>{title}</h1>
      {children}
    </div>
  );
}
