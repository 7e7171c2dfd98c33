-- The wall refreshes its whole snapshot on every change (issue 17). With 100,000 open cases and millions
-- closed, three of its reads walked the whole table; each of these makes one of them an index range
-- bounded by today's volume or by the open cases, never by the history (EXPLAIN ANALYZE in the README).

-- 满意率's 回访 counts (callback_at in the period): a sequential scan of every case without it.
CREATE INDEX IF NOT EXISTS cases_callback_idx ON cases (callback_at) WHERE callback_at IS NOT NULL;

-- The wall's latest cases (ORDER BY coalesce(accepted_at, reported_at) DESC, id DESC LIMIT n): a top-n
-- sort of the whole table without it; with it, the first n entries of the index.
CREATE INDEX IF NOT EXISTS cases_recent_idx ON cases ((coalesce(accepted_at, reported_at)) DESC, id DESC)
    WHERE merged_into IS NULL;

-- The "open at now" figures (超期, 督办, 紧急, per grid): an index-only scan of the open cases with every
-- column those counts read, instead of a heap visit per open case. Used by the closed_at IS NULL branch
-- of KpiCalculator's open-case reads (the closed_at > now branch is cases_closed_idx).
CREATE INDEX IF NOT EXISTS cases_open_wall_idx ON cases (grid_code)
    INCLUDE (reported_at, deadline_at, priority, supervise_level)
    WHERE closed_at IS NULL AND merged_into IS NULL;
