import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import type { GLOSSARY } from "./glossary";

type TermId = (typeof GLOSSARY)[number]["id"];

/**
 * A word of the glossary in a sentence, linked to its plain definition on the help page
 * (/aide#<id>). Screen readers hear « (définition) » after it: the link says where it leads.
 */
export function Term({ id, children }: { id: TermId; children: ReactNode }) {
  return (
    <Link to={`/aide#${id}`}>
      {children}
      <span className="fr-sr-only"> (définition)</span>
    </Link>
  );
}
