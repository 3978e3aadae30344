-- DropIndex
DROP INDEX "application_assigned_agent_id_status_urgent_submitted_at_id_idx";

-- DropIndex
DROP INDEX "application_court_id_status_urgent_submitted_at_id_idx";

-- CreateIndex
CREATE INDEX "application_court_id_status_urgent_submitted_at_id_eligibil_idx" ON "application"("court_id", "status", "urgent", "submitted_at", "id", "eligibility_outcome", "case_kind", "assigned_agent_id");

-- CreateIndex
CREATE INDEX "application_court_id_status_idx" ON "application"("court_id", "status");
