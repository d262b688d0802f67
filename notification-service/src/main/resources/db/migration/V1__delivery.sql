-- One row per requested notification and channel: the request id and channel are unique, so that a
-- redelivered request sends nothing twice; the state survives a restart.
CREATE TABLE delivery (
    id              UUID          PRIMARY KEY,
    request_id      UUID          NOT NULL,
    channel         VARCHAR(16)   NOT NULL,
    case_reference  VARCHAR(12)   NOT NULL,
    template        VARCHAR(64)   NOT NULL,
    request         TEXT          NOT NULL,
    state           VARCHAR(32)   NOT NULL,
    attempts        INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ   NOT NULL,
    last_error      VARCHAR(1000),
    created_at      TIMESTAMPTZ   NOT NULL,
    sent_at         TIMESTAMPTZ,
    UNIQUE (request_id, channel)
);

-- The dispatcher's queue: deliveries still to attempt, soonest first.
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE state IN ('PENDING', 'FAILED_TRANSIENT');
