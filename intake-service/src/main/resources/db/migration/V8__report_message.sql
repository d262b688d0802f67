-- The conversation between staff and the reporter (issue 14), kept with the report: each message's words
-- are sealed under the report's own data key, so that they are protected, re-wrapped and purged with it.
-- A reporter's message carries nothing of who wrote it; a staff message names the member of staff (for the
-- case page) and the role the reporter is shown.
CREATE TABLE report_message (
    id                UUID         PRIMARY KEY,
    report_id         UUID         NOT NULL REFERENCES report (id),
    sender            VARCHAR(10)  NOT NULL CHECK (sender IN ('STAFF', 'REPORTER')),
    staff_person_id   VARCHAR(100),
    staff_role_title  VARCHAR(200),
    sent_at           TIMESTAMPTZ  NOT NULL,
    sealed_text       BYTEA        NOT NULL,
    CHECK ((sender = 'STAFF') = (staff_person_id IS NOT NULL))
);
CREATE INDEX report_message_thread ON report_message (report_id, sent_at);
