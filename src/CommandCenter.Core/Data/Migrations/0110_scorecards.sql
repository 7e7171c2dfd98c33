-- 考核 scorecards, their versions, and the published monthly 通报 (bulletins).
--
-- The scorecard of a unit (a department, a 村居, a grid team = cases.assignee_code) is computed from
-- rollups only, like /trends, so a month's ranking of every unit reads a few thousand rollup rows at
-- any history length. Two rollups feed it:
--   trend_assignee_daily (0050), extended here by the 受理 day (accepted, accepted_closed → 结案率) and
--     the deadline day (overdue: the deadline passed before the case was closed → 超期件). Same
--     state-based triggers on cases as before: old rows subtracted, new rows added.
--   trend_unit_event_daily (new): what happened to a unit's cases, counted from case_events as they are
--     appended (退回, 重办, 督办, 签收 and its time, the first escalation to 纠风办).

-- 1. The case side --------------------------------------------------------------------------------
ALTER TABLE trend_assignee_daily
    ADD COLUMN accepted        bigint NOT NULL DEFAULT 0,   -- 受理 day: cases (not merged) now with this unit
    ADD COLUMN accepted_closed bigint NOT NULL DEFAULT 0,   -- of those, closed by now
    ADD COLUMN overdue         bigint NOT NULL DEFAULT 0;   -- deadline day: not closed by the deadline

ALTER TYPE trend_case_part ADD ATTRIBUTE overdue int;

-- As in 0050, plus a fourth day: the deadline day, when the case was not closed by its deadline (still
-- open, or closed after it). A case still open with a deadline later today counts already; the scorecard
-- therefore reads deadline days before today only.
CREATE OR REPLACE FUNCTION trend_case_parts(c cases, sign int) RETURNS SETOF trend_case_part
LANGUAGE sql STABLE AS $$
    SELECT p.day, coalesce(c.grid_code, ''), c.category_code, c.channel, coalesce(c.assignee_code, ''),
           sign * p.reports, sign * p.repeats, sign * p.accepted, sign * p.accepted_closed,
           sign * p.closed, sign * p.closed_on_time, sign * p.dispatch_n, sign * p.dispatch_us,
           sign * p.close_n, sign * p.close_us, sign * p.callbacks, sign * p.satisfied, sign * p.unsatisfied,
           sign * p.overdue
    FROM (VALUES
        -- 受理 day
        ((c.accepted_at AT TIME ZONE 'Asia/Shanghai')::date,
         1, (c.merged_into IS NOT NULL OR c.reopened_count > 0)::int,
         (c.merged_into IS NULL)::int, (c.merged_into IS NULL AND c.closed_at IS NOT NULL)::int,
         0, 0, 0, 0::bigint, 0, 0::bigint, 0, 0, 0, 0),
        -- 办结 day (merged duplicates are not counted)
        (CASE WHEN c.merged_into IS NULL THEN (c.closed_at AT TIME ZONE 'Asia/Shanghai')::date END,
         0, 0, 0, 0,
         1, (c.deadline_at IS NULL OR c.closed_at <= c.deadline_at)::int,
         (c.dispatched_at IS NOT NULL AND c.accepted_at IS NOT NULL)::int,
         coalesce((date_part('epoch', c.dispatched_at - c.accepted_at) * 1e6)::bigint, 0),
         (c.accepted_at IS NOT NULL)::int,
         coalesce((date_part('epoch', c.closed_at - c.accepted_at) * 1e6)::bigint, 0),
         0, 0, 0, 0),
        -- 回访 day
        (CASE WHEN c.merged_into IS NULL AND c.satisfaction IS NOT NULL
              THEN (c.callback_at AT TIME ZONE 'Asia/Shanghai')::date END,
         0, 0, 0, 0, 0, 0, 0, 0::bigint, 0, 0::bigint,
         1, (c.satisfaction IN ('满意', '基本满意'))::int, (c.satisfaction = '不满意')::int, 0),
        -- deadline day, missed (超期)
        (CASE WHEN c.merged_into IS NULL AND c.deadline_at IS NOT NULL
                   AND (c.closed_at IS NULL OR c.closed_at > c.deadline_at)
              THEN (c.deadline_at AT TIME ZONE 'Asia/Shanghai')::date END,
         0, 0, 0, 0, 0, 0, 0, 0::bigint, 0, 0::bigint, 0, 0, 0, 1)
    ) AS p(day, reports, repeats, accepted, accepted_closed, closed, closed_on_time,
           dispatch_n, dispatch_us, close_n, close_us, callbacks, satisfied, unsatisfied, overdue)
    WHERE p.day IS NOT NULL
$$;

-- As in 0050 (trend_case_daily unchanged: the deadline parts sum to zero there and are skipped by the
-- HAVING), with the unit rows carrying the new columns.
CREATE OR REPLACE FUNCTION trend_apply_case_parts(parts trend_case_part[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(cardinality(parts), 0) = 0 THEN RETURN; END IF;
    PERFORM pg_advisory_xact_lock(361700982340);  -- 'TREND', see 0050

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
    WHERE p.closed <> 0 OR p.callbacks <> 0 OR p.accepted <> 0 OR p.overdue <> 0
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

-- 2. The event side -------------------------------------------------------------------------------
-- Counted by the day of the event (Asia/Shanghai) and the unit that had the case when it happened:
-- the unit that returned it (退回: data.returnedBy), otherwise the case's assignee at that moment.
CREATE TABLE trend_unit_event_daily (
    assignee_code  text   NOT NULL,
    day            date   NOT NULL,
    returns        bigint NOT NULL DEFAULT 0,   -- 退回 by the unit
    reworks        bigint NOT NULL DEFAULT 0,   -- 驳回重办, and 回访不满意 → reopened for rectification
    supervisions   bigint NOT NULL DEFAULT 0,   -- 督办, manual and automatic (each level raised)
    signed         bigint NOT NULL DEFAULT 0,   -- 签收 (the unit's 签收处置, or a source reporting 处置中)
    sign_us        bigint NOT NULL DEFAULT 0,   -- sum of 分流→签收 in microseconds
    jfb            bigint NOT NULL DEFAULT 0,   -- escalated to 纠风办 (the case's first escalation only)
    PRIMARY KEY (day, assignee_code)
) WITH (fillfactor = 50);

-- One event's contribution (all zero for events that count for nothing).
CREATE TYPE trend_event_part AS (
    day date, assignee_code text, returns int, reworks int, supervisions int, signed int, sign_us bigint, jfb int);

CREATE FUNCTION trend_event_part(e case_events, c cases) RETURNS trend_event_part
LANGUAGE sql STABLE AS $$
    SELECT (e.at AT TIME ZONE 'Asia/Shanghai')::date,
           coalesce(CASE WHEN e.action = 'return' THEN e.data ->> 'returnedBy' ELSE c.assignee_code END, ''),
           (e.action = 'return')::int,
           (e.action = 'rework' OR (e.action = 'callback' AND coalesce((e.data ->> 'reopened')::boolean, false)))::int,
           (e.action IN ('supervise', 'auto-supervise'))::int,
           s.signed, CASE WHEN s.signed = 1 THEN (date_part('epoch', e.at - c.dispatched_at) * 1e6)::bigint ELSE 0 END,
           (coalesce((e.data ->> 'escalatedJfb')::boolean, false)
            AND NOT EXISTS (SELECT 1 FROM case_events x
                            WHERE x.case_id = e.case_id AND x.id < e.id AND x.data ->> 'escalatedJfb' = 'true'))::int
    FROM (SELECT ((e.action = 'start'
                   OR (e.action = 'source-update' AND e.to_status = 'in_progress'
                       AND e.from_status IN ('pending', 'accepted', 'dispatched')))
                  AND c.dispatched_at IS NOT NULL AND e.at >= c.dispatched_at)::int AS signed) s
$$;

-- The actions that can count: everything else (notes, photos, most source updates) costs one comparison.
CREATE FUNCTION trend_event_counts(e case_events) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
    SELECT e.action IN ('return', 'rework', 'callback', 'supervise', 'auto-supervise', 'start')
        OR (e.action = 'source-update' AND e.to_status = 'in_progress')
$$;

CREATE FUNCTION trend_apply_event_parts(sign int, parts trend_event_part[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(cardinality(parts), 0) = 0 THEN RETURN; END IF;
    PERFORM pg_advisory_xact_lock(361700982340);  -- see trend_apply_case_parts
    INSERT INTO trend_unit_event_daily AS t (assignee_code, day, returns, reworks, supervisions, signed, sign_us, jfb)
    SELECT p.assignee_code, p.day, sign * sum(p.returns), sign * sum(p.reworks), sign * sum(p.supervisions),
           sign * sum(p.signed), sign * sum(p.sign_us), sign * sum(p.jfb)
    FROM unnest(parts) p
    GROUP BY p.assignee_code, p.day
    HAVING (sum(p.returns), sum(p.reworks), sum(p.supervisions), sum(p.signed), sum(p.jfb)) IS DISTINCT FROM (0, 0, 0, 0, 0)
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

CREATE FUNCTION trend_case_events_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- case_events is append-only in the application (it is the timeline and the audit trail); DELETE is
    -- handled for test clean-ups and repairs, judged against the case as it is then.
    IF TG_OP = 'INSERT' THEN
        PERFORM trend_apply_event_parts(1, ARRAY(
            SELECT trend_event_part(n, c) FROM new_rows n JOIN cases c ON c.id = n.case_id
            WHERE trend_event_counts(n)));
    ELSE
        PERFORM trend_apply_event_parts(-1, ARRAY(
            SELECT trend_event_part(o, c) FROM old_rows o JOIN cases c ON c.id = o.case_id
            WHERE trend_event_counts(o)));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER trend_case_events_insert AFTER INSERT ON case_events
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trend_case_events_changed();
CREATE TRIGGER trend_case_events_delete AFTER DELETE ON case_events
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION trend_case_events_changed();

CREATE FUNCTION trend_case_events_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE trend_unit_event_daily;
    RETURN NULL;
END
$$;
CREATE TRIGGER trend_case_events_truncate AFTER TRUNCATE ON case_events
    FOR EACH STATEMENT EXECUTE FUNCTION trend_case_events_truncated();

-- The rebuild of 0050 plus the event rollup. A rebuild judges each event against its case as it is now
-- (the assignee of a case re-dispatched since is the new one); the triggers judged it when it was written.
CREATE OR REPLACE FUNCTION trend_rebuild(chunk bigint DEFAULT 200000) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    lo bigint;
    hi bigint;
BEGIN
    TRUNCATE trend_case_daily, trend_assignee_daily, trend_mediation_daily, trend_unit_event_daily;
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

-- The bulletin names the month's 纠风办 cases: few rows, found without reading every case.
CREATE INDEX IF NOT EXISTS cases_escalated_jfb_idx ON cases (id) WHERE escalated_jfb;

-- 3. Scorecards -----------------------------------------------------------------------------------
-- One scorecard for the subdistrict; every save is a new version and old versions are never changed, so
-- a published bulletin (which names its version) can always be explained. The definition is the JSON
-- of Core/Scorecards/ScorecardDefinition.
CREATE TABLE scorecard_versions (
    version     integer PRIMARY KEY CHECK (version > 0),
    definition  jsonb NOT NULL,
    note        text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL,
    created_by  text NOT NULL
);

-- 月度通报: the computed content as published (JSON text, kept byte for byte), never changed afterwards.
CREATE TABLE bulletins (
    month              date PRIMARY KEY CHECK (date_trunc('month', month)::date = month),
    scorecard_version  integer NOT NULL REFERENCES scorecard_versions (version),
    content            text NOT NULL,
    content_sha256     text NOT NULL,
    published_at       timestamptz NOT NULL,
    published_by       text NOT NULL
);

CREATE FUNCTION scorecards_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% rows are never changed or deleted (a new version / bulletin is a new row)', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
CREATE TRIGGER scorecard_versions_immutable BEFORE UPDATE OR DELETE ON scorecard_versions
    FOR EACH ROW EXECUTE FUNCTION scorecards_immutable();
CREATE TRIGGER bulletins_immutable BEFORE UPDATE OR DELETE ON bulletins
    FOR EACH ROW EXECUTE FUNCTION scorecards_immutable();

-- The default scorecard, after the seeds' 18-item responsibility list, kept to nine items: four scored
-- (weights sum to 100) and five deductions with caps.
INSERT INTO scorecard_versions (version, definition, note, created_at, created_by) VALUES (1, $json$
{
  "items": [
    { "metric": "on-time-rate", "name": "按期办结率", "weight": 30 },
    { "metric": "satisfaction-rate", "name": "满意率", "weight": 30 },
    { "metric": "closure-rate", "name": "结案率", "weight": 20 },
    { "metric": "sign-hours", "name": "平均签收时长", "weight": 20, "targetHours": 2 },
    { "metric": "returns", "name": "退回件", "perCase": 1, "cap": 10 },
    { "metric": "reworks", "name": "重办件", "perCase": 2, "cap": 10 },
    { "metric": "overdue", "name": "超期件", "perCase": 1, "cap": 15 },
    { "metric": "supervised", "name": "督办件", "perCase": 0.5, "cap": 10 },
    { "metric": "jfb", "name": "纠风办件", "perCase": 5, "cap": 20 }
  ],
  "focusCount": 3,
  "listCount": 3
}
$json$::jsonb, '默认考核细则（参照 18 项责任清单）', now(), '系统');

SELECT trend_rebuild();
