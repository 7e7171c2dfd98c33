-- 巡查分析 (issue 15). A day of patrol for each worker and grid, so /trends reads a few thousand rows for a
-- year instead of every event: 25 workers × ~5 grids × 365 days ≈ 45,000 rows against ~550,000 events.
-- Patrol events never change once stored (a repeat is a duplicate), so inserts only add; a delete or an
-- update (repairs, tests) recounts the touched days from the events.
CREATE TABLE patrol_daily (
    day        date        NOT NULL,               -- Asia/Shanghai
    worker_id  text        NOT NULL,
    grid_code  text        NOT NULL,               -- '' for events outside every grid
    events     integer     NOT NULL,
    checkins   integer     NOT NULL,               -- kind 'check-in'
    visits     integer     NOT NULL,               -- kind 'visit' (走访)
    first_at   timestamptz NOT NULL,
    last_at    timestamptz NOT NULL,
    PRIMARY KEY (day, worker_id, grid_code)
);

CREATE FUNCTION patrol_daily_recount(keys_day date[], keys_worker text[], keys_grid text[]) RETURNS void
LANGUAGE sql AS $$
    DELETE FROM patrol_daily d USING (SELECT DISTINCT * FROM unnest(keys_day, keys_worker, keys_grid) AS k(day, worker_id, grid_code)) k
    WHERE d.day = k.day AND d.worker_id = k.worker_id AND d.grid_code = k.grid_code;
    INSERT INTO patrol_daily (day, worker_id, grid_code, events, checkins, visits, first_at, last_at)
    SELECT k.day, k.worker_id, k.grid_code, count(*), count(*) FILTER (WHERE p.kind = 'check-in'),
           count(*) FILTER (WHERE p.kind = 'visit'), min(p.at), max(p.at)
    FROM (SELECT DISTINCT * FROM unnest(keys_day, keys_worker, keys_grid) AS k(day, worker_id, grid_code)) k
    JOIN patrol_events p ON p.worker_id = k.worker_id AND coalesce(p.grid_code, '') = k.grid_code
        AND p.at >= (k.day::timestamp AT TIME ZONE 'Asia/Shanghai')
        AND p.at < ((k.day + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
    GROUP BY k.day, k.worker_id, k.grid_code;
$$;

-- Statement-level with a transition table: one aggregate per ingest batch, rows in key order so concurrent
-- batches of one worker cannot deadlock.
CREATE FUNCTION patrol_daily_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO patrol_daily AS d (day, worker_id, grid_code, events, checkins, visits, first_at, last_at)
    SELECT (n.at AT TIME ZONE 'Asia/Shanghai')::date, n.worker_id, coalesce(n.grid_code, ''), count(*),
           count(*) FILTER (WHERE n.kind = 'check-in'), count(*) FILTER (WHERE n.kind = 'visit'), min(n.at), max(n.at)
    FROM new_rows n
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (day, worker_id, grid_code) DO UPDATE SET
        events = d.events + EXCLUDED.events, checkins = d.checkins + EXCLUDED.checkins, visits = d.visits + EXCLUDED.visits,
        first_at = least(d.first_at, EXCLUDED.first_at), last_at = greatest(d.last_at, EXCLUDED.last_at);
    RETURN NULL;
END $$;

CREATE FUNCTION patrol_daily_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM patrol_daily_recount(array_agg((o.at AT TIME ZONE 'Asia/Shanghai')::date), array_agg(o.worker_id),
                                 array_agg(coalesce(o.grid_code, ''))) FROM old_rows o;
    RETURN NULL;
END $$;

CREATE FUNCTION patrol_daily_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM patrol_daily_recount(array_agg(x.day), array_agg(x.worker_id), array_agg(x.grid_code))
    FROM (SELECT (o.at AT TIME ZONE 'Asia/Shanghai')::date AS day, o.worker_id, coalesce(o.grid_code, '') AS grid_code FROM old_rows o
          UNION SELECT (n.at AT TIME ZONE 'Asia/Shanghai')::date, n.worker_id, coalesce(n.grid_code, '') FROM new_rows n) x;
    RETURN NULL;
END $$;

CREATE TRIGGER patrol_daily_insert AFTER INSERT ON patrol_events
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION patrol_daily_insert();
CREATE TRIGGER patrol_daily_delete AFTER DELETE ON patrol_events
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION patrol_daily_delete();
CREATE TRIGGER patrol_daily_update AFTER UPDATE ON patrol_events
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION patrol_daily_update();

-- Recount everything (after loading with the triggers disabled, or to repair).
CREATE FUNCTION patrol_rebuild() RETURNS void LANGUAGE sql AS $$
    TRUNCATE patrol_daily;
    INSERT INTO patrol_daily (day, worker_id, grid_code, events, checkins, visits, first_at, last_at)
    SELECT (p.at AT TIME ZONE 'Asia/Shanghai')::date, p.worker_id, coalesce(p.grid_code, ''), count(*),
           count(*) FILTER (WHERE p.kind = 'check-in'), count(*) FILTER (WHERE p.kind = 'visit'), min(p.at), max(p.at)
    FROM patrol_events p GROUP BY 1, 2, 3;
$$;
SELECT patrol_rebuild();

-- Cases a grid worker reported (网格员巡查上报) name the worker: the grid app's workerId, as in patrol events.
ALTER TABLE cases ADD COLUMN reporter_worker_id text;
ALTER TABLE ingest_stage_incidents ADD COLUMN reporter_worker_id text;
CREATE INDEX cases_reporter_worker_idx ON cases (reporter_worker_id, reported_at) WHERE reporter_worker_id IS NOT NULL;
