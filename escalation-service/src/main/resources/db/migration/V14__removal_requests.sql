-- Removal requests (issue 14): staff ask someone to remove a post that breaches the policy, by a deadline on
-- the wall clock. What staff typed (the platform, where the post is, the owner's name when they are not in
-- the directory, an outside person's address, the reason given for not removing it) is sealed under the
-- case's data key, like its notes, and deleted with the case by the retention purge.
CREATE TABLE removal_request (
    id                     UUID         PRIMARY KEY,
    case_id                UUID         NOT NULL REFERENCES escalation_case (id),
    -- 1, 2, ... on its case: how the timeline and the page name it.
    number                 INTEGER      NOT NULL,
    requested_by           VARCHAR(200) NOT NULL,
    requested_at           TIMESTAMPTZ  NOT NULL,
    sealed_platform        BYTEA        NOT NULL,
    sealed_location        BYTEA        NOT NULL,
    -- Whose post it is: a directory member, or someone outside named in words (or not known: both null).
    owner_person_id        VARCHAR(100),
    sealed_owner_name      BYTEA,
    -- Who is asked to remove it: a directory member, or someone outside by their email address.
    asked_person_id        VARCHAR(100),
    sealed_asked_email     BYTEA,
    due_at                 TIMESTAMPTZ  NOT NULL,
    remind_at              TIMESTAMPTZ  NOT NULL,
    state                  VARCHAR(16)  NOT NULL,
    -- When the deadline engine next looks at it (the reminder, then the deadline); null once it has nothing left to do.
    next_due_at            TIMESTAMPTZ,
    reminded_at            TIMESTAMPTZ,
    fire_failed_at         TIMESTAMPTZ,
    answered_at            TIMESTAMPTZ,
    sealed_refusal_reason  BYTEA,
    confirmed_by           VARCHAR(200),
    confirmed_at           TIMESTAMPTZ,
    CHECK (asked_person_id IS NOT NULL OR sealed_asked_email IS NOT NULL),
    UNIQUE (case_id, number)
);
CREATE INDEX removal_request_due ON removal_request (next_due_at) WHERE next_due_at IS NOT NULL;

-- A disciplinary referral, opened when the person asked refuses or lets the deadline pass: to the Chief
-- Executive, or to the Chair of Trustees when the person asked is the Chief Executive. Counts for the
-- trustees' figures: it holds no text anyone typed.
CREATE TABLE disciplinary_referral (
    id                  UUID         PRIMARY KEY,
    case_id             UUID         NOT NULL REFERENCES escalation_case (id),
    removal_request_id  UUID         NOT NULL UNIQUE,
    reason              VARCHAR(16)  NOT NULL,
    referred_to         VARCHAR(100) NOT NULL,
    referred_to_role    VARCHAR(32)  NOT NULL,
    opened_at           TIMESTAMPTZ  NOT NULL
);
CREATE INDEX disciplinary_referral_case ON disciplinary_referral (case_id);
