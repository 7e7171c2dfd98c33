-- Ingest: staging templates for binary COPY, the status rank used by the out-of-order guard, and the
-- columns the source systems' records need beyond 0003.

-- "Does not move backwards": a source update may only keep or raise a case's rank (see CaseStatus.cs).
CREATE FUNCTION case_status_rank(status text) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE status
        WHEN 'pending'     THEN 0
        WHEN 'accepted'    THEN 1
        WHEN 'dispatched'  THEN 2
        WHEN 'in_progress' THEN 3
        WHEN 'feedback'    THEN 4
        WHEN 'callback'    THEN 5
        WHEN 'closed'      THEN 6
    END
$$;

ALTER TABLE cases ADD CONSTRAINT cases_status_known_ck CHECK (case_status_rank(status) IS NOT NULL);

-- Patrol events keep the nearest grid for points outside every grid, and a free-text note (走访 notes).
ALTER TABLE patrol_events ADD COLUMN nearest_grid_code text;
ALTER TABLE patrol_events ADD COLUMN note text;
CREATE INDEX patrol_events_grid_at_idx ON patrol_events (grid_code, at);

-- Mediations: which 五诊法 mode, the source's reference system for the case, and the out-of-order guard.
ALTER TABLE mediations ADD COLUMN mode text CHECK (mode IN ('坐诊', '问诊', '急诊', '会诊', '复诊'));
ALTER TABLE mediations ADD COLUMN case_source text;
ALTER TABLE mediations ADD COLUMN source_updated_at timestamptz;
CREATE INDEX mediations_case_idx ON mediations (case_id);

-- Rejects are listed per source, newest first.
CREATE INDEX rejects_source_idx ON rejects (source, received_at DESC);

-- API keys: a human label and the first characters of the key, so `keys list` can tell keys apart
-- without ever storing the key itself.
ALTER TABLE api_keys ADD COLUMN label text;
ALTER TABLE api_keys ADD COLUMN key_prefix text;
CREATE INDEX api_keys_source_idx ON api_keys (source) WHERE revoked_at IS NULL;

-- Staging templates. Never written directly: each batch creates a temporary copy
-- (CREATE TEMP TABLE ... (LIKE ...) ON COMMIT DROP), binary-COPYs into it and upserts from it, so
-- concurrent batches never see each other's rows and nothing is left behind after commit or rollback.
-- `round` separates repeated keys inside one batch (an upsert cannot touch the same row twice).
CREATE TABLE ingest_stage_incidents (
    line_no           integer NOT NULL,
    round             integer NOT NULL,
    external_id       text NOT NULL,
    channel           text NOT NULL,
    category_code     text NOT NULL,
    title             text NOT NULL,
    description       text NOT NULL,
    address           text,
    lon               double precision,
    lat               double precision,
    grid_code         text,
    location_flag     text,
    nearest_grid_code text,
    nearest_grid_m    double precision,
    reporter_name     text,
    reporter_phone    text,
    priority          smallint NOT NULL,
    status            text NOT NULL,
    occurred_at       timestamptz,
    reported_at       timestamptz NOT NULL,
    accepted_at       timestamptz,
    dispatched_at     timestamptz,
    assignee_code     text,
    deadline_at       timestamptz,
    feedback_at       timestamptz,
    closed_at         timestamptz,
    satisfaction      text,
    callback_at       timestamptz,
    source_updated_at timestamptz NOT NULL
);

CREATE TABLE ingest_stage_patrols (
    line_no           integer NOT NULL,
    external_id       text NOT NULL,
    worker_id         text NOT NULL,
    worker_name       text NOT NULL,
    kind              text NOT NULL,
    at                timestamptz NOT NULL,
    lon               double precision,
    lat               double precision,
    grid_code         text,
    location_flag     text,
    nearest_grid_code text,
    note              text
);

CREATE TABLE ingest_stage_mediations (
    line_no           integer NOT NULL,
    round             integer NOT NULL,
    external_id       text NOT NULL,
    case_source       text,
    case_ref          text,
    grid_code         text,
    mediator_type     text NOT NULL,
    mode              text,
    level             text NOT NULL,
    outcome           text,
    failure_route     text,
    agreement         text,
    started_at        timestamptz NOT NULL,
    ended_at          timestamptz,
    source_updated_at timestamptz NOT NULL
);
