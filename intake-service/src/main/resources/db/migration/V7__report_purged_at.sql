-- Retention (issue 15): when the escalation service's purge reached this report (cases.purged.v1). Its
-- content and evidence are gone since; the row stays as its tombstone (reference, category, dates, status,
-- outcome).
ALTER TABLE report ADD COLUMN purged_at TIMESTAMPTZ;
