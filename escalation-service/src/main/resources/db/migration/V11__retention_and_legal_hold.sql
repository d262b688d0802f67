-- Retention (issue 15). A closed case past its category's retention period is purged: what people wrote
-- about it is removed here and in intake, and the row stays as its tombstone (reference, category, dates,
-- outcome) for the trustees' figures, with when it was purged.
ALTER TABLE escalation_case ADD COLUMN purged_at TIMESTAMPTZ;
-- A legal hold, set by the Chief Executive with a reason, keeps a case from being purged until lifted.
ALTER TABLE escalation_case ADD COLUMN legal_hold_since TIMESTAMPTZ;
ALTER TABLE escalation_case ADD COLUMN legal_hold_by VARCHAR(200);
ALTER TABLE escalation_case ADD COLUMN legal_hold_reason VARCHAR(2000);
-- The purge's queue: closed cases not purged yet and under no hold.
CREATE INDEX escalation_case_purge_due ON escalation_case (closed_at)
    WHERE state = 'CLOSED' AND purged_at IS NULL AND legal_hold_since IS NULL;
