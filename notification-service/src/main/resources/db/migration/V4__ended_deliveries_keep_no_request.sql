-- A delivery keeps its request (the recipient's address and number, the acknowledgement links) only to send
-- it again; once it has ended, sent or given up, the request is dropped, so that no link stays at rest.
ALTER TABLE delivery ALTER COLUMN request DROP NOT NULL;
UPDATE delivery SET request = NULL WHERE state IN ('SENT', 'FAILED_PERMANENT');
