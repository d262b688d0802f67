-- A case per report: the routing decision, its steps and everything that happens to it.
CREATE TABLE escalation_case (
    id                UUID         PRIMARY KEY,
    report_id         UUID         NOT NULL UNIQUE,
    source_event_id   UUID         NOT NULL UNIQUE,
    reference         VARCHAR(12)  NOT NULL,
    category          VARCHAR(64)  NOT NULL,
    routed_category   VARCHAR(64)  NOT NULL,
    state             VARCHAR(32)  NOT NULL,
    policy_version    VARCHAR(64)  NOT NULL,
    policy_hash       CHAR(64)     NOT NULL,
    directory_version VARCHAR(64)  NOT NULL,
    submitted_at      TIMESTAMPTZ  NOT NULL,
    opened_at         TIMESTAMPTZ  NOT NULL
);

-- One row per person per step of the plan; later steps wait for their turn (notified_at is null).
CREATE TABLE case_step (
    id          UUID         PRIMARY KEY,
    case_id     UUID         NOT NULL REFERENCES escalation_case (id),
    step_index  INTEGER      NOT NULL,
    role        VARCHAR(32)  NOT NULL,
    person_id   VARCHAR(100) NOT NULL,
    channels    VARCHAR(64)  NOT NULL,
    deadline    VARCHAR(64)  NOT NULL,
    due_at      TIMESTAMPTZ  NOT NULL,
    notified_at TIMESTAMPTZ,
    UNIQUE (case_id, step_index, person_id)
);

-- The audit trail and the explanation a user sees: no state change without its entry.
CREATE TABLE case_timeline (
    id      BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id UUID         NOT NULL REFERENCES escalation_case (id),
    at      TIMESTAMPTZ  NOT NULL,
    kind    VARCHAR(40)  NOT NULL,
    detail  TEXT         NOT NULL
);
CREATE INDEX case_timeline_case ON case_timeline (case_id, id);
