-- The provider's id for a sent message (the SMTP Message-ID, the SMS provider's message sid), so that a
-- delivery can be traced at the provider.
ALTER TABLE delivery ADD COLUMN provider_message_id VARCHAR(200);

-- A policy review reminder concerns the policy, not a case.
ALTER TABLE delivery ALTER COLUMN case_reference DROP NOT NULL;

-- Each channel has its own dispatcher, which claims its due deliveries soonest first.
DROP INDEX delivery_due;
CREATE INDEX delivery_due ON delivery (channel, next_attempt_at) WHERE state IN ('PENDING', 'FAILED_TRANSIENT');
