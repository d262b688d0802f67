-- Internal notes staff add to a case, in the order they were written. For staff only: never published.
CREATE TABLE case_note (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id     UUID NOT NULL REFERENCES escalation_case (id),
    author_id   VARCHAR(200) NOT NULL,
    written_at  TIMESTAMPTZ NOT NULL,
    text        TEXT NOT NULL
);
CREATE INDEX case_note_case ON case_note (case_id, id);

-- A closed case can be reopened: when and by whom, last.
ALTER TABLE escalation_case ADD COLUMN reopened_at TIMESTAMPTZ;
ALTER TABLE escalation_case ADD COLUMN reopened_by VARCHAR(200);

-- Who read or did what to which case, when, and from which address. Append-only: the database refuses any
-- change or removal of an entry, whoever asks, so that the trail cannot be edited after the fact.
CREATE TABLE audit_entry (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at              TIMESTAMPTZ NOT NULL,
    person_id       VARCHAR(200) NOT NULL,
    action          VARCHAR(40) NOT NULL,
    case_id         UUID NOT NULL REFERENCES escalation_case (id),
    -- What was acted on within the case, e.g. an evidence file's id; never the report's content.
    item            VARCHAR(200),
    client_address  VARCHAR(100)
);
CREATE INDEX audit_entry_case ON audit_entry (case_id, id);

CREATE FUNCTION audit_entry_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_is_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_is_append_only();

