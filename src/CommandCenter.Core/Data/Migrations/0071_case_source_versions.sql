-- The source times of the versions a case took from its source before the current one (the current one is
-- cases.source_updated_at). With them a redelivery of any version once accepted is told apart from a late
-- update that never was: the first answers 'duplicate' and adds nothing, the second is refused as out of
-- order (issue 12). One row per applied update, written by the same upsert; never for a new case.
CREATE TABLE case_source_versions (
    case_id           bigint      NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    source_updated_at timestamptz NOT NULL,
    PRIMARY KEY (case_id, source_updated_at)
);
