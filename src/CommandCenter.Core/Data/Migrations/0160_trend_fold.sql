-- Trend rollups off the writers' critical path (issue 17). Until now the statement triggers of 0050 / 0110
-- upserted the grouping-set rows themselves under one transaction-level advisory lock, so every writer of
-- cases, case_events and mediations queued on that lock until it committed (measured: the rollups cost a
-- writer ~155 µs per event against ~40 µs for the rest of the write path, and they bounded ingest).
--
-- Now the triggers only append the statement's signed parts, summed per key, to a pending table: a plain
-- INSERT ... SELECT, no lock, no shared row. ONE folder at a time (trend_fold(), under the old advisory lock)
-- moves them into the rollups: DELETE ... RETURNING the pending rows, sum them per key, apply them in key
-- order, commit - in one transaction, so a part is folded exactly once, and a fold that fails or dies leaves
-- its parts pending (the rollback undoes the DELETE with the upserts). A hosted service folds every ~250 ms;
-- every reader of the rollups folds first (Core/Trends/TrendFold), so what it reads is exact as of its read.
--
-- Parts are resolved to 村居 / 片区 when folded, not when written: trend_regroup (grids moved) rebuilds the
-- 村居/片区 rows from the grid rows, and parts folded later follow the grids as they are then - both agree.
-- Event parts (0110) still judge an event against its case at write time (the unit that had it then).

CREATE TABLE trend_pending_case (
    day date NOT NULL, grid_code text NOT NULL, category_code text NOT NULL, channel text NOT NULL, assignee_code text NOT NULL,
    reports int NOT NULL, repeats int NOT NULL, accepted int NOT NULL, accepted_closed int NOT NULL,
    closed int NOT NULL, closed_on_time int NOT NULL, dispatch_n int NOT NULL, dispatch_us bigint NOT NULL,
    close_n int NOT NULL, close_us bigint NOT NULL, callbacks int NOT NULL, satisfied int NOT NULL,
    unsatisfied int NOT NULL, overdue int NOT NULL);

CREATE TABLE trend_pending_event (
    day date NOT NULL, assignee_code text NOT NULL, returns int NOT NULL, reworks int NOT NULL,
    supervisions int NOT NULL, signed int NOT NULL, sign_us bigint NOT NULL, jfb int NOT NULL);

CREATE TABLE trend_pending_mediation (
    day date NOT NULL, grid_code text NOT NULL, concluded int NOT NULL, succeeded int NOT NULL,
    partial int NOT NULL, resolved_locally int NOT NULL);

-- Every row is deleted within a fraction of a second of its insert: vacuum them often, so the folder's scan
-- stays over a few pages rather than every dead row since the last default-threshold vacuum.
ALTER TABLE trend_pending_case SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20000,
    autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 20000, autovacuum_vacuum_cost_delay = 0);
ALTER TABLE trend_pending_event SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 20000,
    autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 20000, autovacuum_vacuum_cost_delay = 0);
ALTER TABLE trend_pending_mediation SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
    autovacuum_vacuum_cost_delay = 0);

-- 1. The writers' side: append, summed per key of the statement ------------------------------------------
CREATE FUNCTION trend_pend_case_parts(parts trend_case_part[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO trend_pending_case (day, grid_code, category_code, channel, assignee_code, reports, repeats, accepted,
        accepted_closed, closed, closed_on_time, dispatch_n, dispatch_us, close_n, close_us, callbacks, satisfied,
        unsatisfied, overdue)
    SELECT p.day, p.grid_code, p.category_code, p.channel, p.assignee_code, sum(p.reports), sum(p.repeats),
           sum(p.accepted), sum(p.accepted_closed), sum(p.closed), sum(p.closed_on_time), sum(p.dispatch_n),
           sum(p.dispatch_us), sum(p.close_n), sum(p.close_us), sum(p.callbacks), sum(p.satisfied),
           sum(p.unsatisfied), sum(p.overdue)
    FROM unnest(parts) p
    GROUP BY p.day, p.grid_code, p.category_code, p.channel, p.assignee_code
    -- an update that moved nothing (or a close and its withdrawal in one statement) appends nothing
    HAVING (sum(p.reports), sum(p.repeats), sum(p.accepted), sum(p.accepted_closed), sum(p.closed), sum(p.closed_on_time),
            sum(p.dispatch_n), sum(p.dispatch_us), sum(p.close_n), sum(p.close_us), sum(p.callbacks), sum(p.satisfied),
            sum(p.unsatisfied), sum(p.overdue))
           IS DISTINCT FROM (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
$$;

CREATE OR REPLACE FUNCTION trend_cases_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM trend_pend_case_parts(ARRAY(SELECT p FROM new_rows n, trend_case_parts(n, 1) p));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM trend_pend_case_parts(ARRAY(SELECT p FROM old_rows o, trend_case_parts(o, -1) p));
    ELSE
        -- Only rows whose trend-relevant columns changed: an officer's note or a 督办 level costs nothing here.
        PERFORM trend_pend_case_parts(ARRAY(
            SELECT p::trend_case_part FROM old_rows o JOIN new_rows n ON n.id = o.id,
                 LATERAL (SELECT * FROM trend_case_parts(o, -1) UNION ALL SELECT * FROM trend_case_parts(n, 1)) p
            WHERE (o.accepted_at, o.dispatched_at, o.closed_at, o.deadline_at, o.callback_at, o.satisfaction,
                   o.merged_into, o.reopened_count, o.grid_code, o.category_code, o.channel, o.assignee_code)
                  IS DISTINCT FROM
                  (n.accepted_at, n.dispatched_at, n.closed_at, n.deadline_at, n.callback_at, n.satisfaction,
                   n.merged_into, n.reopened_count, n.grid_code, n.category_code, n.channel, n.assignee_code)));
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION trend_pend_event_parts(sign int, parts trend_event_part[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO trend_pending_event (day, assignee_code, returns, reworks, supervisions, signed, sign_us, jfb)
    SELECT p.day, p.assignee_code, sign * sum(p.returns), sign * sum(p.reworks), sign * sum(p.supervisions),
           sign * sum(p.signed), sign * sum(p.sign_us), sign * sum(p.jfb)
    FROM unnest(parts) p
    GROUP BY p.day, p.assignee_code
    HAVING (sum(p.returns), sum(p.reworks), sum(p.supervisions), sum(p.signed), sum(p.sign_us), sum(p.jfb))
           IS DISTINCT FROM (0, 0, 0, 0, 0, 0)
$$;

CREATE OR REPLACE FUNCTION trend_case_events_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM trend_pend_event_parts(1, ARRAY(
            SELECT trend_event_part(n, c) FROM new_rows n JOIN cases c ON c.id = n.case_id
            WHERE trend_event_counts(n)));
    ELSE
        PERFORM trend_pend_event_parts(-1, ARRAY(
            SELECT trend_event_part(o, c) FROM old_rows o JOIN cases c ON c.id = o.case_id
            WHERE trend_event_counts(o)));
    END IF;
    RETURN NULL;
END
$$;

-- Mediations arrive a few per day: the parts come straight from the transition tables.
CREATE FUNCTION trend_pend_mediations(sign int, rows_json jsonb) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO trend_pending_mediation (day, grid_code, concluded, succeeded, partial, resolved_locally)
    SELECT (r.ended_at AT TIME ZONE 'Asia/Shanghai')::date, coalesce(r.grid_code, ''), sign * count(*),
           sign * count(*) FILTER (WHERE r.outcome = '调解成功'), sign * count(*) FILTER (WHERE r.outcome = '部分达成'),
           sign * count(*) FILTER (WHERE r.outcome = '调解成功' AND r.level IN ('网格', '社区'))
    FROM jsonb_populate_recordset(NULL::mediations, rows_json) r
    WHERE r.outcome IS NOT NULL AND r.ended_at IS NOT NULL
    GROUP BY 1, 2
$$;

CREATE OR REPLACE FUNCTION trend_mediations_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM trend_pend_mediations(-1, (SELECT jsonb_agg(to_jsonb(o)) FROM old_rows o));
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM trend_pend_mediations(1, (SELECT jsonb_agg(to_jsonb(n)) FROM new_rows n));
    END IF;
    RETURN NULL;
END
$$;

-- 2. The folder -------------------------------------------------------------------------------------------
-- Signed mediation parts (day, grid) into trend_mediation_daily at every area level, in key order.
CREATE FUNCTION trend_apply_mediation_parts(parts trend_pending_mediation[]) RETURNS void
LANGUAGE sql AS $$
    INSERT INTO trend_mediation_daily AS t (area_level, area_code, day, concluded, succeeded, partial, resolved_locally)
    SELECT CASE WHEN GROUPING(m.grid_code) = 0 THEN 'G' WHEN GROUPING(g.community_code) = 0 THEN 'C'
                WHEN GROUPING(g.region_code) = 0 THEN 'R' ELSE '*' END::"char",
           CASE WHEN GROUPING(m.grid_code) = 0 THEN m.grid_code WHEN GROUPING(g.community_code) = 0 THEN g.community_code
                WHEN GROUPING(g.region_code) = 0 THEN g.region_code ELSE '*' END,
           m.day, sum(m.concluded), sum(m.succeeded), sum(m.partial), sum(m.resolved_locally)
    FROM unnest(parts) m LEFT JOIN grids g ON g.code = m.grid_code
    GROUP BY GROUPING SETS ((m.day, m.grid_code), (m.day, g.community_code), (m.day, g.region_code), (m.day))
    HAVING NOT (GROUPING(g.community_code) = 0 AND g.community_code IS NULL)
       AND NOT (GROUPING(g.region_code) = 0 AND g.region_code IS NULL)
       AND (sum(m.concluded), sum(m.succeeded), sum(m.partial), sum(m.resolved_locally)) IS DISTINCT FROM (0, 0, 0, 0)
    ORDER BY 1, 2, 3
    ON CONFLICT (area_level, area_code, day) DO UPDATE SET
        concluded = t.concluded + excluded.concluded,
        succeeded = t.succeeded + excluded.succeeded,
        partial = t.partial + excluded.partial,
        resolved_locally = t.resolved_locally + excluded.resolved_locally
$$;

-- As in 0110, but the parts now arrive summed per key (a fold's, or a statement's): a case closed shows up as
-- accepted 0, accepted_closed +1 on its 受理 day, a changed 回访 result as callbacks 0, satisfied +1 - so the
-- unit rows' pre-filter looks at every column, not only at closed / callbacks / accepted / overdue.
CREATE OR REPLACE FUNCTION trend_apply_case_parts(parts trend_case_part[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(cardinality(parts), 0) = 0 THEN RETURN; END IF;
    PERFORM pg_advisory_xact_lock(361700982340);  -- held already by trend_fold / trend_rebuild (re-entrant)

    INSERT INTO trend_case_daily AS t (area_level, area_code, category_code, channel, day, reports, repeats,
        accepted, accepted_closed, closed, closed_on_time, dispatch_n, dispatch_us, close_n, close_us,
        callbacks, satisfied, unsatisfied)
    SELECT CASE WHEN GROUPING(p.grid_code) = 0 THEN 'G' WHEN GROUPING(g.community_code) = 0 THEN 'C'
                WHEN GROUPING(g.region_code) = 0 THEN 'R' ELSE '*' END::"char",
           CASE WHEN GROUPING(p.grid_code) = 0 THEN p.grid_code WHEN GROUPING(g.community_code) = 0 THEN g.community_code
                WHEN GROUPING(g.region_code) = 0 THEN g.region_code ELSE '*' END,
           CASE WHEN GROUPING(p.category_code) = 1 THEN '*' ELSE p.category_code END,
           CASE WHEN GROUPING(p.channel) = 1 THEN '*' ELSE p.channel END,
           p.day, sum(p.reports), sum(p.repeats), sum(p.accepted), sum(p.accepted_closed), sum(p.closed),
           sum(p.closed_on_time), sum(p.dispatch_n), sum(p.dispatch_us), sum(p.close_n), sum(p.close_us),
           sum(p.callbacks), sum(p.satisfied), sum(p.unsatisfied)
    FROM unnest(parts) p LEFT JOIN grids g ON g.code = p.grid_code
    GROUP BY GROUPING SETS (
        (p.day, p.grid_code, p.category_code), (p.day, p.grid_code, p.channel), (p.day, p.grid_code),
        (p.day, g.community_code, p.category_code), (p.day, g.community_code, p.channel), (p.day, g.community_code),
        (p.day, g.region_code, p.category_code), (p.day, g.region_code, p.channel), (p.day, g.region_code),
        (p.day, p.category_code), (p.day, p.channel), (p.day))
    HAVING NOT (GROUPING(g.community_code) = 0 AND g.community_code IS NULL)
       AND NOT (GROUPING(g.region_code) = 0 AND g.region_code IS NULL)
       AND (sum(p.reports), sum(p.repeats), sum(p.accepted), sum(p.accepted_closed), sum(p.closed),
            sum(p.closed_on_time), sum(p.dispatch_n), sum(p.dispatch_us), sum(p.close_n), sum(p.close_us),
            sum(p.callbacks), sum(p.satisfied), sum(p.unsatisfied))
           IS DISTINCT FROM (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (area_level, area_code, category_code, channel, day) DO UPDATE SET
        reports = t.reports + excluded.reports,
        repeats = t.repeats + excluded.repeats,
        accepted = t.accepted + excluded.accepted,
        accepted_closed = t.accepted_closed + excluded.accepted_closed,
        closed = t.closed + excluded.closed,
        closed_on_time = t.closed_on_time + excluded.closed_on_time,
        dispatch_n = t.dispatch_n + excluded.dispatch_n,
        dispatch_us = t.dispatch_us + excluded.dispatch_us,
        close_n = t.close_n + excluded.close_n,
        close_us = t.close_us + excluded.close_us,
        callbacks = t.callbacks + excluded.callbacks,
        satisfied = t.satisfied + excluded.satisfied,
        unsatisfied = t.unsatisfied + excluded.unsatisfied;

    INSERT INTO trend_assignee_daily AS t (assignee_code, day, closed, closed_on_time, callbacks, satisfied, unsatisfied,
        accepted, accepted_closed, overdue)
    SELECT p.assignee_code, p.day, sum(p.closed), sum(p.closed_on_time), sum(p.callbacks), sum(p.satisfied), sum(p.unsatisfied),
           sum(p.accepted), sum(p.accepted_closed), sum(p.overdue)
    FROM unnest(parts) p
    WHERE (p.closed, p.closed_on_time, p.callbacks, p.satisfied, p.unsatisfied, p.accepted, p.accepted_closed, p.overdue)
          IS DISTINCT FROM (0, 0, 0, 0, 0, 0, 0, 0)
    GROUP BY p.assignee_code, p.day
    HAVING (sum(p.closed), sum(p.closed_on_time), sum(p.callbacks), sum(p.satisfied), sum(p.unsatisfied),
            sum(p.accepted), sum(p.accepted_closed), sum(p.overdue))
           IS DISTINCT FROM (0, 0, 0, 0, 0, 0, 0, 0)
    ORDER BY 2, 1
    ON CONFLICT (day, assignee_code) DO UPDATE SET
        closed = t.closed + excluded.closed,
        closed_on_time = t.closed_on_time + excluded.closed_on_time,
        callbacks = t.callbacks + excluded.callbacks,
        satisfied = t.satisfied + excluded.satisfied,
        unsatisfied = t.unsatisfied + excluded.unsatisfied,
        accepted = t.accepted + excluded.accepted,
        accepted_closed = t.accepted_closed + excluded.accepted_closed,
        overdue = t.overdue + excluded.overdue;
END
$$;

-- As in 0110, but a sum of parts can net signed = 0 with sign_us <> 0 (one 签收 deleted, another added, in one
-- fold): the HAVING keeps such a group.
CREATE OR REPLACE FUNCTION trend_apply_event_parts(sign int, parts trend_event_part[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(cardinality(parts), 0) = 0 THEN RETURN; END IF;
    PERFORM pg_advisory_xact_lock(361700982340);  -- held already by trend_fold / trend_rebuild (re-entrant)
    INSERT INTO trend_unit_event_daily AS t (assignee_code, day, returns, reworks, supervisions, signed, sign_us, jfb)
    SELECT p.assignee_code, p.day, sign * sum(p.returns), sign * sum(p.reworks), sign * sum(p.supervisions),
           sign * sum(p.signed), sign * sum(p.sign_us), sign * sum(p.jfb)
    FROM unnest(parts) p
    GROUP BY p.assignee_code, p.day
    HAVING (sum(p.returns), sum(p.reworks), sum(p.supervisions), sum(p.signed), sum(p.sign_us), sum(p.jfb))
           IS DISTINCT FROM (0, 0, 0, 0, 0, 0)
    ORDER BY 2, 1
    ON CONFLICT (day, assignee_code) DO UPDATE SET
        returns = t.returns + excluded.returns,
        reworks = t.reworks + excluded.reworks,
        supervisions = t.supervisions + excluded.supervisions,
        signed = t.signed + excluded.signed,
        sign_us = t.sign_us + excluded.sign_us,
        jfb = t.jfb + excluded.jfb;
END
$$;

-- Folds everything pending (in chunks of at most `chunk` rows of each table, all in this one transaction) and
-- returns how many pending rows it folded; -1 when `wait` is false and another folder holds the lock (the
-- background folders of several nodes then skip a turn instead of queueing). Readers call it with wait =
-- true: after the lock they see every part committed before their call, and every earlier fold committed.
CREATE FUNCTION trend_fold(wait boolean DEFAULT true, chunk int DEFAULT 100000) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    folded bigint := 0;
    n bigint;
    case_parts trend_case_part[];
    event_parts trend_event_part[];
    mediation_parts trend_pending_mediation[];
BEGIN
    IF wait THEN
        PERFORM pg_advisory_xact_lock(361700982340);  -- 'TREND': one folder (and rebuild / regroup) at a time
    ELSIF NOT pg_try_advisory_xact_lock(361700982340) THEN
        RETURN -1;
    END IF;
    -- Each statement below takes its snapshot after the lock: it sees every part committed before.
    LOOP
        WITH taken AS (
            DELETE FROM trend_pending_case WHERE ctid = ANY(ARRAY(SELECT ctid FROM trend_pending_case LIMIT chunk))
            RETURNING *),
        summed AS (
            SELECT day, grid_code, category_code, channel, assignee_code, count(*) AS n,
                   sum(reports) AS reports, sum(repeats) AS repeats, sum(accepted) AS accepted,
                   sum(accepted_closed) AS accepted_closed, sum(closed) AS closed, sum(closed_on_time) AS closed_on_time,
                   sum(dispatch_n) AS dispatch_n, sum(dispatch_us) AS dispatch_us, sum(close_n) AS close_n,
                   sum(close_us) AS close_us, sum(callbacks) AS callbacks, sum(satisfied) AS satisfied,
                   sum(unsatisfied) AS unsatisfied, sum(overdue) AS overdue
            FROM taken GROUP BY day, grid_code, category_code, channel, assignee_code)
        SELECT coalesce(sum(s.n), 0),
               array_agg(ROW(s.day, s.grid_code, s.category_code, s.channel, s.assignee_code, s.reports, s.repeats,
                   s.accepted, s.accepted_closed, s.closed, s.closed_on_time, s.dispatch_n, s.dispatch_us, s.close_n,
                   s.close_us, s.callbacks, s.satisfied, s.unsatisfied, s.overdue)::trend_case_part)
        INTO n, case_parts FROM summed s;
        EXIT WHEN n = 0;
        PERFORM trend_apply_case_parts(case_parts);
        folded := folded + n;
        EXIT WHEN n < chunk;
    END LOOP;
    LOOP
        WITH taken AS (
            DELETE FROM trend_pending_event WHERE ctid = ANY(ARRAY(SELECT ctid FROM trend_pending_event LIMIT chunk))
            RETURNING *)
        SELECT count(*), array_agg(ROW(t.day, t.assignee_code, t.returns, t.reworks, t.supervisions, t.signed,
                                       t.sign_us, t.jfb)::trend_event_part)
        INTO n, event_parts FROM taken t;
        EXIT WHEN n = 0;
        PERFORM trend_apply_event_parts(1, event_parts);
        folded := folded + n;
        EXIT WHEN n < chunk;
    END LOOP;
    LOOP
        WITH taken AS (
            DELETE FROM trend_pending_mediation WHERE ctid = ANY(ARRAY(SELECT ctid FROM trend_pending_mediation LIMIT chunk))
            RETURNING *)
        SELECT count(*), array_agg(ROW(t.day, t.grid_code, t.concluded, t.succeeded, t.partial, t.resolved_locally)::trend_pending_mediation)
        INTO n, mediation_parts FROM taken t;
        EXIT WHEN n = 0;
        PERFORM trend_apply_mediation_parts(mediation_parts);
        folded := folded + n;
        EXIT WHEN n < chunk;
    END LOOP;
    RETURN folded;
END
$$;

-- 3. Truncate, rebuild, regroup ----------------------------------------------------------------------------
-- TRUNCATE empties the rollups and what is still pending for them (under the folder's lock, so a fold in
-- flight finishes first instead of deadlocking with the truncate).
CREATE OR REPLACE FUNCTION trend_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(361700982340);
    IF TG_TABLE_NAME = 'cases' THEN
        TRUNCATE trend_case_daily, trend_assignee_daily, trend_pending_case;
    ELSE
        TRUNCATE trend_mediation_daily, trend_pending_mediation;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION trend_case_events_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(361700982340);
    TRUNCATE trend_unit_event_daily, trend_pending_event;
    RETURN NULL;
END
$$;

-- As in 0110, now exact with writers running: SHARE locks let the raw tables be read but not written until
-- the rebuild commits, so every part already pending belongs to a row the recount sees (dropped), and none
-- can arrive meanwhile. Lock order cases → case_events → mediations is the writers' order too.
CREATE OR REPLACE FUNCTION trend_rebuild(chunk bigint DEFAULT 200000) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    lo bigint;
    hi bigint;
BEGIN
    LOCK TABLE cases, case_events, mediations IN SHARE MODE;
    PERFORM pg_advisory_xact_lock(361700982340);
    TRUNCATE trend_case_daily, trend_assignee_daily, trend_mediation_daily, trend_unit_event_daily,
             trend_pending_case, trend_pending_event, trend_pending_mediation;
    SELECT min(id), max(id) INTO lo, hi FROM cases;
    WHILE lo <= hi LOOP
        PERFORM trend_apply_case_parts(ARRAY(
            SELECT p FROM cases c, trend_case_parts(c, 1) p WHERE c.id >= lo AND c.id < lo + chunk));
        lo := lo + chunk;
    END LOOP;
    SELECT min(id), max(id) INTO lo, hi FROM case_events;
    WHILE lo <= hi LOOP
        PERFORM trend_apply_event_parts(1, ARRAY(
            SELECT trend_event_part(e, c) FROM case_events e JOIN cases c ON c.id = e.case_id
            WHERE e.id >= lo AND e.id < lo + chunk AND trend_event_counts(e)));
        lo := lo + chunk;
    END LOOP;
    PERFORM trend_apply_mediations(1, (SELECT jsonb_agg(to_jsonb(m)) FROM mediations m));
END
$$;
