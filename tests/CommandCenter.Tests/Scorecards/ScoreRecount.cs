using CommandCenter.Core.Scorecards;
using Npgsql;

namespace CommandCenter.Tests.Scorecards;

/// <summary>Every unit's <see cref="UnitMetrics"/> for whole Shanghai days first..last, counted from the raw
/// cases and case_events with plain GROUP BYs (no rollup involved), by the definitions of migration 0110.</summary>
internal static class ScoreRecount
{
    private const string CasesSql = """
        WITH c AS (
            SELECT coalesce(assignee_code, '') AS a, accepted_at, closed_at, deadline_at, callback_at, satisfaction,
                   (accepted_at AT TIME ZONE 'Asia/Shanghai')::date AS acc_day,
                   (closed_at AT TIME ZONE 'Asia/Shanghai')::date AS closed_day,
                   (callback_at AT TIME ZONE 'Asia/Shanghai')::date AS callback_day,
                   (deadline_at AT TIME ZONE 'Asia/Shanghai')::date AS deadline_day
            FROM cases WHERE merged_into IS NULL)
        SELECT a,
               count(*) FILTER (WHERE acc_day BETWEEN @first AND @last),
               count(*) FILTER (WHERE acc_day BETWEEN @first AND @last AND closed_at IS NOT NULL),
               count(*) FILTER (WHERE closed_day BETWEEN @first AND @last),
               count(*) FILTER (WHERE closed_day BETWEEN @first AND @last AND (deadline_at IS NULL OR closed_at <= deadline_at)),
               count(*) FILTER (WHERE satisfaction IS NOT NULL AND callback_day BETWEEN @first AND @last),
               count(*) FILTER (WHERE satisfaction IN ('满意', '基本满意') AND callback_day BETWEEN @first AND @last),
               count(*) FILTER (WHERE deadline_day BETWEEN @first AND @last AND deadline_day < @today
                                  AND (closed_at IS NULL OR closed_at > deadline_at))
        FROM c GROUP BY 1
        """;

    private const string EventsSql = """
        WITH e AS (
            SELECT e.*, c.dispatched_at,
                   coalesce(CASE WHEN e.action = 'return' THEN e.data ->> 'returnedBy' ELSE c.assignee_code END, '') AS a,
                   (e.action = 'start' OR (e.action = 'source-update' AND e.to_status = 'in_progress'
                                           AND e.from_status IN ('pending', 'accepted', 'dispatched')))
                       AND c.dispatched_at IS NOT NULL AND e.at >= c.dispatched_at AS signed,
                   e.id = (SELECT min(x.id) FROM case_events x WHERE x.case_id = e.case_id AND x.data ->> 'escalatedJfb' = 'true') AS first_jfb
            FROM case_events e JOIN cases c ON c.id = e.case_id
            WHERE (e.at AT TIME ZONE 'Asia/Shanghai')::date BETWEEN @first AND @last)
        SELECT a,
               count(*) FILTER (WHERE action = 'return'),
               count(*) FILTER (WHERE action = 'rework' OR (action = 'callback' AND data ->> 'reopened' = 'true')),
               count(*) FILTER (WHERE action IN ('supervise', 'auto-supervise')),
               count(*) FILTER (WHERE signed),
               coalesce(sum(extract(epoch FROM at - dispatched_at)) FILTER (WHERE signed), 0)::float8 * 1e6,
               count(*) FILTER (WHERE first_jfb)
        FROM e GROUP BY 1
        """;

    public static async Task<Dictionary<string, UnitMetrics>> MetricsAsync(NpgsqlDataSource db, DateOnly first, DateOnly last, DateOnly today)
    {
        var result = new Dictionary<string, UnitMetrics>();
        await using var conn = await db.OpenConnectionAsync();
        await using (var cmd = Command(conn, CasesSql, first, last, today))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
                result[r.GetString(0)] = new UnitMetrics
                {
                    Accepted = r.GetInt64(1), AcceptedClosed = r.GetInt64(2), Closed = r.GetInt64(3), ClosedOnTime = r.GetInt64(4),
                    Callbacks = r.GetInt64(5), Satisfied = r.GetInt64(6), Overdue = r.GetInt64(7),
                };
        await using (var cmd = Command(conn, EventsSql, first, last, today))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync())
                result[r.GetString(0)] = (result.GetValueOrDefault(r.GetString(0)) ?? UnitMetrics.None).Add(new UnitMetrics
                {
                    Returns = r.GetInt64(1), Reworks = r.GetInt64(2), Supervisions = r.GetInt64(3), Signed = r.GetInt64(4),
                    SignMicroseconds = r.GetDouble(5), Jfb = r.GetInt64(6),
                });
        return result;
    }

    private static NpgsqlCommand Command(NpgsqlConnection conn, string sql, DateOnly first, DateOnly last, DateOnly today)
    {
        var cmd = new NpgsqlCommand(sql, conn);
        cmd.Parameters.AddWithValue("first", first);
        cmd.Parameters.AddWithValue("last", last);
        cmd.Parameters.AddWithValue("today", today);
        return cmd;
    }
}
