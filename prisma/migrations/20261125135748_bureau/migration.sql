-- AlterEnum (edited by hand: the roles of décret 2020-1717 art. 52-54; existing agents keep an
-- equivalent role: AGENT -> INSTRUCTEUR, SUPERVISOR and ADMIN -> PRESIDENT). The migration runner
-- already wraps the whole file in a transaction.
CREATE TYPE "agent_role_new" AS ENUM ('INSTRUCTEUR', 'PRESIDENT', 'VICE_PRESIDENT', 'NATIONAL_READER');
ALTER TABLE "public"."agent" ALTER COLUMN "role" DROP DEFAULT;
ALTER TABLE "agent" ALTER COLUMN "role" TYPE "agent_role_new" USING (
  CASE "role"::text WHEN 'AGENT' THEN 'INSTRUCTEUR' ELSE 'PRESIDENT' END::"agent_role_new"
);
ALTER TYPE "agent_role" RENAME TO "agent_role_old";
ALTER TYPE "agent_role_new" RENAME TO "agent_role";
DROP TYPE "public"."agent_role_old";
ALTER TABLE "agent" ALTER COLUMN "role" SET DEFAULT 'INSTRUCTEUR';

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "application_status" ADD VALUE 'DECISION_PROPOSED';
ALTER TYPE "application_status" ADD VALUE 'LAPSED';
ALTER TYPE "notification_kind" ADD VALUE 'MESSAGE';
ALTER TYPE "notification_kind" ADD VALUE 'LAPSED';
ALTER TYPE "notification_kind" ADD VALUE 'TRANSFERRED';

-- CreateTable (moved up by hand: each agent keeps the court it had)
CREATE TABLE "agent_court" (
    "agent_id" TEXT NOT NULL,
    "court_id" TEXT NOT NULL,

    CONSTRAINT "agent_court_pkey" PRIMARY KEY ("agent_id","court_id")
);
INSERT INTO "agent_court" ("agent_id", "court_id") SELECT "id", "court_id" FROM "agent";

-- DropForeignKey
ALTER TABLE "agent" DROP CONSTRAINT "agent_court_id_fkey";

-- DropIndex
DROP INDEX "application_court_id_status_submitted_at_idx";

-- AlterTable
ALTER TABLE "agent" DROP COLUMN "court_id",
ALTER COLUMN "role" SET DEFAULT 'INSTRUCTEUR';

-- AlterTable
ALTER TABLE "application" ADD COLUMN     "assigned_agent_id" TEXT,
ADD COLUMN     "decision_motif" TEXT,
ADD COLUMN     "lapsed_at" TIMESTAMP(3),
ADD COLUMN     "proposed_at" TIMESTAMP(3),
ADD COLUMN     "proposed_by_id" TEXT,
ADD COLUMN     "proposed_motif" TEXT,
ADD COLUMN     "proposed_outcome" "eligibility_outcome",
ADD COLUMN     "proposed_reason" TEXT,
ADD COLUMN     "reply_deadline" TIMESTAMP(3),
ADD COLUMN     "search_name" TEXT;

-- Backfill (by hand): the search key of the applications already submitted, as the app computes it
-- (lower case, accents removed, "family given").
UPDATE "application" a SET "search_name" = lower(translate(
  c."family_name" || ' ' || c."given_name",
  'ÀÂÄÁÃÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸàâäáãçéèêëíìîïñóòôöõúùûüýÿ-''',
  'AAAAACEEEEIIIINOOOOOUUUUYYaaaaaceeeeiiiinooooouuuuyy  '))
FROM "citizen" c WHERE c."id" = a."citizen_id" AND a."status" <> 'DRAFT';

-- AlterTable
ALTER TABLE "session" ADD COLUMN     "last_seen_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "agent_note" (
    "id" TEXT NOT NULL,
    "application_id" TEXT NOT NULL,
    "agent_id" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_note_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "agent_court_court_id_idx" ON "agent_court"("court_id");

-- CreateIndex
CREATE INDEX "agent_note_application_id_created_at_idx" ON "agent_note"("application_id", "created_at");

-- CreateIndex
CREATE INDEX "application_court_id_status_urgent_submitted_at_id_idx" ON "application"("court_id", "status", "urgent", "submitted_at", "id");

-- CreateIndex
CREATE INDEX "application_assigned_agent_id_status_urgent_submitted_at_id_idx" ON "application"("assigned_agent_id", "status", "urgent", "submitted_at", "id");

-- CreateIndex
CREATE INDEX "application_court_id_search_name_idx" ON "application"("court_id", "search_name");

-- AddForeignKey
ALTER TABLE "application" ADD CONSTRAINT "application_assigned_agent_id_fkey" FOREIGN KEY ("assigned_agent_id") REFERENCES "agent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application" ADD CONSTRAINT "application_proposed_by_id_fkey" FOREIGN KEY ("proposed_by_id") REFERENCES "agent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_court" ADD CONSTRAINT "agent_court_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_court" ADD CONSTRAINT "agent_court_court_id_fkey" FOREIGN KEY ("court_id") REFERENCES "court"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_note" ADD CONSTRAINT "agent_note_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_note" ADD CONSTRAINT "agent_note_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- CreateIndex
CREATE INDEX "application_court_id_status_reply_deadline_id_idx" ON "application"("court_id", "status", "reply_deadline", "id");
