-- The web form's fields, the receipt code's hash, what the reporter was told, and the status the
-- escalation service reports back (cases.status.v1).
ALTER TABLE report
    ADD COLUMN occurred_on          DATE,
    ADD COLUMN occurred_time        TIME,
    ADD COLUMN platform             VARCHAR(20),
    ADD COLUMN platform_other       VARCHAR(100),
    ADD COLUMN links                TEXT,
    ADD COLUMN anonymous            BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN email_receipt        BOOLEAN NOT NULL DEFAULT FALSE,
    ADD COLUMN receipt_code_hash    BYTEA,
    ADD COLUMN category_label       TEXT,
    ADD COLUMN handled_by_title     VARCHAR(200),
    ADD COLUMN expected_response_by TIMESTAMPTZ,
    ADD COLUMN policy_version       VARCHAR(100),
    ADD COLUMN evidence_count       INT NOT NULL DEFAULT 0,
    ADD COLUMN with_role_title      VARCHAR(200),
    ADD COLUMN respond_by           TIMESTAMPTZ,
    ADD COLUMN acknowledged_at      TIMESTAMPTZ,
    ADD COLUMN closed_at            TIMESTAMPTZ,
    ADD COLUMN outcome              TEXT,
    ADD COLUMN status_updated_at    TIMESTAMPTZ;

-- Evidence bytes live beside the report, written in the same transaction as the report and its event.
CREATE TABLE evidence (
    id          UUID        PRIMARY KEY,
    report_id   UUID        NOT NULL REFERENCES report (id),
    position    INT         NOT NULL,
    media_type  VARCHAR(40) NOT NULL,
    size_bytes  INT         NOT NULL,
    content     BYTEA       NOT NULL,
    UNIQUE (report_id, position)
);

-- The latest policy.public.v1 record, so that a restart can serve the form before Kafka has answered.
CREATE TABLE published_policy (
    policy_key  VARCHAR(64)  PRIMARY KEY,
    version     VARCHAR(100) NOT NULL,
    occurred_at TIMESTAMPTZ  NOT NULL,
    payload     TEXT         NOT NULL
);

-- case.status events already applied: a redelivered event changes nothing.
CREATE TABLE case_status_event (
    event_id    UUID        PRIMARY KEY,
    report_id   UUID        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL
);

-- Idempotency-Key of POST /api/v1/reports (and of the web form's hidden submission id). Only hashes of
-- the key are kept; the first response's receipt code is sealed with a key derived from the
-- Idempotency-Key itself, so that only a client presenting that key again can read it.
CREATE TABLE idempotency_key (
    key_hash            BYTEA       PRIMARY KEY,
    request_hash        BYTEA       NOT NULL,
    report_id           UUID        NOT NULL REFERENCES report (id),
    sealed_receipt_code BYTEA       NOT NULL,
    created_at          TIMESTAMPTZ NOT NULL
);
