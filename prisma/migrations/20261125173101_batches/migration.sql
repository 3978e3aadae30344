-- CreateEnum
CREATE TYPE "batch_kind" AS ENUM ('SIGN', 'TAKE');

-- CreateEnum
CREATE TYPE "batch_item_state" AS ENUM ('PENDING', 'DONE', 'SKIPPED');

-- CreateTable
CREATE TABLE "batch" (
    "id" TEXT NOT NULL,
    "kind" "batch_kind" NOT NULL,
    "agent_id" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),
    "lease_until" TIMESTAMP(3),

    CONSTRAINT "batch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "batch_item" (
    "batch_id" TEXT NOT NULL,
    "application_id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "state" "batch_item_state" NOT NULL DEFAULT 'PENDING',
    "reason" TEXT,

    CONSTRAINT "batch_item_pkey" PRIMARY KEY ("batch_id","application_id")
);

-- CreateIndex
CREATE INDEX "batch_finished_at_lease_until_idx" ON "batch"("finished_at", "lease_until");

-- CreateIndex
CREATE INDEX "batch_item_batch_id_state_position_idx" ON "batch_item"("batch_id", "state", "position");

-- CreateIndex
CREATE INDEX "batch_item_application_id_idx" ON "batch_item"("application_id");

-- AddForeignKey
ALTER TABLE "batch" ADD CONSTRAINT "batch_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_item" ADD CONSTRAINT "batch_item_batch_id_fkey" FOREIGN KEY ("batch_id") REFERENCES "batch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "batch_item" ADD CONSTRAINT "batch_item_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE CASCADE;
