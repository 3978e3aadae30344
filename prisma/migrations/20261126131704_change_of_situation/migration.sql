-- AlterTable
ALTER TABLE "application" ADD COLUMN     "declared_recent_income" INTEGER,
ADD COLUMN     "income_changed" BOOLEAN,
ADD COLUMN     "recent_income_record_id" TEXT;

-- CreateTable
CREATE TABLE "certified_record" (
    "id" TEXT NOT NULL,
    "citizen_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "correlation_id" TEXT NOT NULL,
    "http_status" INTEGER NOT NULL,
    "payload" JSONB NOT NULL,
    "fetched_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "certified_record_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "certified_record_citizen_id_source_fetched_at_idx" ON "certified_record"("citizen_id", "source", "fetched_at");

-- AddForeignKey
ALTER TABLE "application" ADD CONSTRAINT "application_recent_income_record_id_fkey" FOREIGN KEY ("recent_income_record_id") REFERENCES "certified_record"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "certified_record" ADD CONSTRAINT "certified_record_citizen_id_fkey" FOREIGN KEY ("citizen_id") REFERENCES "citizen"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
