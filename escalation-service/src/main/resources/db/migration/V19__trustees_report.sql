-- The trustees' report counts the cases reported in a period.
CREATE INDEX escalation_case_submitted ON escalation_case (submitted_at);

-- The quarters whose figures have gone to the Chair of Trustees: a row is inserted, once, in the transaction
-- that sends them, so that replicas and restarts send each quarter's email once.
CREATE TABLE trustees_report_sent (
    quarter  VARCHAR(7)   PRIMARY KEY,
    sent_at  TIMESTAMPTZ  NOT NULL
);
