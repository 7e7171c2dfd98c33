-- Photos of a case (grid workers' reports, units' feedback). Kept in PostgreSQL, not on a file share,
-- so that one database backup (and a replica) holds them with the cases they belong to and access
-- control is the case's own. Only the re-encoded JPEG and its thumbnail are stored: never the upload
-- itself, whose EXIF may carry the phone's GPS position and whose bytes were chosen by the sender.
CREATE TABLE case_photos (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id         bigint NOT NULL REFERENCES cases (id),
    uploaded_at     timestamptz NOT NULL,
    uploaded_by     text NOT NULL,                -- "显示名（用户名）" as in case_events
    width           integer NOT NULL CHECK (width > 0),
    height          integer NOT NULL CHECK (height > 0),
    original_bytes  integer NOT NULL,             -- size of the upload, for the record
    image           bytea NOT NULL,               -- JPEG, longest side ≤ Photos:MaxSide, no metadata
    thumb           bytea NOT NULL                -- JPEG, longest side ≤ Photos:ThumbSide
);

CREATE INDEX case_photos_case_idx ON case_photos (case_id, id);

-- JPEG does not compress further: skip TOAST's compression attempt, keep out-of-line storage.
ALTER TABLE case_photos ALTER COLUMN image SET STORAGE EXTERNAL;
ALTER TABLE case_photos ALTER COLUMN thumb SET STORAGE EXTERNAL;
