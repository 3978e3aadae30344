-- CreateIndex
CREATE INDEX "application_open_court_status_submitted_idx" ON "application"("court_id", "status", "submitted_at") WHERE (status = ANY (ARRAY['SUBMITTED'::application_status, 'IN_REVIEW'::application_status, 'INFORMATION_REQUESTED'::application_status, 'DECISION_PROPOSED'::application_status]));
