-- CreateTable
CREATE TABLE "login_callback" (
    "key" VARCHAR(64) NOT NULL,
    "outcome" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "login_callback_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "login_callback_created_at_idx" ON "login_callback"("created_at");
