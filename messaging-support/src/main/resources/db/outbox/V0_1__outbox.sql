-- The transactional outbox: events stored in the same transaction as the change that caused them,
-- published to Kafka by the relay after the commit. Shared by every service (location db/outbox).
CREATE TABLE outbox_message (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     UUID         NOT NULL UNIQUE,
    topic        VARCHAR(249) NOT NULL,
    message_key  VARCHAR(200) NOT NULL,
    event_type   VARCHAR(100) NOT NULL,
    payload      TEXT         NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    published_at TIMESTAMPTZ
);

-- The relay reads the oldest unpublished rows first; published rows drop out of this index.
CREATE INDEX outbox_message_unpublished ON outbox_message (id) WHERE published_at IS NULL;
