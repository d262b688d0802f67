-- A published event's payload is on Kafka; the row keeps only that it was published (ids, topic, times). Its
-- payload could carry an acknowledgement link or a person's address, and no one reads it again.
ALTER TABLE outbox_message ALTER COLUMN payload DROP NOT NULL;
UPDATE outbox_message SET payload = NULL WHERE published_at IS NOT NULL;
