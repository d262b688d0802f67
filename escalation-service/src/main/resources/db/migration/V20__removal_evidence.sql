-- A screenshot staff may attach as evidence when they confirm that a post is removed (issue 14: "who, when,
-- optionally a screenshot as evidence"). Sealed under the case's data key like the case's texts, and deleted
-- with the case by the retention purge (never while the case is under legal hold). A table of its own, so that
-- the deadline engine and the case page, which read removal requests often, never load an image they do not show.
CREATE TABLE removal_evidence (
    removal_request_id  UUID         PRIMARY KEY REFERENCES removal_request (id),
    case_id             UUID         NOT NULL REFERENCES escalation_case (id),
    -- Told from the file's first bytes when it was attached, never from its name: what it is served as.
    media_type          VARCHAR(32)  NOT NULL,
    size_bytes          INTEGER      NOT NULL,
    sealed_content      BYTEA        NOT NULL,
    attached_by         VARCHAR(200) NOT NULL,
    attached_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX removal_evidence_case ON removal_evidence (case_id);
