using Npgsql;

namespace CommandCenter.Tests.Trends;

/// <summary>Recounts the trend rollups from the raw tables with plain GROUP BY queries and returns every
/// row where the maintained rollups differ (empty = equal). Rows whose counts all went back to zero are
/// equal to a missing row. Both entry points fold the pending parts first (migration 0160), as every reader does.</summary>
internal static class RollupRecount
{
    /// <summary>Folds every pending part into the rollups (what a reader does before it reads them).</summary>
    public static async Task FoldAsync(NpgsqlDataSource db)
    {
        await using var cmd = db.CreateCommand("SELECT trend_fold()");
        await cmd.ExecuteScalarAsync();
    }

    private const string CaseDiffSql = """
        WITH parts AS (
            SELECT (accepted_at AT TIME ZONE 'Asia/Shanghai')::date AS day, coalesce(grid_code, '') AS g,
                   category_code AS c, channel AS ch,
                   1 AS reports, (merged_into IS NOT NULL OR reopened_count > 0)::int AS repeats,
                   (merged_into IS NULL)::int AS accepted, (merged_into IS NULL AND closed_at IS NOT NULL)::int AS accepted_closed,
                   0 AS closed, 0 AS on_time, 0 AS dispatch_n, 0::numeric AS dispatch_s, 0 AS close_n, 0::numeric AS close_s,
                   0 AS callbacks, 0 AS satisfied, 0 AS unsatisfied
            FROM cases WHERE accepted_at IS NOT NULL
            UNION ALL
            SELECT (closed_at AT TIME ZONE 'Asia/Shanghai')::date, coalesce(grid_code, ''), category_code, channel,
                   0, 0, 0, 0, 1, (deadline_at IS NULL OR closed_at <= deadline_at)::int,
                   (dispatched_at IS NOT NULL AND accepted_at IS NOT NULL)::int,
                   coalesce(extract(epoch FROM dispatched_at - accepted_at), 0),
                   (accepted_at IS NOT NULL)::int, coalesce(extract(epoch FROM closed_at - accepted_at), 0), 0, 0, 0
            FROM cases WHERE merged_into IS NULL AND closed_at IS NOT NULL
            UNION ALL
            SELECT (callback_at AT TIME ZONE 'Asia/Shanghai')::date, coalesce(grid_code, ''), category_code, channel,
                   0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, (satisfaction IN ('满意', '基本满意'))::int, (satisfaction = '不满意')::int
            FROM cases WHERE merged_into IS NULL AND satisfaction IS NOT NULL AND callback_at IS NOT NULL),
        areas AS (
            SELECT p.*, gr.community_code AS cm, gr.region_code AS rg FROM parts p LEFT JOIN grids gr ON gr.code = p.g),
        recount AS (
            SELECT lvl AS area_level, code AS area_code, b.bc AS category_code, b.bch AS channel, day,
                   sum(reports) AS reports, sum(repeats) AS repeats, sum(accepted) AS accepted,
                   sum(accepted_closed) AS accepted_closed, sum(closed) AS closed, sum(on_time) AS closed_on_time,
                   sum(dispatch_n) AS dispatch_n, sum(dispatch_s) AS dispatch_s, sum(close_n) AS close_n,
                   sum(close_s) AS close_s, sum(callbacks) AS callbacks, sum(satisfied) AS satisfied,
                   sum(unsatisfied) AS unsatisfied
            FROM (SELECT 'G'::"char" AS lvl, g AS code, * FROM areas
                  UNION ALL SELECT 'C', cm, * FROM areas WHERE cm IS NOT NULL
                  UNION ALL SELECT 'R', rg, * FROM areas WHERE rg IS NOT NULL
                  UNION ALL SELECT '*', '*', * FROM areas) a,
                 LATERAL (VALUES (a.c, a.ch), (a.c, '*'), ('*', a.ch), ('*', '*')) AS b(bc, bch)
            WHERE NOT (b.bc <> '*' AND b.bch <> '*')
            GROUP BY 1, 2, 3, 4, 5),
        kept AS (
            SELECT * FROM trend_case_daily
            WHERE (reports, repeats, accepted, accepted_closed, closed, closed_on_time, dispatch_n, dispatch_us, close_n,
                   close_us, callbacks, satisfied, unsatisfied) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        SELECT format('%s%s/%s/%s/%s recount=%s kept=%s', coalesce(r.area_level, k.area_level), coalesce(r.area_code, k.area_code),
                      coalesce(r.category_code, k.category_code),
                      coalesce(r.channel, k.channel), coalesce(r.day, k.day),
                      row(r.reports, r.repeats, r.accepted, r.accepted_closed, r.closed, r.closed_on_time, r.dispatch_n,
                          round(r.dispatch_s), r.close_n, round(r.close_s), r.callbacks, r.satisfied, r.unsatisfied),
                      row(k.reports, k.repeats, k.accepted, k.accepted_closed, k.closed, k.closed_on_time, k.dispatch_n,
                          round(k.dispatch_us / 1e6), k.close_n, round(k.close_us / 1e6), k.callbacks, k.satisfied, k.unsatisfied))
        FROM recount r FULL JOIN kept k USING (area_level, area_code, category_code, channel, day)
        WHERE row(r.reports, r.repeats, r.accepted, r.accepted_closed, r.closed, r.closed_on_time, r.dispatch_n,
                  r.close_n, r.callbacks, r.satisfied, r.unsatisfied)
              IS DISTINCT FROM
              row(k.reports, k.repeats, k.accepted, k.accepted_closed, k.closed, k.closed_on_time, k.dispatch_n,
                  k.close_n, k.callbacks, k.satisfied, k.unsatisfied)
           OR abs(r.dispatch_s - k.dispatch_us / 1e6) > 0.001 OR abs(r.close_s - k.close_us / 1e6) > 0.001
        LIMIT 20
        """;

    private const string AssigneeDiffSql = """
        WITH parts AS (
            SELECT (closed_at AT TIME ZONE 'Asia/Shanghai')::date AS day, coalesce(assignee_code, '') AS a,
                   1 AS closed, (deadline_at IS NULL OR closed_at <= deadline_at)::int AS on_time, 0 AS callbacks, 0 AS satisfied
            FROM cases WHERE merged_into IS NULL AND closed_at IS NOT NULL
            UNION ALL
            SELECT (callback_at AT TIME ZONE 'Asia/Shanghai')::date, coalesce(assignee_code, ''), 0, 0, 1,
                   (satisfaction IN ('满意', '基本满意'))::int
            FROM cases WHERE merged_into IS NULL AND satisfaction IS NOT NULL AND callback_at IS NOT NULL),
        recount AS (SELECT a AS assignee_code, day, sum(closed) AS closed, sum(on_time) AS on_time,
                           sum(callbacks) AS callbacks, sum(satisfied) AS satisfied FROM parts GROUP BY 1, 2),
        kept AS (SELECT * FROM trend_assignee_daily WHERE (closed, callbacks) <> (0, 0))
        SELECT format('%s/%s recount=%s kept=%s', coalesce(r.assignee_code, k.assignee_code), coalesce(r.day, k.day),
                      row(r.closed, r.on_time, r.callbacks, r.satisfied), row(k.closed, k.closed_on_time, k.callbacks, k.satisfied))
        FROM recount r FULL JOIN kept k USING (assignee_code, day)
        WHERE row(r.closed, r.on_time, r.callbacks, r.satisfied) IS DISTINCT FROM row(k.closed, k.closed_on_time, k.callbacks, k.satisfied)
        LIMIT 20
        """;

    private const string MediationDiffSql = """
        WITH m AS (SELECT coalesce(grid_code, '') AS g, (ended_at AT TIME ZONE 'Asia/Shanghai')::date AS day, outcome, level
                   FROM mediations WHERE outcome IS NOT NULL AND ended_at IS NOT NULL),
        areas AS (SELECT m.*, gr.community_code AS cm, gr.region_code AS rg FROM m LEFT JOIN grids gr ON gr.code = m.g),
        recount AS (
            SELECT lvl AS area_level, code AS area_code, day, count(*) AS concluded,
                   count(*) FILTER (WHERE outcome = '调解成功') AS succeeded, count(*) FILTER (WHERE outcome = '部分达成') AS partial,
                   count(*) FILTER (WHERE outcome = '调解成功' AND level IN ('网格', '社区')) AS resolved_locally
            FROM (SELECT 'G'::"char" AS lvl, g AS code, * FROM areas
                  UNION ALL SELECT 'C', cm, * FROM areas WHERE cm IS NOT NULL
                  UNION ALL SELECT 'R', rg, * FROM areas WHERE rg IS NOT NULL
                  UNION ALL SELECT '*', '*', * FROM areas) a
            GROUP BY 1, 2, 3),
        kept AS (SELECT * FROM trend_mediation_daily WHERE concluded <> 0)
        SELECT format('%s%s/%s recount=%s kept=%s', coalesce(r.area_level, k.area_level), coalesce(r.area_code, k.area_code),
                      coalesce(r.day, k.day), row(r.concluded, r.succeeded, r.partial, r.resolved_locally), row(k.concluded, k.succeeded, k.partial, k.resolved_locally))
        FROM recount r FULL JOIN kept k USING (area_level, area_code, day)
        WHERE row(r.concluded, r.succeeded, r.partial, r.resolved_locally) IS DISTINCT FROM row(k.concluded, k.succeeded, k.partial, k.resolved_locally)
        LIMIT 20
        """;

    /// <summary>Every difference between the rollups and a recount (at most 20 per table), described.</summary>
    public static async Task<IReadOnlyList<string>> DifferencesAsync(NpgsqlDataSource db)
    {
        await FoldAsync(db);
        var diffs = new List<string>();
        await using var conn = await db.OpenConnectionAsync();
        foreach (var sql in new[] { CaseDiffSql, AssigneeDiffSql, MediationDiffSql })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) diffs.Add(r.GetString(0));
        }
        return diffs;
    }

    /// <summary>How many case rollup rows hold counts (so a test can show it compared something).</summary>
    public static async Task<long> NonEmptyRowsAsync(NpgsqlDataSource db)
    {
        await FoldAsync(db);
        await using var conn = await db.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM trend_case_daily WHERE reports <> 0 OR closed <> 0 OR callbacks <> 0", conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
