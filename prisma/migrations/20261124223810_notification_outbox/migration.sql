-- CreateEnum
CREATE TYPE "notification_kind" AS ENUM ('RECEIPT', 'INFORMATION_REQUESTED', 'DECISION');

-- CreateEnum
CREATE TYPE "notification_state" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "notification" (
    "id" TEXT NOT NULL,
    "application_id" TEXT NOT NULL,
    "kind" "notification_kind" NOT NULL,
    "state" "notification_state" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMP(3),

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "notification_state_next_attempt_at_idx" ON "notification"("state", "next_attempt_at");

-- CreateIndex
CREATE INDEX "notification_application_id_idx" ON "notification"("application_id");

-- AddForeignKey
ALTER TABLE "notification" ADD CONSTRAINT "notification_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE CASCADE;
