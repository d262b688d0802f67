-- Who the report is about (so that it never goes to them) and whether a young person may be at risk
-- (so that the safeguarding chain runs as well).
ALTER TABLE report ADD COLUMN subject_name VARCHAR(200);
ALTER TABLE report ADD COLUMN subject_email VARCHAR(254);
ALTER TABLE report ADD COLUMN young_person_at_risk BOOLEAN NOT NULL DEFAULT FALSE;
