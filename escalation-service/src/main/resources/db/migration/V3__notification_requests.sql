-- Each notification request sent for a case, and how its delivery on each channel ended, as the
-- notification service reported it (notifications.status.v1). A step whose every channel failed for
-- good escalates at once instead of waiting for its deadline.
CREATE TABLE notification_request (
    request_id   UUID         PRIMARY KEY,
    case_id      UUID         NOT NULL REFERENCES escalation_case (id),
    track        VARCHAR(32)  NOT NULL,
    step_index   INTEGER      NOT NULL,
    person_id    VARCHAR(100) NOT NULL,
    template     VARCHAR(64)  NOT NULL,
    channels     VARCHAR(64)  NOT NULL,
    requested_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX notification_request_case ON notification_request (case_id);

CREATE TABLE notification_outcome (
    request_id   UUID         NOT NULL REFERENCES notification_request (request_id),
    channel      VARCHAR(16)  NOT NULL,
    outcome      VARCHAR(16)  NOT NULL,
    permanent    BOOLEAN      NOT NULL,
    reason       VARCHAR(1000),
    attempts     INTEGER      NOT NULL,
    reported_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (request_id, channel)
);
