-- The Chief Executive's export of everything held about one person is audited like a read of a case: one
-- entry on each case it includes, and one for the export as a whole, which may include no case at all.
ALTER TABLE audit_entry ALTER COLUMN case_id DROP NOT NULL;
ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_case_unless_export
    CHECK (case_id IS NOT NULL OR action = 'EXPORTED_PERSON');
-- Whom an export was about, as a keyed hash of their normalised email address (HMAC-SHA256, hex): the
-- address is not on the trail in clear, yet whoever holds the key can show which person an export was for.
ALTER TABLE audit_entry ADD COLUMN about_digest CHAR(64);
CREATE INDEX audit_entry_person ON audit_entry (person_id, id);
