using System.Diagnostics;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Time;
using CommandCenter.Core.Trends;
using Npgsql;

namespace CommandCenter.Bench;

/// <summary>./bench.sh trends [--cases N] [--days D] [--samples S]: a history of N cases (default 10 million
/// over 3 years), the rollups backfilled from it, then p95 of every query /trends and the weekly report
/// issue against the same query over the raw tables, and the rollup triggers' cost per ingested event.</summary>
public sealed class TrendsBenchmark : IBenchmark
{
    public string Name => "trends";
    public string Description => "trend queries, a month's scorecard and 巡查分析 (a year of patrols, 25 workers) on rollups vs raw tables (10M cases), backfill time, rollup cost per ingested event";

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchContext context, CancellationToken ct)
    {
        var cases = long.Parse(context.Options.GetValueOrDefault("cases", "10000000"));
        var days = context.Int("days", 1095);
        var samples = context.Int("samples", 100);
        var rawSamples = context.Int("raw-samples", 7);
        var now = DateTimeOffset.UtcNow;
        await using var db = await BenchDatabase.CreateFreshAsync(context, "cc_bench_trends", ct);

        BenchContext.Log($"loading {cases:N0} cases over {days} days (generate_series, rollup triggers off)");
        var loadSeconds = await TrendsBenchData.LoadAsync(db, cases, days, now, ct);
        var eventsSeconds = await ScorecardBench.LoadEventsAsync(db, cases, ct);
        var sw = Stopwatch.StartNew();
        await using (var conn = await db.OpenConnectionAsync(ct))
            await TrendsBenchData.Exec(conn, "SELECT trend_rebuild()", ct);
        var rebuildSeconds = sw.Elapsed.TotalSeconds;
        BenchContext.Log($"rollups rebuilt in {rebuildSeconds:F0} s; indexing callback_at for the raw baseline, analysing");
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            // The raw baseline gets every index it could use (the schema has none on callback_at).
            await TrendsBenchData.Exec(conn, "CREATE INDEX bench_cases_callback_idx ON cases (callback_at)", ct);
            await TrendsBenchData.Exec(conn, "VACUUM ANALYZE", ct);
        }
        var sizes = await SizesAsync(db, ct);

        var maintenance = await TrendsBenchMaintenance.MeasureAsync(db, now, ct);

        var clock = TimeProvider.System;
        var trends = new TrendQueries(db, clock);
        var comparisons = new TrendComparisons(db, clock);
        var calculator = new KpiCalculator(db);
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(now).Date);
        var weeks = Math.Max(1, days / 7 - 14);
        var random = new Random(42);
        // Each sample asks about a different week of the history (12 weeks ending with it for the charts).
        DateOnly PickWeek() => TrendRange.BucketOf(today.AddDays(-7 * random.Next(0, weeks)), TrendGranularity.Week);
        TrendRange Twelve(DateOnly week) => new(week.AddDays(-77), week, TrendGranularity.Week);

        var queries = new (string Name, Func<DateOnly, Task> Rollup, Func<DateOnly, Task> Raw)[]
        {
            ("kpi_cards", async w => { await trends.SnapshotAsync(w, w.AddDays(6), KpiScope.All, ct); await trends.SnapshotAsync(w.AddDays(-7), w.AddDays(-1), KpiScope.All, ct); },
                async w => { await calculator.ComputeAsync(TrendRange.Week(w).Period, now, KpiScope.All, ct); await calculator.ComputeAsync(TrendRange.Week(w.AddDays(-7)).Period, now, KpiScope.All, ct); }),
            ("series_12w", w => trends.SeriesAsync(Twelve(w), KpiScope.All, ct), w => Raw(db, TrendsBenchRawSql.Series, Twelve(w), ct)),
            ("by_category_12w", w => trends.ByCategoryAsync(Twelve(w), KpiScope.All, ct), w => Raw(db, TrendsBenchRawSql.ByCategory, Twelve(w), ct)),
            ("by_channel_12w", w => trends.ByChannelAsync(Twelve(w), KpiScope.All, ct), w => Raw(db, TrendsBenchRawSql.ByChannel, Twelve(w), ct)),
            ("regions_wow", w => comparisons.AreasAsync(AreaLevel.Region, KpiScope.All, w, w.AddDays(6), ct), w => Raw(db, TrendsBenchRawSql.Regions, TrendRange.Week(w), ct)),
            ("grids_hotspots_wow", w => comparisons.AreasAsync(AreaLevel.Grid, KpiScope.All, w, w.AddDays(6), ct), w => Raw(db, TrendsBenchRawSql.Grids, TrendRange.Week(w), ct)),
            ("departments", w => comparisons.DepartmentsAsync(w, w.AddDays(6), ct), w => Raw(db, TrendsBenchRawSql.Departments, TrendRange.Week(w), ct)),
            ("region_series_12w", w => trends.SeriesAsync(Twelve(w), KpiScope.Region("P2"), ct), w => Raw(db, TrendsBenchRawSql.RegionSeries, Twelve(w), ct)),
            ("region_by_category_12w", w => trends.ByCategoryAsync(Twelve(w), KpiScope.Region("P2"), ct), w => Raw(db, TrendsBenchRawSql.ByCategory, Twelve(w), ct)),
            ("communities_of_region_wow", w => comparisons.AreasAsync(AreaLevel.Community, KpiScope.Region("P2"), w, w.AddDays(6), ct), w => Raw(db, TrendsBenchRawSql.CommunitiesOfRegion, TrendRange.Week(w), ct)),
        };

        var figures = new Dictionary<string, object?>
        {
            ["cases"] = cases,
            ["days"] = days,
            ["data"] = "generate_series in PostgreSQL (simulator backfill not used)",
            ["load_s"] = Math.Round(loadSeconds, 1),
            ["events_load_s"] = Math.Round(eventsSeconds, 1),
            ["rollup_backfill_s"] = Math.Round(rebuildSeconds, 1),
        };
        foreach (var (k, v) in sizes) figures[k] = v;
        foreach (var (k, v) in maintenance) figures[k] = v;

        var worstP95 = 0.0;
        var worstRatio = double.MaxValue;
        foreach (var (name, rollup, raw) in queries)
        {
            await rollup(PickWeek()); // warm the plan cache and the pool
            var fast = await TimeAsync(rollup, PickWeek, samples);
            var slow = await TimeAsync(raw, PickWeek, rawSamples);
            var ratio = slow.P95 / fast.P95;
            BenchContext.Log($"{name}: rollup p95 {fast.P95:F2} ms, raw p95 {slow.P95:F0} ms, {ratio:F0}x");
            figures[$"{name}_p95_ms"] = Math.Round(fast.P95, 2);
            figures[$"{name}_raw_p95_ms"] = Math.Round(slow.P95, 1);
            figures[$"{name}_speedup"] = Math.Round(ratio, 0);
            worstP95 = Math.Max(worstP95, fast.P95);
            worstRatio = Math.Min(worstRatio, ratio);
        }
        figures["worst_rollup_p95_ms"] = Math.Round(worstP95, 2);
        figures["worst_speedup"] = Math.Round(worstRatio, 0);
        figures["target_met"] = worstP95 < 50 && worstRatio >= 50;

        // Raw by nature (a bounded list and the open cases), reported without a baseline.
        var list = new TrendCases(db, clock);
        figures["case_list_grid_week_p95_ms"] = Math.Round((await TimeAsync(w => list.ListAsync(KpiScope.Grid("G010"), w, w.AddDays(6), ct), PickWeek, samples)).P95, 2);
        figures["overdue_ranking_p95_ms"] = Math.Round((await TimeAsync(_ => list.OverdueRankingAsync(KpiScope.All, ct), PickWeek, 20)).P95, 2);
        foreach (var (k, v) in await ScorecardBench.MeasureAsync(db, days, samples, rawSamples, ct)) figures[k] = v;
        // 巡查分析 (issue 15): a year of patrol events for 25 workers, patrol_daily against the raw events.
        foreach (var (k, v) in await TrendsBenchPatrols.MeasureAsync(db, now, samples, rawSamples, ct)) figures[k] = v;
        return figures;
    }

    private static async Task Raw(NpgsqlDataSource db, string sql, TrendRange range, CancellationToken ct)
    {
        var period = range.Period;
        var length = range.To.DayNumber - range.From.DayNumber + 1;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("from", period.From.ToUniversalTime());
        cmd.Parameters.AddWithValue("to", period.To.ToUniversalTime());
        cmd.Parameters.AddWithValue("prev", period.From.AddDays(-length).ToUniversalTime());
        cmd.Parameters.AddWithValue("region", "P2");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        do { while (await reader.ReadAsync(ct)) { } } while (await reader.NextResultAsync(ct));
    }

    private static async Task<(double P95, double Median)> TimeAsync(Func<DateOnly, Task> query, Func<DateOnly> pick, int samples)
    {
        var times = new List<double>(samples);
        for (var i = 0; i < samples; i++)
        {
            var week = pick();
            var sw = Stopwatch.StartNew();
            await query(week);
            times.Add(sw.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        return (times[(int)Math.Ceiling(0.95 * times.Count) - 1], times[times.Count / 2]);
    }

    private static async Task<Dictionary<string, object?>> SizesAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM trend_case_daily), pg_total_relation_size('cases'), pg_total_relation_size('trend_case_daily')
            """, conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new()
        {
            ["rollup_rows"] = r.GetInt64(0),
            ["cases_mb"] = r.GetInt64(1) / 1048576,
            ["rollup_mb"] = r.GetInt64(2) / 1048576,
        };
    }
}
