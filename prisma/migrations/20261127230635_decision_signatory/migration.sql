-- Who signed a decision, as they were when signing (the letter never changes afterwards).
-- AlterTable
ALTER TABLE "application" ADD COLUMN     "decided_by_name" TEXT,
ADD COLUMN     "decided_by_role" "agent_role";

-- The decisions already signed: their signatory as the agent is now (the closest record left).
UPDATE "application" AS "a"
SET "decided_by_name" = "ag"."given_name" || ' ' || "ag"."usual_name",
    "decided_by_role" = "ag"."role"
FROM "agent" AS "ag"
WHERE "ag"."id" = "a"."decided_by_id" AND "a"."decided_by_name" IS NULL;
