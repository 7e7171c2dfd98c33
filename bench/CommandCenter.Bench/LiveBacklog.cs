using System.Diagnostics;
using Npgsql;

namespace CommandCenter.Bench;

/// <summary>The backlog `./bench.sh live --open N --historic M` puts under the wall before the apps start:
/// N cases still open (reported over the last 60 days, most of them past their deadline, some 紧急 or under
/// 督办) and M closed ones over three years, on the real grids. Generated in PostgreSQL with generate_series
/// (server-side, as fast as COPY and with no client round trip), hash-derived so every run has the same data;
/// the rollup triggers are off during the load and the rollups rebuilt after, as the trends benchmark does.</summary>
internal static class LiveBacklog
{
    // Historic: accepted between 3 years and 6 days ago, closed within 110 hours, so all closed before today.
    private const string HistoricSql = """
        WITH g AS (SELECT array_agg(code ORDER BY code) AS a FROM grids)
        INSERT INTO cases (source, external_id, channel, category_code, title, grid_code, status, reported_at,
                           accepted_at, dispatched_at, assignee_code, deadline_at, closed_at, satisfaction, callback_at, priority)
        SELECT 'backlog-h', i::text, (ARRAY['网格员巡查', '12345热线', '视频告警', '来访'])[1 + h % 4],
               (ARRAY['drainpipe', 'sewer', 'parking', 'noise', 'sanitation', 'safety', 'dispute'])[1 + (h / 10) % 7],
               '事件', g.a[1 + (h / 170) % array_length(g.a, 1)], 'closed',
               acc, acc, acc + ((h / 7) % 240) * interval '1 minute', 'chengguan', acc + interval '72 hours',
               acc + ((h / 11) % 110) * interval '1 hour',
               CASE WHEN h % 5 <> 0 THEN (ARRAY['满意', '基本满意', '不满意'])[1 + (h / 13) % 3] END,
               CASE WHEN h % 5 <> 0 THEN acc + ((h / 11) % 110) * interval '1 hour' + interval '1 day' END,
               1 + h % 3
        FROM g, generate_series(@lo, @hi) i,
             LATERAL (SELECT abs(hashint8(i)) AS h) x,
             LATERAL (SELECT @now - interval '1095 days' + (i::float8 / @n) * interval '1089 days' AS acc) a
        """;

    // Open: reported over the last 60 days up to an hour ago, deadline 72 h after (so most are 超期 and under 督办).
    private const string OpenSql = """
        WITH g AS (SELECT array_agg(code ORDER BY code) AS a FROM grids)
        INSERT INTO cases (source, external_id, channel, category_code, title, grid_code, status, reported_at,
                           accepted_at, dispatched_at, assignee_code, deadline_at, priority, supervise_level)
        SELECT 'backlog-o', i::text, (ARRAY['网格员巡查', '12345热线', '视频告警', '来访'])[1 + h % 4],
               (ARRAY['drainpipe', 'sewer', 'parking', 'noise', 'sanitation', 'safety', 'dispute'])[1 + (h / 10) % 7],
               '事件', g.a[1 + (h / 170) % array_length(g.a, 1)], 'dispatched',
               acc, acc, acc + interval '10 minutes', 'chengguan', acc + interval '72 hours',
               1 + h % 3,
               -- The 督办 level the automatic 督办 would have raised them to by now (Supervise defaults: 4 h before,
               -- at and 24 h after the deadline); left at 0, its first run updates ~95,000 cases at once.
               CASE WHEN acc + interval '96 hours' <= @now THEN 3 WHEN acc + interval '72 hours' <= @now THEN 2
                    WHEN acc + interval '68 hours' <= @now THEN 1 ELSE 0 END
        FROM g, generate_series(1, @n) i,
             LATERAL (SELECT abs(hashint8(-i)) AS h) x,
             LATERAL (SELECT @now - interval '60 days' + (i::float8 / @n) * (interval '60 days' - interval '1 hour') AS acc) a
        """;

    /// <returns>seconds spent loading (rows, rollup rebuild, analyse).</returns>
    /// <param name="rollups">false: leave the trend rollups empty (their rebuild is most of a 10-million-case
    /// load here; the wall reads them by index range per day, so their contents do not change its cost).</param>
    public static async Task<double> LoadAsync(NpgsqlDataSource db, long open, long historic, DateTimeOffset now, CancellationToken ct, bool rollups = true)
    {
        if (open <= 0 && historic <= 0) return 0;
        var sw = Stopwatch.StartNew();
        await using var conn = await db.OpenConnectionAsync(ct);
        await TrendsBenchData.Exec(conn, "ALTER TABLE cases DISABLE TRIGGER trend_cases_insert", ct);
        const long Chunk = 500_000;
        for (long lo = 1; lo <= historic; lo += Chunk)
        {
            var hi = Math.Min(historic, lo + Chunk - 1);
            await TrendsBenchData.Exec(conn, HistoricSql, ct, ("lo", lo), ("hi", hi), ("n", historic), ("now", now));
            BenchContext.Log($"backlog: {hi:N0} / {historic:N0} historic cases ({sw.Elapsed.TotalSeconds:F0} s)");
        }
        if (open > 0) await TrendsBenchData.Exec(conn, OpenSql, ct, ("n", open), ("now", now));
        await TrendsBenchData.Exec(conn, "ALTER TABLE cases ENABLE TRIGGER trend_cases_insert", ct);
        BenchContext.Log($"backlog: {open:N0} open cases; {(rollups ? "rebuilding the rollups" : "rollups left empty")} ({sw.Elapsed.TotalSeconds:F0} s)");
        if (rollups) await TrendsBenchData.Exec(conn, "SELECT trend_rebuild()", ct);
        await TrendsBenchData.Exec(conn, "VACUUM ANALYZE", ct);
        BenchContext.Log($"backlog loaded in {sw.Elapsed.TotalSeconds:F0} s");
        return sw.Elapsed.TotalSeconds;
    }

    // 0170's indexes: without them the reload is what it was before issue 17 (the baseline of the same run).
    private static readonly string[] WallIndexes = ["cases_callback_idx", "cases_recent_idx", "cases_open_wall_idx"];

    /// <summary>`--open N --historic M` for the live benchmark: loads the backlog, then times the wall's whole
    /// reload (<see cref="CommandCenter.Live.LiveSnapshotLoader"/>, in process, before the apps start) with 0170's
    /// indexes and, as the same run's baseline, with them dropped (then rebuilt). Nothing without the options.</summary>
    public static async Task<Dictionary<string, object?>> PrepareAsync(BenchContext context, NpgsqlDataSource db, CancellationToken ct)
    {
        var open = long.Parse(context.Options.GetValueOrDefault("open", "0"));
        var historic = long.Parse(context.Options.GetValueOrDefault("historic", "0"));
        var figures = new Dictionary<string, object?>();
        if (open <= 0 && historic <= 0) return figures;
        figures["backlog_open_cases"] = open;
        figures["backlog_historic_cases"] = historic;
        var rollups = context.Int("rollups", 1) == 1;
        figures["backlog_rollups_rebuilt"] = rollups;
        figures["backlog_load_s"] = Math.Round(await LoadAsync(db, open, historic, DateTimeOffset.UtcNow, ct, rollups), 1);
        var samples = context.Int("reload-samples", 20);
        var loader = new CommandCenter.Live.LiveSnapshotLoader(db, new Core.Kpis.KpiCalculator(db),
            new Core.Trends.CumulativeRecords(db),
            Microsoft.Extensions.Options.Options.Create(new CommandCenter.Live.LiveOptions()));
        async Task<(double P50, double P99)> TimeAsync()
        {
            await loader.LoadAsync(0, DateTimeOffset.UtcNow, ct);
            var ms = new List<double>();
            for (var i = 0; i < samples; i++)
            {
                var sw = Stopwatch.StartNew();
                await loader.LoadAsync(0, DateTimeOffset.UtcNow, ct);
                ms.Add(sw.Elapsed.TotalMilliseconds);
            }
            return (Math.Round(LiveLatency.Percentile(ms, 0.5)!.Value, 1), Math.Round(LiveLatency.Percentile(ms, 0.99)!.Value, 1));
        }
        var (p50, p99) = await TimeAsync();
        await using var conn = await db.OpenConnectionAsync(ct);
        var definitions = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT indexdef FROM pg_indexes WHERE indexname = ANY(@names)", conn))
        {
            cmd.Parameters.AddWithValue("names", WallIndexes);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) definitions.Add(r.GetString(0));
        }
        await TrendsBenchData.Exec(conn, string.Join(";", WallIndexes.Select(i => $"DROP INDEX {i}")), ct);
        double? b50 = null, b99 = null;
        try { (b50, b99) = await TimeAsync(); }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            // Seen with 10 million closed cases: one old reload's KPI snapshot ran past Npgsql's 30 s command timeout.
            figures["baseline_reload_without_0170_error"] = ex.Message;
            BenchContext.Log($"backlog reload without 0170's indexes failed: {ex.Message}");
        }
        finally
        {
            foreach (var definition in definitions) await TrendsBenchData.Exec(conn, definition, CancellationToken.None);
            await TrendsBenchData.Exec(conn, "ANALYZE cases", CancellationToken.None);
        }
        figures["reload_p50_ms"] = p50;
        figures["reload_p99_ms"] = p99;
        figures["baseline_reload_without_0170_p50_ms"] = b50;
        figures["baseline_reload_without_0170_p99_ms"] = b99;
        figures["reload_samples"] = samples;
        figures["load_avg_1m_reload"] = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        BenchContext.Log($"backlog reload: p50 {p50} ms / p99 {p99} ms; without 0170's indexes p50 {b50} ms / p99 {b99} ms");
        return figures;
    }
}
