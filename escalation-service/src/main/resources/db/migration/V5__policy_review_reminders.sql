-- When the Chair of Trustees was last reminded that a policy version's review is due: one row per
-- version (by content hash), locked while a replica decides, so that each reminder goes out once.
CREATE TABLE policy_review_reminder (
    policy_hash       CHAR(64)     PRIMARY KEY,
    policy_version    VARCHAR(64)  NOT NULL,
    last_reminded_at  TIMESTAMPTZ
);
