-- AlterEnum
ALTER TYPE "notification_kind" ADD VALUE 'DEADLINE_REMINDER';

-- DropForeignKey
ALTER TABLE "audit_event" DROP CONSTRAINT "audit_event_application_id_fkey";

-- AlterTable
ALTER TABLE "application" ADD COLUMN     "closed_at" TIMESTAMP(3),
ADD COLUMN     "complete_at" TIMESTAMP(3),
ADD COLUMN     "reminded_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "audit_checkpoint" (
    "sequence" BIGINT NOT NULL,
    "hash" TEXT NOT NULL,
    "signature" TEXT NOT NULL,
    "key_id" TEXT NOT NULL,
    "signed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_checkpoint_pkey" PRIMARY KEY ("sequence")
);

-- CreateTable
CREATE TABLE "job_run" (
    "name" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "result" JSONB,

    CONSTRAINT "job_run_pkey" PRIMARY KEY ("name","period")
);

-- CreateIndex
CREATE INDEX "application_court_id_submitted_at_idx" ON "application"("court_id", "submitted_at");

-- CreateIndex
CREATE INDEX "application_court_id_closed_at_status_decision_outcome_elig_idx" ON "application"("court_id", "closed_at", "status", "decision_outcome", "eligibility_outcome", "complete_at");

-- CreateIndex
CREATE INDEX "application_status_reply_deadline_idx" ON "application"("status", "reply_deadline");

-- Backfill (hand-written): the complete file is the submission or the last answer to a request for
-- information; the closing time is that of the final status.
UPDATE "application" SET "complete_at" = "submitted_at" WHERE "submitted_at" IS NOT NULL;
UPDATE "application" a SET "complete_at" = e."at"
  FROM (SELECT "application_id", max("occurred_at") AS "at" FROM "audit_event"
        WHERE "action" IN ('reply', 'resumeReview') GROUP BY "application_id") e
  WHERE e."application_id" = a."id";
UPDATE "application" SET "closed_at" = CASE "status"
    WHEN 'GRANTED' THEN "decided_at" WHEN 'REJECTED' THEN "decided_at"
    WHEN 'LAPSED' THEN "lapsed_at" WHEN 'WITHDRAWN' THEN "withdrawn_at" END
  WHERE "status" IN ('GRANTED', 'REJECTED', 'LAPSED', 'WITHDRAWN');
