using System.Diagnostics;
using CommandCenter.Core.Scorecards;
using CommandCenter.Core.Time;
using Npgsql;

namespace CommandCenter.Bench;

/// <summary>The scorecard part of ./bench.sh trends: the case events a scorecard counts (签收 for most dispatched
/// cases, some 退回, 驳回重办, 督办 and 纠风办 escalations), loaded with the triggers off and rolled up by the
/// same trend_rebuild(); then a month's ranking of every unit (three kinds, the month and the one before) from
/// the rollups against the same numbers computed from the raw cases and events.</summary>
internal static class ScorecardBench
{
    // About 0.9 events per case, at plausible offsets after the dispatch.
    private const string EventsSql = """
        INSERT INTO case_events (case_id, at, actor, action, from_status, to_status, data)
        SELECT c.id, c.dispatched_at + k.minutes * interval '1 minute', 'bench', k.action, k.f, k.t,
               CASE k.action WHEN 'return' THEN jsonb_build_object('returnedBy', c.assignee_code)
                             WHEN 'callback' THEN jsonb_build_object('reopened', true, 'escalatedJfb', true) ELSE '{}'::jsonb END
        FROM cases c
        CROSS JOIN LATERAL (SELECT abs(hashint8(c.id + 3)) AS h) x
        CROSS JOIN LATERAL (VALUES
            ('start', 'dispatched', 'in_progress', 15 + x.h % 200, x.h % 10 < 7),
            ('return', 'dispatched', 'accepted', 30 + x.h % 60, x.h % 29 = 0),
            ('rework', 'feedback', 'in_progress', 900, x.h % 31 = 0),
            ('auto-supervise', 'in_progress', 'in_progress', 4320, x.h % 11 = 0),
            ('callback', 'callback', 'in_progress', 6000, x.h % 97 = 0)
        ) AS k(action, f, t, minutes, wanted)
        WHERE c.id >= @lo AND c.id <= @hi AND c.dispatched_at IS NOT NULL AND k.wanted
        """;

    // The scorecard's numbers from the raw tables, as the recount test counts them (given indexes on
    // case_events.at and cases.deadline_at, which the schema does not have).
    private const string RawSql = """
        WITH c AS (
            SELECT coalesce(assignee_code, '') AS a, (accepted_at AT TIME ZONE 'Asia/Shanghai')::date AS acc_day,
                   (closed_at AT TIME ZONE 'Asia/Shanghai')::date AS closed_day, (callback_at AT TIME ZONE 'Asia/Shanghai')::date AS cb_day,
                   (deadline_at AT TIME ZONE 'Asia/Shanghai')::date AS dl_day, closed_at, deadline_at, satisfaction
            FROM cases
            WHERE merged_into IS NULL AND (accepted_at >= @from AND accepted_at < @to OR closed_at >= @from AND closed_at < @to
                  OR callback_at >= @from AND callback_at < @to OR deadline_at >= @from AND deadline_at < @to))
        SELECT a, acc_day >= @first, count(*) FILTER (WHERE acc_day IS NOT NULL), count(*) FILTER (WHERE closed_at IS NOT NULL),
               count(*) FILTER (WHERE closed_day IS NOT NULL AND (deadline_at IS NULL OR closed_at <= deadline_at)),
               count(*) FILTER (WHERE satisfaction IN ('满意', '基本满意')),
               count(*) FILTER (WHERE dl_day < @today AND (closed_at IS NULL OR closed_at > deadline_at))
        FROM c GROUP BY 1, 2;
        SELECT coalesce(CASE WHEN e.action = 'return' THEN e.data ->> 'returnedBy' ELSE c.assignee_code END, '') AS a,
               e.at >= @fromCur, count(*) FILTER (WHERE e.action = 'return'),
               count(*) FILTER (WHERE e.action = 'rework' OR e.data ->> 'reopened' = 'true'),
               count(*) FILTER (WHERE e.action IN ('supervise', 'auto-supervise')),
               count(*) FILTER (WHERE e.action = 'start'), sum(extract(epoch FROM e.at - c.dispatched_at)) FILTER (WHERE e.action = 'start'),
               count(*) FILTER (WHERE e.data ->> 'escalatedJfb' = 'true'
                                  AND e.id = (SELECT min(x.id) FROM case_events x WHERE x.case_id = e.case_id AND x.data ->> 'escalatedJfb' = 'true'))
        FROM case_events e JOIN cases c ON c.id = e.case_id
        WHERE e.at >= @from AND e.at < @to
        GROUP BY 1, 2;
        """;

    public static async Task<double> LoadEventsAsync(NpgsqlDataSource db, long cases, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        // Bench data: no audit lines (0061) and no per-statement rollup (rebuilt with the rest).
        await TrendsBenchData.Exec(conn, "ALTER TABLE case_events DISABLE TRIGGER case_events_audit; ALTER TABLE case_events DISABLE TRIGGER trend_case_events_insert", ct);
        var sw = Stopwatch.StartNew();
        const long Chunk = 500_000;
        for (long lo = 1; lo <= cases; lo += Chunk)
            await TrendsBenchData.Exec(conn, EventsSql, ct, ("lo", lo), ("hi", Math.Min(cases, lo + Chunk - 1)));
        var seconds = sw.Elapsed.TotalSeconds;
        await TrendsBenchData.Exec(conn, "ALTER TABLE case_events ENABLE TRIGGER case_events_audit; ALTER TABLE case_events ENABLE TRIGGER trend_case_events_insert", ct);
        BenchContext.Log($"case events loaded in {seconds:F0} s");
        return seconds;
    }

    public static async Task<Dictionary<string, object?>> MeasureAsync(NpgsqlDataSource db, int days, int samples, int rawSamples, CancellationToken ct)
    {
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            await TrendsBenchData.Exec(conn, "CREATE INDEX IF NOT EXISTS bench_case_events_at_idx ON case_events (at)", ct);
            await TrendsBenchData.Exec(conn, "CREATE INDEX IF NOT EXISTS bench_cases_deadline_idx ON cases (deadline_at)", ct);
            foreach (var table in new[] { "case_events", "trend_unit_event_daily", "trend_assignee_daily" })
                await TrendsBenchData.Exec(conn, $"VACUUM ANALYZE {table}", ct);
        }
        var clock = TimeProvider.System;
        var store = new ScorecardStore(db, clock);
        var ranking = new ScoreRanking(new ScorecardMetrics(db, clock), store);
        var scorecard = await store.CurrentAsync(ct);
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(clock.GetUtcNow()).Date);
        var months = Math.Max(1, days / 31 - 2);
        var random = new Random(7);
        ScorePeriod Pick() => ScorePeriod.Containing(ScorePeriodKind.Month, today.AddMonths(-1 - random.Next(0, months)));

        await ranking.RankAllAsync(Pick(), scorecard, ct); // warm up
        var fast = await TimeAsync(p => ranking.RankAllAsync(p, scorecard, ct), Pick, samples);
        var slow = await TimeAsync(p => RawAsync(db, p, today, ct), Pick, rawSamples);
        var events = 0L;
        await using (var conn = await db.OpenConnectionAsync(ct))
        await using (var cmd = new NpgsqlCommand("SELECT count(*) FROM case_events", conn))
            events = (long)(await cmd.ExecuteScalarAsync(ct))!;
        BenchContext.Log($"scorecard month: rollup p95 {fast:F2} ms, raw p95 {slow:F0} ms, {slow / fast:F0}x");
        return new()
        {
            ["case_events"] = events,
            ["scorecard_month_p95_ms"] = Math.Round(fast, 2),
            ["scorecard_month_raw_p95_ms"] = Math.Round(slow, 1),
            ["scorecard_month_speedup"] = Math.Round(slow / fast, 0),
        };
    }

    private static async Task RawAsync(NpgsqlDataSource db, ScorePeriod month, DateOnly today, CancellationToken ct)
    {
        // The month and the one before it, like the rollup path (change against the previous period).
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(RawSql, conn) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("from", Shanghai.StartOfDay(month.Previous.First).ToUniversalTime());
        cmd.Parameters.AddWithValue("to", Shanghai.StartOfDay(month.Last.AddDays(1)).ToUniversalTime());
        cmd.Parameters.AddWithValue("fromCur", Shanghai.StartOfDay(month.First).ToUniversalTime());
        cmd.Parameters.AddWithValue("first", month.First);
        cmd.Parameters.AddWithValue("today", today);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        do { while (await reader.ReadAsync(ct)) { } } while (await reader.NextResultAsync(ct));
    }

    private static async Task<double> TimeAsync(Func<ScorePeriod, Task> query, Func<ScorePeriod> pick, int samples)
    {
        var times = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var period = pick();
            var sw = Stopwatch.StartNew();
            await query(period);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[(int)Math.Ceiling(0.95 * times.Count) - 1];
    }
}
