-- The W3C trace context of the span that stored each event (null when none was current), so that the relay
-- publishes it in the same trace. Rows stored before this have none, and start a trace of their own. TEXT:
-- a caller's tracestate has no hard limit, and a value too long must never stop an event being stored.
ALTER TABLE outbox_message
    ADD COLUMN traceparent TEXT,
    ADD COLUMN tracestate  TEXT;
