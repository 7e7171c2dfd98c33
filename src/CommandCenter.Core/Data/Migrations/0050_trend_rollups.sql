-- Trend rollups for the leaders' pages (/trends, the weekly report). Maintained on the write path by
-- statement-level triggers with transition tables on `cases` and `mediations`: every statement's old
-- rows are subtracted and its new rows added, so ANY writer (ingest's COPY + upsert, officer actions,
-- late or out-of-order updates, a case moved to another grid or category) keeps them exact without
-- knowing they exist. Trend queries read only these tables (plus grids/communities/regions).
--
-- Each case contributes to up to three Shanghai days, following the KPI definitions in Core/Kpis:
--   受理 day (accepted_at): reports, repeats, accepted, accepted_closed (结案率)
--   办结 day (closed_at):   closed, closed_on_time, dispatch/close durations (按期办结率, 平均时长)
--   回访 day (callback_at): callbacks, satisfied, unsatisfied (满意率)
-- Merged duplicates count only in reports/repeats (重复投诉率's denominator includes them).
--
-- Rows are kept per area and at several grains, so any query reads one row per day and area it names
-- (never a sum over grids), whatever the history length:
--   area_level: 'G' grid (code '' = outside every grid), 'C' 村居, 'R' 片区, '*' the whole subdistrict
--   category_code / channel: a value, or '*' = all together; rows exist for (category, '*'), ('*', channel)
--   and ('*', '*') — the grid × category × channel grain is deliberately not kept: no page asks for it,
--   and at 10 million cases it would hold more rows than the cases table and triple every write's cost.
-- 村居 and 片区 rows follow the grids table at write time; when grids move to another 村居 the
-- trigger on grids regroups them from the grid rows (all columns are additive).
CREATE TABLE trend_case_daily (
    area_level       "char" NOT NULL CHECK (area_level IN ('G', 'C', 'R', '*')),
    area_code        text   NOT NULL,
    category_code    text   NOT NULL,
    channel          text   NOT NULL,
    day              date   NOT NULL,
    reports          bigint NOT NULL DEFAULT 0,   -- accepted, merged duplicates included
    repeats          bigint NOT NULL DEFAULT 0,   -- of those, merged as duplicate or reopened after 回访
    accepted         bigint NOT NULL DEFAULT 0,   -- 受理量
    accepted_closed  bigint NOT NULL DEFAULT 0,   -- of those, closed by now
    closed           bigint NOT NULL DEFAULT 0,   -- 办结量
    closed_on_time   bigint NOT NULL DEFAULT 0,
    dispatch_n       bigint NOT NULL DEFAULT 0,   -- closed cases with 受理 and 分流 times
    dispatch_us      bigint NOT NULL DEFAULT 0,   -- sum of 受理→分流 in microseconds (integers: no drift on subtract)
    close_n          bigint NOT NULL DEFAULT 0,
    close_us         bigint NOT NULL DEFAULT 0,   -- sum of 受理→办结 in microseconds
    callbacks        bigint NOT NULL DEFAULT 0,
    satisfied        bigint NOT NULL DEFAULT 0,   -- 满意 + 基本满意
    unsatisfied      bigint NOT NULL DEFAULT 0,
    -- Key order: the area and breakdown first, the day last, so a query is one index range per area
    -- (and category) it names.
    PRIMARY KEY (area_level, area_code, category_code, channel, day)
) WITH (fillfactor = 50);   -- room on each page so the writers' updates are HOT (no index write)

-- The totals rows of every area, day-first and covering: "all grids (or 村居) of a week" — the comparison
-- tables, hotspots, heat map — is one contiguous index-only range instead of one probe per area into
-- rows scattered over the heap. Updates of totals rows are therefore not HOT: a measured write cost.
CREATE INDEX trend_case_daily_totals_idx ON trend_case_daily (area_level, day, area_code)
    INCLUDE (reports, repeats, accepted, accepted_closed, closed, closed_on_time, dispatch_n, dispatch_us,
             close_n, close_us, callbacks, satisfied, unsatisfied)
    WHERE category_code = '*' AND channel = '*';

-- 考核 of the units cases are dispatched to (assignee_code; '' = not dispatched), subdistrict-wide.
CREATE TABLE trend_assignee_daily (
    assignee_code   text   NOT NULL,
    day             date   NOT NULL,
    closed          bigint NOT NULL DEFAULT 0,
    closed_on_time  bigint NOT NULL DEFAULT 0,
    callbacks       bigint NOT NULL DEFAULT 0,
    satisfied       bigint NOT NULL DEFAULT 0,
    unsatisfied     bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (day, assignee_code)   -- a period reads its days' rows, a few hundred units a day
) WITH (fillfactor = 50);

-- 调解 outcomes by the day they ended, per area like trend_case_daily.
CREATE TABLE trend_mediation_daily (
    area_level        "char" NOT NULL CHECK (area_level IN ('G', 'C', 'R', '*')),
    area_code         text   NOT NULL,
    day               date   NOT NULL,
    concluded         bigint NOT NULL DEFAULT 0,
    succeeded         bigint NOT NULL DEFAULT 0,   -- 调解成功 (= disputes resolved)
    partial           bigint NOT NULL DEFAULT 0,   -- 部分达成
    resolved_locally  bigint NOT NULL DEFAULT 0,   -- 调解成功 at 网格 or 社区 level (就地化解)
    PRIMARY KEY (area_level, area_code, day)
) WITH (fillfactor = 50);
CREATE INDEX trend_mediation_daily_day_idx ON trend_mediation_daily (area_level, day, area_code)
    INCLUDE (concluded, succeeded, partial, resolved_locally);

-- One case's signed contribution to one day.
CREATE TYPE trend_case_part AS (
    day date, grid_code text, category_code text, channel text, assignee_code text,
    reports int, repeats int, accepted int, accepted_closed int, closed int, closed_on_time int,
    dispatch_n int, dispatch_us bigint, close_n int, close_us bigint,
    callbacks int, satisfied int, unsatisfied int);

CREATE FUNCTION trend_case_parts(c cases, sign int) RETURNS SETOF trend_case_part
LANGUAGE sql STABLE AS $$
    SELECT p.day, coalesce(c.grid_code, ''), c.category_code, c.channel, coalesce(c.assignee_code, ''),
           sign * p.reports, sign * p.repeats, sign * p.accepted, sign * p.accepted_closed,
           sign * p.closed, sign * p.closed_on_time, sign * p.dispatch_n, sign * p.dispatch_us,
           sign * p.close_n, sign * p.close_us, sign * p.callbacks, sign * p.satisfied, sign * p.unsatisfied
    FROM (VALUES
        -- 受理 day
        ((c.accepted_at AT TIME ZONE 'Asia/Shanghai')::date,
         1, (c.merged_into IS NOT NULL OR c.reopened_count > 0)::int,
         (c.merged_into IS NULL)::int, (c.merged_into IS NULL AND c.closed_at IS NOT NULL)::int,
         0, 0, 0, 0::bigint, 0, 0::bigint, 0, 0, 0),
        -- 办结 day (merged duplicates are not counted)
        (CASE WHEN c.merged_into IS NULL THEN (c.closed_at AT TIME ZONE 'Asia/Shanghai')::date END,
         0, 0, 0, 0,
         1, (c.deadline_at IS NULL OR c.closed_at <= c.deadline_at)::int,
         (c.dispatched_at IS NOT NULL AND c.accepted_at IS NOT NULL)::int,
         coalesce((date_part('epoch', c.dispatched_at - c.accepted_at) * 1e6)::bigint, 0),
         (c.accepted_at IS NOT NULL)::int,
         coalesce((date_part('epoch', c.closed_at - c.accepted_at) * 1e6)::bigint, 0),
         0, 0, 0),
        -- 回访 day
        (CASE WHEN c.merged_into IS NULL AND c.satisfaction IS NOT NULL
              THEN (c.callback_at AT TIME ZONE 'Asia/Shanghai')::date END,
         0, 0, 0, 0, 0, 0, 0, 0::bigint, 0, 0::bigint,
         1, (c.satisfaction IN ('满意', '基本满意'))::int, (c.satisfaction = '不满意')::int)
    ) AS p(day, reports, repeats, accepted, accepted_closed, closed, closed_on_time,
           dispatch_n, dispatch_us, close_n, close_us, callbacks, satisfied, unsatisfied)
    WHERE p.day IS NOT NULL
$$;

-- Adds signed parts into the rollups at every grain. Rows are written in key order so concurrent
-- writers lock shared rows (e.g. today's subdistrict total) in the same order and cannot deadlock
-- within one statement; groups whose deltas cancel out (an update that moved nothing) write nothing.
CREATE FUNCTION trend_apply_case_parts(parts trend_case_part[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(cardinality(parts), 0) = 0 THEN RETURN; END IF;
    -- Every writer updates today's shared rows (the subdistrict's, its 片区's), so writers queue on them until
    -- commit anyway; queueing on one lock first makes that order explicit and rules out deadlocks between
    -- transactions that write cases in several statements (row locks taken in key order per statement only).
    PERFORM pg_advisory_xact_lock(361700982340);  -- 'TREND'

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
    -- cases outside every grid belong to no 村居 or 片区 (they count in the grid '' and subdistrict rows)
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

    INSERT INTO trend_assignee_daily AS t (assignee_code, day, closed, closed_on_time, callbacks, satisfied, unsatisfied)
    SELECT p.assignee_code, p.day, sum(p.closed), sum(p.closed_on_time), sum(p.callbacks), sum(p.satisfied), sum(p.unsatisfied)
    FROM unnest(parts) p
    WHERE p.closed <> 0 OR p.callbacks <> 0
    GROUP BY p.assignee_code, p.day
    HAVING (sum(p.closed), sum(p.closed_on_time), sum(p.callbacks), sum(p.satisfied), sum(p.unsatisfied))
           IS DISTINCT FROM (0, 0, 0, 0, 0)
    ORDER BY 2, 1
    ON CONFLICT (day, assignee_code) DO UPDATE SET
        closed = t.closed + excluded.closed,
        closed_on_time = t.closed_on_time + excluded.closed_on_time,
        callbacks = t.callbacks + excluded.callbacks,
        satisfied = t.satisfied + excluded.satisfied,
        unsatisfied = t.unsatisfied + excluded.unsatisfied;
END
$$;

-- One function for the three triggers: which transition tables exist depends on the operation.
CREATE FUNCTION trend_cases_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM trend_apply_case_parts(ARRAY(SELECT p FROM new_rows n, trend_case_parts(n, 1) p));
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM trend_apply_case_parts(ARRAY(SELECT p FROM old_rows o, trend_case_parts(o, -1) p));
    ELSE
        -- Only rows whose trend-relevant columns changed: an officer's note or a 督办 level costs nothing here.
        PERFORM trend_apply_case_parts(ARRAY(
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

CREATE TRIGGER trend_cases_insert AFTER INSERT ON cases
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trend_cases_changed();
CREATE TRIGGER trend_cases_update AFTER UPDATE ON cases
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trend_cases_changed();
CREATE TRIGGER trend_cases_delete AFTER DELETE ON cases
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION trend_cases_changed();

-- Mediations: one signed part per concluded mediation.
CREATE FUNCTION trend_apply_mediations(sign int, rows_json jsonb) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(361700982340);  -- see trend_apply_case_parts
    INSERT INTO trend_mediation_daily AS t (area_level, area_code, day, concluded, succeeded, partial, resolved_locally)
    SELECT CASE WHEN GROUPING(m.grid) = 0 THEN 'G' WHEN GROUPING(g.community_code) = 0 THEN 'C'
                WHEN GROUPING(g.region_code) = 0 THEN 'R' ELSE '*' END::"char",
           CASE WHEN GROUPING(m.grid) = 0 THEN m.grid WHEN GROUPING(g.community_code) = 0 THEN g.community_code
                WHEN GROUPING(g.region_code) = 0 THEN g.region_code ELSE '*' END,
           m.day,
           sign * count(*), sign * count(*) FILTER (WHERE m.outcome = '调解成功'),
           sign * count(*) FILTER (WHERE m.outcome = '部分达成'),
           sign * count(*) FILTER (WHERE m.outcome = '调解成功' AND m.level IN ('网格', '社区'))
    FROM (SELECT coalesce(r.grid_code, '') AS grid, (r.ended_at AT TIME ZONE 'Asia/Shanghai')::date AS day,
                 r.outcome, r.level
          FROM jsonb_populate_recordset(NULL::mediations, rows_json) r
          WHERE r.outcome IS NOT NULL AND r.ended_at IS NOT NULL) m
    LEFT JOIN grids g ON g.code = m.grid
    GROUP BY GROUPING SETS ((m.day, m.grid), (m.day, g.community_code), (m.day, g.region_code), (m.day))
    HAVING NOT (GROUPING(g.community_code) = 0 AND g.community_code IS NULL)
       AND NOT (GROUPING(g.region_code) = 0 AND g.region_code IS NULL)
    ORDER BY 1, 2, 3
    ON CONFLICT (area_level, area_code, day) DO UPDATE SET
        concluded = t.concluded + excluded.concluded,
        succeeded = t.succeeded + excluded.succeeded,
        partial = t.partial + excluded.partial,
        resolved_locally = t.resolved_locally + excluded.resolved_locally;
END
$$;

CREATE FUNCTION trend_mediations_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Mediations arrive a few per day: passing the rows as jsonb keeps one code path for the three operations.
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM trend_apply_mediations(-1, (SELECT jsonb_agg(to_jsonb(o)) FROM old_rows o));
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        PERFORM trend_apply_mediations(1, (SELECT jsonb_agg(to_jsonb(n)) FROM new_rows n));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER trend_mediations_insert AFTER INSERT ON mediations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trend_mediations_changed();
CREATE TRIGGER trend_mediations_update AFTER UPDATE ON mediations
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trend_mediations_changed();
CREATE TRIGGER trend_mediations_delete AFTER DELETE ON mediations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION trend_mediations_changed();

-- TRUNCATE has no transition tables: empty the rollups with it.
CREATE FUNCTION trend_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'cases' THEN
        TRUNCATE trend_case_daily, trend_assignee_daily;
    ELSE
        TRUNCATE trend_mediation_daily;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER trend_cases_truncate AFTER TRUNCATE ON cases FOR EACH STATEMENT EXECUTE FUNCTION trend_truncated();
CREATE TRIGGER trend_mediations_truncate AFTER TRUNCATE ON mediations FOR EACH STATEMENT EXECUTE FUNCTION trend_truncated();

-- 村居 and 片区 rows from the grid rows (all columns add up): run when grids change 村居 or 片区.
CREATE FUNCTION trend_regroup() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(361700982340);  -- see trend_apply_case_parts
    DELETE FROM trend_case_daily WHERE area_level IN ('C', 'R');
    INSERT INTO trend_case_daily (area_level, area_code, category_code, channel, day, reports, repeats, accepted,
        accepted_closed, closed, closed_on_time, dispatch_n, dispatch_us, close_n, close_us, callbacks, satisfied, unsatisfied)
    SELECT CASE WHEN GROUPING(g.community_code) = 0 THEN 'C' ELSE 'R' END::"char",
           CASE WHEN GROUPING(g.community_code) = 0 THEN g.community_code ELSE g.region_code END,
           t.category_code, t.channel, t.day, sum(t.reports), sum(t.repeats), sum(t.accepted), sum(t.accepted_closed),
           sum(t.closed), sum(t.closed_on_time), sum(t.dispatch_n), sum(t.dispatch_us), sum(t.close_n), sum(t.close_us),
           sum(t.callbacks), sum(t.satisfied), sum(t.unsatisfied)
    FROM trend_case_daily t JOIN grids g ON g.code = t.area_code
    WHERE t.area_level = 'G'
    GROUP BY GROUPING SETS ((g.community_code, t.category_code, t.channel, t.day), (g.region_code, t.category_code, t.channel, t.day));
    DELETE FROM trend_mediation_daily WHERE area_level IN ('C', 'R');
    INSERT INTO trend_mediation_daily (area_level, area_code, day, concluded, succeeded, partial, resolved_locally)
    SELECT CASE WHEN GROUPING(g.community_code) = 0 THEN 'C' ELSE 'R' END::"char",
           CASE WHEN GROUPING(g.community_code) = 0 THEN g.community_code ELSE g.region_code END,
           t.day, sum(t.concluded), sum(t.succeeded), sum(t.partial), sum(t.resolved_locally)
    FROM trend_mediation_daily t JOIN grids g ON g.code = t.area_code
    WHERE t.area_level = 'G'
    GROUP BY GROUPING SETS ((g.community_code, t.day), (g.region_code, t.day));
END
$$;

CREATE FUNCTION trend_grids_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Only when a grid that has cases joins, leaves or moves: importing new grids, or re-importing the
    -- same ones, costs nothing.
    IF TG_OP = 'INSERT' THEN
        IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN trend_case_daily t ON t.area_level = 'G' AND t.area_code = n.code) THEN
            RETURN NULL;
        END IF;
    ELSIF TG_OP = 'DELETE' THEN
        IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN trend_case_daily t ON t.area_level = 'G' AND t.area_code = o.code) THEN
            RETURN NULL;
        END IF;
    ELSIF NOT EXISTS (
        SELECT 1 FROM old_rows o FULL JOIN new_rows n ON n.code = o.code
        WHERE (o.code, o.community_code, o.region_code) IS DISTINCT FROM (n.code, n.community_code, n.region_code)) THEN
        RETURN NULL;
    END IF;
    PERFORM trend_regroup();
    RETURN NULL;
END
$$;
CREATE TRIGGER trend_grids_insert AFTER INSERT ON grids
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trend_grids_changed();
CREATE TRIGGER trend_grids_update AFTER UPDATE ON grids
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trend_grids_changed();
CREATE TRIGGER trend_grids_delete AFTER DELETE ON grids
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION trend_grids_changed();

-- Recomputes every rollup from the raw tables (repair, or rows loaded with triggers disabled), in
-- chunks of cases by id so memory stays bounded on a large history. Same code path as the triggers.
CREATE FUNCTION trend_rebuild(chunk bigint DEFAULT 200000) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    lo bigint;
    hi bigint;
BEGIN
    TRUNCATE trend_case_daily, trend_assignee_daily, trend_mediation_daily;
    SELECT min(id), max(id) INTO lo, hi FROM cases;
    WHILE lo <= hi LOOP
        PERFORM trend_apply_case_parts(ARRAY(
            SELECT p FROM cases c, trend_case_parts(c, 1) p WHERE c.id >= lo AND c.id < lo + chunk));
        lo := lo + chunk;
    END LOOP;
    PERFORM trend_apply_mediations(1, (SELECT jsonb_agg(to_jsonb(m)) FROM mediations m));
END
$$;

SELECT trend_rebuild();
