-- AlterTable
ALTER TABLE "application" ADD COLUMN     "anonymised_at" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "application_status_updated_at_idx" ON "application"("status", "updated_at");

-- CreateIndex
CREATE INDEX "application_closed_at_idx" ON "application"("closed_at");
