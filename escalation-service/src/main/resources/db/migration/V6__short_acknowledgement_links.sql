-- A text message has room for about 60 characters of link, and a signed acknowledgement link is longer:
-- the text carries /a/<code>, a random code that leads to the signed link until it expires.
CREATE TABLE short_acknowledgement_link (
    code        VARCHAR(16)  PRIMARY KEY,
    token       TEXT         NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL
);
