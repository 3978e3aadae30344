import { Badge } from "@codegouvfr/react-dsfr/Badge";
import {
  type ApplicationStatus,
  citizenStatusLabel,
  STATUS_LABELS,
} from "~/domain/application/status";

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

/** `citizen`: the citizen's plain label (« Retirée »), not the agents' (« Désistement »). */
export function StatusBadge({ status, citizen }: { status: ApplicationStatus; citizen?: boolean }) {
  const severity = SEVERITIES[status];
  return (
    // A span: the badge sits inside paragraphs and headings (a <p> there breaks hydration).
    <Badge as="span" {...(severity ? { severity } : {})} small noIcon>
      {citizen ? citizenStatusLabel(status) : STATUS_LABELS[status]}
    </Badge>
  );
}
