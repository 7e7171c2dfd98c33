using System.Diagnostics;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Time;
using CommandCenter.Features.Replay;
using CommandCenter.Live;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommandCenter.Bench;

/// <summary>./bench.sh replay [--days 90] [--per-day 1500] [--samples 40]: a 90-day history at the live
/// simulator's rate (cases with their 分流 / 办结 events in case_events, patrols, mediations), then jumps to
/// random moments of it. Ours: <see cref="ReplayLoader"/> — the wall's whole picture (10 KPI tiles, 133 grid
/// states, workers, ticker with statuses at T, donut, 7-day trend) from indexed SQL with now = T. Baseline,
/// measured on the same moments: what a replay without those queries does — read the history up to T
/// (every case reported by then and every case event) and fold it in memory into statuses, then count the
/// open / overdue / today's figures and per-grid load.</summary>
public sealed class ReplayBenchmark : IBenchmark
{
    public string Name => "replay";
    public string Description => "jump to any moment of 90 days: the wall's state rebuilt (ReplayLoader) vs folding the history up to it";

    private const string EventsSql = """
        INSERT INTO case_events (case_id, at, actor, action, from_status, to_status)
        -- the generator may close a case before its dispatch time: its 分流 is then no later than its 办结
        SELECT id, least(dispatched_at, coalesce(closed_at, dispatched_at)), '值班员', '分流', 'accepted', 'dispatched' FROM cases WHERE dispatched_at IS NOT NULL
        UNION ALL
        SELECT id, closed_at, '值班员', '办结', 'callback', 'closed' FROM cases WHERE closed_at IS NOT NULL
        """;

    // 25 workers, each day 08:30 start, a check-in every 30 min in a grid, 17:30 end.
    private const string PatrolsSql = """
        INSERT INTO patrol_events (source, external_id, worker_id, worker_name, kind, at, grid_code)
        SELECT 'bench', d || '-' || w || '-' || s, 'w' || w, '网格员' || w,
               CASE WHEN s = 0 THEN 'start' WHEN s = 19 THEN 'end' ELSE 'check-in' END,
               date_trunc('day', @now AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' - d * interval '1 day'
                   + interval '8 hours 30 minutes' + s * interval '30 minutes',
               'G' || lpad((1 + (w * 5 + s) % 133)::text, 3, '0')
        FROM generate_series(0, @days) d, generate_series(1, 25) w, generate_series(0, 19) s
        WHERE date_trunc('day', @now AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai' - d * interval '1 day'
                   + interval '8 hours 30 minutes' + s * interval '30 minutes' < @now
        """;

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchContext context, CancellationToken ct)
    {
        var days = context.Int("days", 90);
        var perDay = context.Int("per-day", 1500);
        var samples = context.Int("samples", 40);
        var now = DateTimeOffset.UtcNow;
        await using var db = await BenchDatabase.CreateFreshAsync(context, "cc_bench_replay", ct);
        var load = Stopwatch.StartNew();
        long cases = (long)days * perDay;
        await TrendsBenchData.LoadAsync(db, cases, days, now, ct);
        await using (var conn = await db.OpenConnectionAsync(ct))
        {
            await TrendsBenchData.Exec(conn, EventsSql, ct);
            await TrendsBenchData.Exec(conn, PatrolsSql, ct, ("now", now), ("days", days));
            await TrendsBenchData.Exec(conn, "ANALYZE", ct);
        }
        BenchContext.Log($"history loaded: {cases:N0} cases over {days} days in {load.Elapsed.TotalSeconds:F0} s");

        var records = new CommandCenter.Core.Trends.CumulativeRecords(db);
        var loader = new ReplayLoader(db, new KpiCalculator(db), records, Options.Create(new LiveOptions()), TimeProvider.System);
        var random = new Random(16);
        var moments = Enumerable.Range(0, samples).Select(_ => now - TimeSpan.FromMinutes(random.NextDouble() * (days - 0.01) * 24 * 60)).ToList();
        await loader.LoadAsync(moments[0], ct); // warm-up: JIT, plans, caches
        if (context.Int("profile", 0) > 0) await ProfileAsync(db, moments.Take(5), ct);
        await NaiveAsync(db, moments[0], ct);

        var ours = new List<double>();
        var naive = new List<double>();
        var mismatches = 0;
        foreach (var at in moments)
        {
            var sw = Stopwatch.StartNew();
            var frame = await loader.LoadAsync(at, ct);
            ours.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            var (open, overdue, accepted) = await NaiveAsync(db, at, ct);
            naive.Add(sw.Elapsed.TotalMilliseconds);
            // The two must agree on the picture, or the comparison means nothing.
            if (open != frame.Snapshot.Kpis.Open || overdue != frame.Snapshot.Kpis.Overdue || accepted != frame.Snapshot.Kpis.Accepted) mismatches++;
            var n = ours.Count;
            if (n % 10 == 0) BenchContext.Log($"{n}/{samples}: ours p95 so far {P(ours, 0.95):F0} ms, naive {P(naive, 0.95):F0} ms");
        }

        var figures = new Dictionary<string, object?>
        {
            ["days"] = days,
            ["cases"] = cases,
            ["samples"] = samples,
            ["replay_p50_ms"] = Math.Round(P(ours, 0.5), 1),
            ["replay_p95_ms"] = Math.Round(P(ours, 0.95), 1),
            ["replay_max_ms"] = Math.Round(ours.Max(), 1),
            ["naive_p50_ms"] = Math.Round(P(naive, 0.5), 1),
            ["naive_p95_ms"] = Math.Round(P(naive, 0.95), 1),
            ["naive_max_ms"] = Math.Round(naive.Max(), 1),
            ["speedup_p95"] = Math.Round(P(naive, 0.95) / P(ours, 0.95), 1),
            ["under_one_second"] = ours.Max() < 1000,
            ["kpi_mismatches"] = mismatches,
        };
        BenchContext.Log($"replay p95 {figures["replay_p95_ms"]} ms (max {figures["replay_max_ms"]}), naive p95 {figures["naive_p95_ms"]} ms");
        return figures;
    }

    // The baseline: the history up to T read and folded in memory. It computes less than ReplayLoader (no
    // rates, donut or trend), which favours the baseline.
    private static async Task<(int Open, int Overdue, int Accepted)> NaiveAsync(NpgsqlDataSource db, DateTimeOffset at, CancellationToken ct)
    {
        var cases = new Dictionary<long, (string? Grid, DateTimeOffset? Accepted, DateTimeOffset? Deadline, bool Merged)>();
        var status = new Dictionary<long, string>();
        await using (var cmd = db.CreateCommand("SELECT id, grid_code, accepted_at, deadline_at, merged_into IS NOT NULL FROM cases WHERE reported_at <= @at"))
        {
            cmd.Parameters.AddWithValue("at", at.ToUniversalTime());
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var id = r.GetInt64(0);
                cases[id] = (r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateTimeOffset>(2),
                    r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3), r.GetBoolean(4));
                status[id] = "accepted";
            }
        }
        await using (var cmd = db.CreateCommand("SELECT case_id, to_status FROM case_events WHERE at <= @at AND to_status IS NOT NULL ORDER BY at, id"))
        {
            cmd.Parameters.AddWithValue("at", at.ToUniversalTime());
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) status[r.GetInt64(0)] = r.GetString(1);
        }
        var dayStart = Shanghai.StartOfDay(at);
        int open = 0, overdue = 0, accepted = 0;
        var perGrid = new Dictionary<string, int>();
        foreach (var (id, c) in cases)
        {
            if (c.Merged) continue;
            if (c.Accepted is { } a && a >= dayStart && a <= at) accepted++;
            if (status[id] == "closed") continue;
            open++;
            if (c.Deadline < at) overdue++;
            if (c.Grid is not null) perGrid[c.Grid] = perGrid.GetValueOrDefault(c.Grid) + 1;
        }
        return (open, overdue, accepted);
    }

    // --profile 1: where a frame's time goes, query by query (sequential, so the parts add up).
    private static async Task ProfileAsync(NpgsqlDataSource db, IEnumerable<DateTimeOffset> moments, CancellationToken ct)
    {
        var kpis = new KpiCalculator(db);
        var records = new CommandCenter.Core.Trends.CumulativeRecords(db);
        foreach (var at in moments)
        {
            var today = KpiPeriod.Today(at);
            var parts = new List<string>();
            async Task Time(string name, Func<Task> run) { var sw = Stopwatch.StartNew(); await run(); parts.Add($"{name} {sw.ElapsedMilliseconds} ms"); }
            await Time("kpis", () => kpis.ComputeAsync(today, at, KpiScope.All, ct));
            await Time("grids", () => kpis.GridLoadAsync(today, at, KpiScope.All, ct));
            await Time("workers", () => kpis.WorkersOnDutyAsync(at, ct));
            await Time("categories", () => kpis.AcceptedByCategoryAsync(new KpiPeriod(today.From.AddDays(-6), today.To), at, KpiScope.All, ct));
            await Time("past-day", () => kpis.ComputeAsync(KpiPeriod.Day(today.From.AddDays(-1)), at, KpiScope.All, ct));
            await Time("recent", () => new LiveSnapshotLoader(db, kpis, records, Options.Create(new LiveOptions())).RecentAtHeadAsync(at, ct));
            BenchContext.Log("profile: " + string.Join(", ", parts));
        }
    }

    private static double P(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
