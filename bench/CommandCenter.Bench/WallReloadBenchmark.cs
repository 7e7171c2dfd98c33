using System.Diagnostics;
using CommandCenter.Core.Geo;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Trends;
using CommandCenter.Live;

namespace CommandCenter.Bench;

/// <summary>./bench.sh wall-reload [--open 100000] [--historic 1000000] [--samples 30]: where the wall's refresh
/// spends its time with a backlog — each query of <see cref="LiveSnapshotLoader"/> timed alone (p50/p99 of
/// S runs, in process, on a quiet pool) and the whole load as LiveState runs it. The database (cc_bench_wall)
/// is left in place for EXPLAIN ANALYZE when the cluster is kept (CC_BENCH_PG set by hand).</summary>
public sealed class WallReloadBenchmark : IBenchmark
{
    public string Name => "wall-reload";
    public string Description => "the wall's snapshot reload, query by query, with a backlog of open and historic cases";

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchContext context, CancellationToken ct)
    {
        var open = long.Parse(context.Options.GetValueOrDefault("open", "100000"));
        var historic = long.Parse(context.Options.GetValueOrDefault("historic", "1000000"));
        var samples = context.Int("samples", 30);
        var now = DateTimeOffset.UtcNow;
        // --reuse 1: time the reload again on the database a previous run left (after a schema change by hand).
        var reuse = context.Int("reuse", 0) == 1;
        await using var db = reuse
            ? Core.Data.DataExtensions.CreateDataSource(context.ConnectionStringFor("cc_bench_wall"), "CommandCenter.Bench")
            : await BenchDatabase.CreateFreshAsync(context, "cc_bench_wall", ct);
        if (reuse) await new Core.Data.Migrations.MigrationRunner(db, Microsoft.Extensions.Logging.Abstractions.NullLogger<Core.Data.Migrations.MigrationRunner>.Instance).ApplyAsync(ct);
        else await new GridImporter(db).ImportAsync(await File.ReadAllBytesAsync(Path.Combine(context.RepoRoot, "assets/geo/grids.geojson"), ct), "grids.geojson", ct);
        var loadSeconds = reuse ? 0 : await LiveBacklog.LoadAsync(db, open, historic, now, ct);

        var kpis = new KpiCalculator(db);
        var loader = new LiveSnapshotLoader(db, kpis, new CumulativeRecords(db),
            Microsoft.Extensions.Options.Options.Create(new LiveOptions()));
        var result = new Dictionary<string, object?>
        {
            ["open_cases"] = open,
            ["historic_cases"] = historic,
            ["backlog_load_s"] = Math.Round(loadSeconds, 1),
            ["samples"] = samples,
        };
        var today = KpiPeriod.Today(now);
        var week = new KpiPeriod(today.From.AddDays(-6), today.To);
        var parts = new (string Name, Func<DateTimeOffset, Task> Run)[]
        {
            ("kpi_snapshot", t => kpis.ComputeAsync(today, t, KpiScope.All, ct)),
            ("grid_load", t => kpis.GridLoadAsync(today, t, KpiScope.All, ct)),
            ("workers_on_duty", t => kpis.WorkersOnDutyAsync(t, ct)),
            ("categories_7d", t => kpis.AcceptedByCategoryAsync(week, t, KpiScope.All, ct)),
            ("cumulative_record", t => new CumulativeRecords(db).LoadAsync(t, ct)),
            ("recent_cases", t => loader.RecentAtHeadAsync(t, ct)),
            ("full_load", t => loader.LoadAsync(0, t, ct)),
        };
        foreach (var (name, run) in parts)
        {
            await run(DateTimeOffset.UtcNow); // warm-up: plans, pool
            var ms = new List<double>();
            for (var i = 0; i < samples; i++)
            {
                var sw = Stopwatch.StartNew();
                await run(DateTimeOffset.UtcNow);
                ms.Add(sw.Elapsed.TotalMilliseconds);
            }
            result[$"{name}_p50_ms"] = Math.Round(LiveLatency.Percentile(ms, 0.5)!.Value, 1);
            result[$"{name}_p99_ms"] = Math.Round(LiveLatency.Percentile(ms, 0.99)!.Value, 1);
            BenchContext.Log($"wall-reload: {name} p50 {result[$"{name}_p50_ms"]} ms, p99 {result[$"{name}_p99_ms"]} ms");
        }
        result["load_avg_1m"] = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        return result;
    }
}
