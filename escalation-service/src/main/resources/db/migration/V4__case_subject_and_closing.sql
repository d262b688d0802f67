-- Who the report is about and who made it (their directory ids, when they are in it): the subject never
-- sees their own case, and neither stands in for an absent recipient when a later step's turn comes.
-- And how a case was closed: by whom, when, and the outcome the reporter is told.
ALTER TABLE escalation_case ADD COLUMN subject_person_id VARCHAR(100);
ALTER TABLE escalation_case ADD COLUMN reporter_person_id VARCHAR(100);
ALTER TABLE escalation_case ADD COLUMN closed_at TIMESTAMPTZ;
ALTER TABLE escalation_case ADD COLUMN closed_by VARCHAR(100);
ALTER TABLE escalation_case ADD COLUMN outcome VARCHAR(2000);
ALTER TABLE escalation_case ADD COLUMN internal_note VARCHAR(10000);
CREATE INDEX escalation_case_opened ON escalation_case (opened_at DESC);
CREATE INDEX case_step_person ON case_step (person_id) WHERE notified_at IS NOT NULL;
