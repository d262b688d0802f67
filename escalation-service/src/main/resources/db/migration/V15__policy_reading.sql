-- Issue 14, the policy read by every member: each person's invitation to read a policy version, its
-- reminders, and their confirmation "I have read and understood it". One row per person and version: it is
-- inserted with the invitation's email in one transaction, and a reminder or the confirmation changes it
-- under a condition, so that replicas and a second click never send or record anything twice.
CREATE TABLE policy_reading (
    id              UUID         PRIMARY KEY,
    policy_version  VARCHAR(64)  NOT NULL,
    person_id       VARCHAR(200) NOT NULL,
    invited_at      TIMESTAMPTZ  NOT NULL,
    -- The invitation's or the last reminder's time: the next reminder is due an interval after it.
    last_sent_at    TIMESTAMPTZ  NOT NULL,
    reminders_sent  INT          NOT NULL DEFAULT 0 CHECK (reminders_sent >= 0),
    confirmed_at    TIMESTAMPTZ,
    CONSTRAINT policy_reading_once_per_person_and_version UNIQUE (policy_version, person_id)
);
CREATE INDEX policy_reading_unconfirmed ON policy_reading (policy_version, last_sent_at) WHERE confirmed_at IS NULL;

-- A confirmation is audited, and is about no case.
ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_case_unless_export;
ALTER TABLE audit_entry ADD CONSTRAINT audit_entry_case_unless_export_or_policy_read
    CHECK (case_id IS NOT NULL OR action IN ('EXPORTED_PERSON', 'CONFIRMED_POLICY_READ'));
