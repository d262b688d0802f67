-- A track whose deadline could not be fired: how many times in a row, and when last (it is tried again
-- after escalation.deadline-retry-interval). After escalation.deadline-set-aside-after failures in a row
-- it is set aside: the deadline engine no longer claims it, and the case's timeline says why.
ALTER TABLE case_track ADD COLUMN fire_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE case_track ADD COLUMN fire_failed_at TIMESTAMPTZ;
ALTER TABLE case_track ADD COLUMN set_aside_at TIMESTAMPTZ;
ALTER TABLE case_track ADD COLUMN set_aside_because VARCHAR(1000);
-- The engine counts the set-aside tracks still waiting for someone at every check (a gauge ops alert on).
CREATE INDEX case_track_set_aside ON case_track (state) WHERE set_aside_at IS NOT NULL;
