-- The W3C trace context the request arrived in, so that sending it, however much later, is in the same trace
-- as the report that caused it. Null for deliveries accepted before this.
ALTER TABLE delivery
    ADD COLUMN traceparent TEXT,
    ADD COLUMN tracestate  TEXT;
