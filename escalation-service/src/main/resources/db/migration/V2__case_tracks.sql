-- A case may run two escalation chains at once (rule 1: the safeguarding overlay). Each chain is a
-- track with its own current step and deadline; acknowledging stops that track only.
CREATE TABLE case_track (
    id                 UUID         PRIMARY KEY,
    case_id            UUID         NOT NULL REFERENCES escalation_case (id),
    name               VARCHAR(32)  NOT NULL,
    category           VARCHAR(64)  NOT NULL,
    state              VARCHAR(32)  NOT NULL,
    current_step       INTEGER      NOT NULL,
    last_step          INTEGER      NOT NULL,
    next_due_at        TIMESTAMPTZ,
    reminder_interval  VARCHAR(64)  NOT NULL,
    acknowledged_by    VARCHAR(100),
    acknowledged_at    TIMESTAMPTZ,
    UNIQUE (case_id, name)
);
-- The deadline scheduler's queue: tracks still waiting for someone, soonest deadline first.
CREATE INDEX case_track_due ON case_track (next_due_at) WHERE state IN ('NOTIFIED', 'OVERDUE');

ALTER TABLE case_step ADD COLUMN track VARCHAR(32) NOT NULL DEFAULT 'category';
ALTER TABLE case_step ALTER COLUMN track DROP DEFAULT;
ALTER TABLE case_step DROP CONSTRAINT case_step_case_id_step_index_person_id_key;
ALTER TABLE case_step ADD CONSTRAINT case_step_person_once_per_step UNIQUE (case_id, track, step_index, person_id);
-- Stored as "PT1H WALL": the deadline of the step, to recompute its instant when it starts.
ALTER TABLE case_step ADD COLUMN deadline_spec VARCHAR(64) NOT NULL DEFAULT 'PT1H WALL';
ALTER TABLE case_step ALTER COLUMN deadline_spec DROP DEFAULT;
