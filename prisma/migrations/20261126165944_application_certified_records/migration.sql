-- An application links every certified answer its submission used (decision 033), instead of one
-- France Travail answer in a column. Existing links are kept.

-- CreateTable
CREATE TABLE "application_certified_record" (
    "application_id" TEXT NOT NULL,
    "record_id" TEXT NOT NULL,

    CONSTRAINT "application_certified_record_pkey" PRIMARY KEY ("application_id","record_id")
);

-- CreateIndex
CREATE INDEX "application_certified_record_record_id_idx" ON "application_certified_record"("record_id");

-- AddForeignKey
ALTER TABLE "application_certified_record" ADD CONSTRAINT "application_certified_record_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application_certified_record" ADD CONSTRAINT "application_certified_record_record_id_fkey" FOREIGN KEY ("record_id") REFERENCES "certified_record"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Keep the links made so far
INSERT INTO "application_certified_record" ("application_id", "record_id")
SELECT "id", "recent_income_record_id" FROM "application" WHERE "recent_income_record_id" IS NOT NULL;

-- DropForeignKey
ALTER TABLE "application" DROP CONSTRAINT "application_recent_income_record_id_fkey";

-- AlterTable
ALTER TABLE "application" DROP COLUMN "recent_income_record_id";
