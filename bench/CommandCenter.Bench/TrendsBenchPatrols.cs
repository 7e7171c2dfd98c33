using System.Diagnostics;
using CommandCenter.Core.Patrols;
using CommandCenter.Core.Time;
using Npgsql;

namespace CommandCenter.Bench;

/// <summary>The 巡查分析 part of ./bench.sh trends: a year of patrol events for 25 workers (each sweeping a run of the 133
/// grids: a start, a check-in or visit every ~20 minutes over an 8-hour day, an end; 4 in 10 on duty at weekends),
/// loaded with the rollup trigger off and rolled up by patrol_rebuild(); then p95 of the page's patrol queries (12 weeks
/// of coverage and the per-worker figures) from patrol_daily against the same numbers from the raw events, and what
/// the trigger costs an ingest batch of 250 events.</summary>
internal static class TrendsBenchPatrols
{
    private const string RosterSql = """
        INSERT INTO roster_people (worker_id, name, team_role, grid_codes, active_from)
        SELECT 'gw-' || lpad(w::text, 2, '0'), '网格员' || w, '专职网格员',
               ARRAY(SELECT 'G' || lpad(g::text, 3, '0') FROM generate_series(1, 133) g WHERE (g - 1) * 25 / 133 = w - 1),
               '2020-01-01'
        FROM generate_series(1, 25) w
        """;

    // One worker-day: 25 stops from 08:30 every 20 minutes (a quarter of them visits), walking their grids in turn.
    private const string EventsSql = """
        INSERT INTO patrol_events (source, external_id, worker_id, worker_name, kind, at, grid_code)
        SELECT @source, r.worker_id || '-' || d || '-' || s, r.worker_id, r.name,
               CASE WHEN s = 0 THEN 'start' WHEN s = 25 THEN 'end' WHEN abs(hashtext(r.worker_id || d || s)) % 4 = 0 THEN 'visit' ELSE 'check-in' END,
               (@today::date - d)::timestamp AT TIME ZONE 'Asia/Shanghai' + interval '8 hours 30 minutes' + s * interval '20 minutes',
               r.grid_codes[1 + (s / 6 + d) % cardinality(r.grid_codes)]
        FROM roster_people r
        CROSS JOIN generate_series(@lo, @hi) d
        CROSS JOIN generate_series(0, 25) s
        WHERE r.worker_id IS NOT NULL
          AND (extract(isodow FROM @today::date - d) < 6 OR abs(hashtext(r.worker_id || d)) % 10 < 4)
        """;

    private const string RawCoverageSql = """
        SELECT d::date, count(DISTINCT e.grid_code)
        FROM generate_series(@from::date, @to::date, interval '1 day') d
        LEFT JOIN patrol_events e ON e.at >= (d::timestamp AT TIME ZONE 'Asia/Shanghai') AND e.at < ((d + interval '1 day')::timestamp AT TIME ZONE 'Asia/Shanghai')
            AND e.kind IN ('check-in', 'visit') AND e.grid_code IN (SELECT code FROM grids)
        GROUP BY d ORDER BY d
        """;

    // The per-worker figures as PatrolAnalytics reports them, from the raw events and cases (patrol_events_at_idx and
    // patrol_events_worker_idx are there; cases get the same reporter index).
    private const string RawWorkersSql = """
        WITH roster AS (
            SELECT worker_id, name, grid_codes FROM roster_people WHERE worker_id IS NOT NULL AND team_role = '专职网格员'),
        ev AS (
            SELECT worker_id, (at AT TIME ZONE 'Asia/Shanghai')::date AS day, kind, coalesce(grid_code, '') AS grid_code, at
            FROM patrol_events WHERE at >= @fromAt AND at < @toAt),
        days AS (
            SELECT worker_id, day, count(*) FILTER (WHERE kind = 'check-in') AS checkins, count(*) FILTER (WHERE kind = 'visit') AS visits,
                   max(at) - min(at) AS span
            FROM ev GROUP BY worker_id, day),
        pat AS (
            SELECT worker_id, count(*) AS patrol_days, sum(extract(epoch FROM span)) AS seconds, sum(checkins), sum(visits)
            FROM days GROUP BY worker_id),
        own AS (
            SELECT r.worker_id, count(DISTINCT (e.day, e.grid_code)) AS own_days
            FROM roster r JOIN ev e ON e.worker_id = r.worker_id AND e.grid_code = ANY (r.grid_codes) AND e.kind IN ('check-in', 'visit')
            GROUP BY r.worker_id),
        rep AS (
            SELECT reporter_worker_id AS worker_id, count(*) AS reported FROM cases
            WHERE reporter_worker_id IS NOT NULL AND reported_at >= @fromAt AND reported_at < @toAt GROUP BY 1),
        ontime AS (
            SELECT r.worker_id, count(*) AS closed, count(*) FILTER (WHERE c.deadline_at IS NULL OR c.closed_at <= c.deadline_at) AS on_time
            FROM roster r JOIN cases c ON c.grid_code = ANY (r.grid_codes)
            WHERE c.merged_into IS NULL AND c.closed_at >= @fromAt AND c.closed_at < @toAt
            GROUP BY r.worker_id)
        SELECT r.worker_id, r.name, p.*, own.own_days, rep.reported, o.closed, o.on_time
        FROM roster r LEFT JOIN pat p USING (worker_id) LEFT JOIN own USING (worker_id) LEFT JOIN rep USING (worker_id)
        LEFT JOIN ontime o USING (worker_id)
        """;

    public static async Task<Dictionary<string, object?>> MeasureAsync(NpgsqlDataSource db, DateTimeOffset now, int samples, int rawSamples, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(now).Date);
        var figures = new Dictionary<string, object?>();
        var sw = Stopwatch.StartNew();
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            await TrendsBenchData.Exec(conn, RosterSql, ct);
            // Some of the cases were found on patrol: name the grid's worker, as the grid app does.
            await TrendsBenchData.Exec(conn, """
                UPDATE cases c SET reporter_worker_id = r.worker_id FROM roster_people r
                WHERE c.channel = '网格员巡查' AND c.grid_code = ANY (r.grid_codes) AND c.id % 3 = 0
                """, ct);
            await TrendsBenchData.Exec(conn, "ALTER TABLE patrol_events DISABLE TRIGGER patrol_daily_insert", ct);
            await InsertAsync(conn, "bench", 1, 365, today, ct);
            await TrendsBenchData.Exec(conn, "ALTER TABLE patrol_events ENABLE TRIGGER patrol_daily_insert", ct);
            figures["patrol_events"] = await ScalarAsync(conn, "SELECT count(*) FROM patrol_events", ct);
            figures["patrol_load_s"] = Math.Round(sw.Elapsed.TotalSeconds, 1);
            sw.Restart();
            await TrendsBenchData.Exec(conn, "SELECT patrol_rebuild()", ct);
            figures["patrol_rollup_backfill_s"] = Math.Round(sw.Elapsed.TotalSeconds, 1);
            // One statement each: VACUUM refuses to run inside a multi-statement batch.
            foreach (var table in new[] { "patrol_events", "patrol_daily", "roster_people", "cases" })
                await TrendsBenchData.Exec(conn, $"VACUUM ANALYZE {table}", ct);
            figures["patrol_rollup_rows"] = await ScalarAsync(conn, "SELECT count(*) FROM patrol_daily", ct);
            figures["patrol_events_mb"] = await ScalarAsync(conn, "SELECT pg_total_relation_size('patrol_events') / 1048576", ct);
            figures["patrol_rollup_mb"] = await ScalarAsync(conn, "SELECT pg_total_relation_size('patrol_daily') / 1048576", ct);
        }
        BenchContext.Log($"patrols: {figures["patrol_events"]:N0} events for 25 workers over a year, {figures["patrol_rollup_rows"]:N0} rollup rows");

        var analytics = new PatrolAnalytics(db);
        var random = new Random(15);
        // Each sample asks about a different 12 weeks of the year.
        (DateOnly From, DateOnly To) Pick()
        {
            var to = today.AddDays(-random.Next(0, 365 - 84));
            return (to.AddDays(-83), to);
        }
        var queries = new (string Name, Func<DateOnly, DateOnly, Task> Rollup, Func<DateOnly, DateOnly, Task> Raw)[]
        {
            ("patrol_coverage_12w", (f, t) => analytics.CoverageAsync(f, t, today, ct), (f, t) => RawAsync(db, RawCoverageSql, f, t, ct)),
            ("patrol_workers_12w", (f, t) => analytics.WorkersAsync(f, t, today, ct), (f, t) => RawAsync(db, RawWorkersSql, f, t, ct)),
        };
        foreach (var (name, rollup, raw) in queries)
        {
            var (f0, t0) = Pick();
            await rollup(f0, t0);
            var fast = await TimeAsync(rollup, Pick, samples);
            var slow = await TimeAsync(raw, Pick, rawSamples);
            BenchContext.Log($"{name}: rollup p95 {fast:F2} ms, raw p95 {slow:F1} ms, {slow / fast:F0}x");
            figures[$"{name}_p95_ms"] = Math.Round(fast, 2);
            figures[$"{name}_raw_p95_ms"] = Math.Round(slow, 1);
            figures[$"{name}_speedup"] = Math.Round(slow / fast, 0);
        }
        var coverage = new PatrolCoverage(db);
        figures["patrol_unpatrolled_p95_ms"] = Math.Round(await TimeAsync((_, _) => coverage.UnpatrolledAsync(3, now, ct), Pick, samples), 2);

        // The trigger's cost to ingest: batches of 250 new events (one INSERT each, like PatrolWriter's), off / on / off.
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            var off1 = await BatchesAsync(conn, "maint-off-1", false, today, ct);
            var on = await BatchesAsync(conn, "maint-on", true, today, ct);
            var off2 = await BatchesAsync(conn, "maint-off-2", false, today, ct);
            figures["patrol_event_us_with_rollup"] = Math.Round(on, 1);
            figures["patrol_event_us_without_rollup"] = Math.Round((off1 + off2) / 2, 1);
            figures["patrol_rollup_cost_per_event_us"] = Math.Round(on - (off1 + off2) / 2, 1);
        }
        return figures;
    }

    private static async Task InsertAsync(NpgsqlConnection conn, string source, int lo, int hi, DateOnly today, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(EventsSql, conn) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("source", source);
        cmd.Parameters.AddWithValue("lo", lo);
        cmd.Parameters.AddWithValue("hi", hi);
        cmd.Parameters.AddWithValue("today", today);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <returns>mean microseconds per event over 40 batches of 250 (today's events of 10 workers, ~26 each).</returns>
    private static async Task<double> BatchesAsync(NpgsqlConnection conn, string source, bool trigger, DateOnly today, CancellationToken ct)
    {
        await TrendsBenchData.Exec(conn, $"ALTER TABLE patrol_events {(trigger ? "ENABLE" : "DISABLE")} TRIGGER patrol_daily_insert", ct);
        var total = TimeSpan.Zero;
        long events = 0;
        for (var b = 0; b < 40; b++)
        {
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO patrol_events (source, external_id, worker_id, worker_name, kind, at, grid_code)
                SELECT @source, @b || '-' || i, 'gw-' || lpad((1 + i % 25)::text, 2, '0'), 'x',
                       CASE WHEN i % 4 = 0 THEN 'visit' ELSE 'check-in' END, now() - i * interval '1 second', 'G' || lpad((1 + i % 133)::text, 3, '0')
                FROM generate_series(1, 250) i
                """, conn);
            cmd.Parameters.AddWithValue("source", source);
            cmd.Parameters.AddWithValue("b", b.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var sw = Stopwatch.StartNew();
            events += await cmd.ExecuteNonQueryAsync(ct);
            total += sw.Elapsed;
        }
        await TrendsBenchData.Exec(conn, "ALTER TABLE patrol_events ENABLE TRIGGER patrol_daily_insert", ct);
        return total.TotalMicroseconds / Math.Max(1, events);
    }

    private static async Task RawAsync(NpgsqlDataSource db, string sql, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("from", from);
        cmd.Parameters.AddWithValue("to", to);
        cmd.Parameters.AddWithValue("fromAt", Shanghai.StartOfDay(from).ToUniversalTime());
        cmd.Parameters.AddWithValue("toAt", Shanghai.StartOfDay(to.AddDays(1)).ToUniversalTime());
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) { }
    }

    private static async Task<double> TimeAsync(Func<DateOnly, DateOnly, Task> query, Func<(DateOnly, DateOnly)> pick, int samples)
    {
        var times = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var (from, to) = pick();
            var sw = Stopwatch.StartNew();
            await query(from, to);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return times[(int)Math.Ceiling(0.95 * times.Count) - 1];
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
