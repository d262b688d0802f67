-- Retention (issue 15): when the escalation service's purge reached this report (cases.purged.v1). Its
-- content and evidence are gone since; the row stays as its tombstone (reference, category, dates, status,
-- outcome).
ALTER TABLE report ADD COLUMN purged_at TIMESTAMPTZ;
-- A purged report keeps no content and no data key (and so no key id): the tombstone is the row without them.
ALTER TABLE report ALTER COLUMN sealed_content DROP NOT NULL,
                   ALTER COLUMN data_key DROP NOT NULL,
                   ALTER COLUMN key_id DROP NOT NULL;
