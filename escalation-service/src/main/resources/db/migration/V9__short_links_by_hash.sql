-- A short code and its signed token were stored in clear: whoever read the table or a backup could follow any
-- link. Now a link is found by the SHA-256 of its code and keeps what its token names, not the token: the
-- service signs the token again when the code is followed. Codes already sent keep working: each row's code is
-- hashed and its token's payload (base64url of "track|step|person|expiry epoch seconds") read into columns.
-- A new table rather than updated rows, so that the old values are not left behind in dead or dropped columns.
CREATE TABLE short_acknowledgement_link_by_hash (
    code_sha256 CHAR(64)     PRIMARY KEY,
    track_id    UUID         NOT NULL,
    step_index  INTEGER      NOT NULL,
    person_id   VARCHAR(100) NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL
);

INSERT INTO short_acknowledgement_link_by_hash (code_sha256, track_id, step_index, person_id, expires_at)
SELECT encode(sha256(convert_to(code, 'UTF8')), 'hex'),
       split_part(payload, '|', 1)::uuid, split_part(payload, '|', 2)::integer, split_part(payload, '|', 3),
       to_timestamp(split_part(payload, '|', 4)::bigint)
FROM (SELECT code,
             convert_from(decode(rpad(translate(split_part(token, '.', 1), '-_', '+/'),
                                      (length(split_part(token, '.', 1)) + 3) / 4 * 4, '='), 'base64'), 'UTF8') AS payload
      FROM short_acknowledgement_link) AS signed;

DROP TABLE short_acknowledgement_link;
ALTER TABLE short_acknowledgement_link_by_hash RENAME TO short_acknowledgement_link;
ALTER INDEX short_acknowledgement_link_by_hash_pkey RENAME TO short_acknowledgement_link_pkey;
