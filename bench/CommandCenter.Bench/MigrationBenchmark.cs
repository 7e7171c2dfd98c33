using System.Diagnostics;
using CommandCenter.Core.Data.Migrations;

namespace CommandCenter.Bench;

/// <summary>How long a fresh database takes to migrate, and a no-op re-run (start-up cost of every app).</summary>
public sealed class MigrationBenchmark : IBenchmark
{
    public string Name => "migrate";
    public string Description => "schema migration from empty, and the no-op re-run every app start pays";

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchContext context, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        await using var ds = await BenchDatabase.CreateFreshAsync(context, "cc_bench_migrate", ct);
        var fresh = sw.Elapsed.TotalMilliseconds;
        var runner = new MigrationRunner(ds, Microsoft.Extensions.Logging.Abstractions.NullLogger<MigrationRunner>.Instance);
        var rerun = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            sw.Restart();
            await runner.ApplyAsync(ct);
            rerun.Add(sw.Elapsed.TotalMilliseconds);
        }
        rerun.Sort();
        return new Dictionary<string, object?>
        {
            ["migrations"] = Migration.Embedded().Count,
            ["create_and_migrate_ms"] = Math.Round(fresh, 1),
            ["noop_rerun_median_ms"] = Math.Round(rerun[rerun.Count / 2], 2),
        };
    }
}
