-- CreateEnum
CREATE TYPE "application_status" AS ENUM ('DRAFT', 'SUBMITTED', 'IN_REVIEW', 'INFORMATION_REQUESTED', 'GRANTED', 'REJECTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "case_kind" AS ENUM ('CIVIL', 'PENAL');

-- CreateEnum
CREATE TYPE "eligibility_outcome" AS ENUM ('FULL', 'PARTIAL_55', 'PARTIAL_25', 'INELIGIBLE');

-- CreateEnum
CREATE TYPE "agent_role" AS ENUM ('AGENT', 'SUPERVISOR', 'ADMIN');

-- CreateEnum
CREATE TYPE "party" AS ENUM ('CITIZEN', 'AGENT', 'SYSTEM');

-- CreateEnum
CREATE TYPE "session_kind" AS ENUM ('CITIZEN', 'AGENT');

-- CreateTable
CREATE TABLE "citizen" (
    "id" TEXT NOT NULL,
    "fc_sub" TEXT NOT NULL,
    "given_name" TEXT NOT NULL,
    "family_name" TEXT NOT NULL,
    "preferred_username" TEXT,
    "birthdate" TEXT NOT NULL,
    "gender" TEXT NOT NULL,
    "birthplace" TEXT NOT NULL,
    "birthcountry" TEXT NOT NULL,
    "fc_email" TEXT,
    "contact_email" TEXT,
    "contact_phone" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "last_login_at" TIMESTAMP(3),

    CONSTRAINT "citizen_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "application" (
    "id" TEXT NOT NULL,
    "reference" TEXT,
    "status" "application_status" NOT NULL DEFAULT 'DRAFT',
    "citizen_id" TEXT NOT NULL,
    "court_id" TEXT,
    "current_step" TEXT,
    "contact_email" TEXT,
    "contact_phone" TEXT,
    "correspondence_address" TEXT,
    "case_kind" "case_kind",
    "case_subkind" TEXT,
    "applicant_role" TEXT,
    "procedure_stage" TEXT,
    "adverse_party" TEXT,
    "description" TEXT,
    "lawyer_name" TEXT,
    "lawyer_bar" TEXT,
    "lawyer_designation_requested" BOOLEAN,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "declared_movable_assets" INTEGER,
    "declared_real_estate_assets" INTEGER,
    "serious_crime_victim" BOOLEAN,
    "legal_expenses_insurance" BOOLEAN,
    "tax_record_id" TEXT,
    "eligibility_outcome" "eligibility_outcome",
    "eligibility_state_share" INTEGER,
    "eligibility_scale_year" INTEGER,
    "eligibility_snapshot" JSONB,
    "decision_outcome" "eligibility_outcome",
    "decision_state_share" INTEGER,
    "decision_reason" TEXT,
    "decided_at" TIMESTAMP(3),
    "decided_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "submitted_at" TIMESTAMP(3),
    "withdrawn_at" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "application_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reference_counter" (
    "year" INTEGER NOT NULL,
    "last" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "reference_counter_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "tax_record" (
    "id" TEXT NOT NULL,
    "citizen_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "income_year" INTEGER NOT NULL,
    "correlation_id" TEXT NOT NULL,
    "http_status" INTEGER NOT NULL,
    "payload" JSONB NOT NULL,
    "fetched_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "tax_record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "court" (
    "id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "insee_code" TEXT NOT NULL,
    "departement" TEXT NOT NULL,
    "baj_name" TEXT NOT NULL,
    "baj_email" TEXT,

    CONSTRAINT "court_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent" (
    "id" TEXT NOT NULL,
    "proconnect_sub" TEXT,
    "idp_id" TEXT,
    "email" TEXT NOT NULL,
    "given_name" TEXT NOT NULL,
    "usual_name" TEXT NOT NULL,
    "role" "agent_role" NOT NULL DEFAULT 'AGENT',
    "court_id" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_login_at" TIMESTAMP(3),

    CONSTRAINT "agent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "message" (
    "id" TEXT NOT NULL,
    "application_id" TEXT NOT NULL,
    "author" "party" NOT NULL,
    "agent_id" TEXT,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMP(3),

    CONSTRAINT "message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_event" (
    "sequence" BIGSERIAL NOT NULL,
    "occurred_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_type" "party" NOT NULL,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "application_id" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "previous_hash" TEXT,
    "hash" TEXT NOT NULL,

    CONSTRAINT "audit_event_pkey" PRIMARY KEY ("sequence")
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "kind" "session_kind" NOT NULL,
    "citizen_id" TEXT,
    "agent_id" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "citizen_fc_sub_key" ON "citizen"("fc_sub");

-- CreateIndex
CREATE UNIQUE INDEX "application_reference_key" ON "application"("reference");

-- CreateIndex
CREATE INDEX "application_citizen_id_status_idx" ON "application"("citizen_id", "status");

-- CreateIndex
CREATE INDEX "application_court_id_status_submitted_at_idx" ON "application"("court_id", "status", "submitted_at");

-- CreateIndex
CREATE INDEX "tax_record_citizen_id_fetched_at_idx" ON "tax_record"("citizen_id", "fetched_at");

-- CreateIndex
CREATE UNIQUE INDEX "court_code_key" ON "court"("code");

-- CreateIndex
CREATE INDEX "court_departement_idx" ON "court"("departement");

-- CreateIndex
CREATE UNIQUE INDEX "agent_email_key" ON "agent"("email");

-- CreateIndex
CREATE UNIQUE INDEX "agent_proconnect_sub_idp_id_key" ON "agent"("proconnect_sub", "idp_id");

-- CreateIndex
CREATE INDEX "message_application_id_created_at_idx" ON "message"("application_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "audit_event_hash_key" ON "audit_event"("hash");

-- CreateIndex
CREATE INDEX "audit_event_application_id_occurred_at_idx" ON "audit_event"("application_id", "occurred_at");

-- CreateIndex
CREATE INDEX "session_expires_at_idx" ON "session"("expires_at");

-- AddForeignKey
ALTER TABLE "application" ADD CONSTRAINT "application_citizen_id_fkey" FOREIGN KEY ("citizen_id") REFERENCES "citizen"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application" ADD CONSTRAINT "application_court_id_fkey" FOREIGN KEY ("court_id") REFERENCES "court"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application" ADD CONSTRAINT "application_tax_record_id_fkey" FOREIGN KEY ("tax_record_id") REFERENCES "tax_record"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "application" ADD CONSTRAINT "application_decided_by_id_fkey" FOREIGN KEY ("decided_by_id") REFERENCES "agent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tax_record" ADD CONSTRAINT "tax_record_citizen_id_fkey" FOREIGN KEY ("citizen_id") REFERENCES "citizen"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent" ADD CONSTRAINT "agent_court_id_fkey" FOREIGN KEY ("court_id") REFERENCES "court"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "message" ADD CONSTRAINT "message_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "message" ADD CONSTRAINT "message_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_event" ADD CONSTRAINT "audit_event_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "application"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_citizen_id_fkey" FOREIGN KEY ("citizen_id") REFERENCES "citizen"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "session" ADD CONSTRAINT "session_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "agent"("id") ON DELETE CASCADE ON UPDATE CASCADE;
