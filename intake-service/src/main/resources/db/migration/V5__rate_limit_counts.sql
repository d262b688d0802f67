-- The rate limit's counts, shared by every replica: requests per client and fixed window. The client is
-- the SHA-256 of its address, so the table lists no address as such; rows of ended windows are deleted
-- every few minutes (RateLimitCounts).
CREATE TABLE rate_limit_count (
    client_hash   BYTEA       NOT NULL,
    window_start  TIMESTAMPTZ NOT NULL,
    request_count INTEGER     NOT NULL,
    PRIMARY KEY (client_hash, window_start)
);
CREATE INDEX rate_limit_count_window_start ON rate_limit_count (window_start);
