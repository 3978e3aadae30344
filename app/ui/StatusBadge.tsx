import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { type ApplicationStatus, STATUS_LABELS } from "~/domain/application/status";

const SEVERITIES: Partial<
  Record<ApplicationStatus, "success" | "warning" | "error" | "info" | "new">
> = {
  DRAFT: "new",
  SUBMITTED: "info",
  IN_REVIEW: "info",
  INFORMATION_REQUESTED: "warning",
  DECISION_PROPOSED: "new",
  GRANTED: "success",
  REJECTED: "error",
};

export function StatusBadge({ status }: { status: ApplicationStatus }) {
  const severity = SEVERITIES[status];
  return (
    // A span: the badge sits inside paragraphs and headings (a <p> there breaks hydration).
    <Badge as="span" {...(severity ? { severity } : {})} small noIcon>
      {STATUS_LABELS[status]}
    </Badge>
  );
}
