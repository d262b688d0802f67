CREATE TABLE report (
    id             UUID         PRIMARY KEY,
    reference      VARCHAR(12)  NOT NULL UNIQUE,
    category       VARCHAR(64)  NOT NULL,
    description    TEXT         NOT NULL,
    reporter_name  VARCHAR(200),
    reporter_email VARCHAR(254),
    reporter_phone VARCHAR(20),
    status         VARCHAR(32)  NOT NULL,
    submitted_at   TIMESTAMPTZ  NOT NULL
);
