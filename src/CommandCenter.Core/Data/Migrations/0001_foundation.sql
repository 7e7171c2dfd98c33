-- Foundation: PostGIS and the change log that carries every committed change to the screens.
CREATE EXTENSION IF NOT EXISTS postgis;

-- One row per committed batch (an ingest batch, an officer action). Positions are handed out under a
-- transaction-level advisory lock taken just before the row is appended (see ChangeLog.cs), so the
-- order of positions equals the order of commits and a reader resuming at "position > last" misses
-- nothing (design invariant 4).
CREATE SEQUENCE change_log_position_seq;
CREATE TABLE change_log (
    position     bigint PRIMARY KEY,
    committed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    kind         text NOT NULL,           -- 'incidents', 'patrols', 'mediations', 'case-action', 'grids', ...
    payload      jsonb NOT NULL DEFAULT '{}'::jsonb
);
