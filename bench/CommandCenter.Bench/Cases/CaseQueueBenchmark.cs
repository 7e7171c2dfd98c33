using System.Diagnostics;
using CommandCenter.Core.Cases;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommandCenter.Bench.Cases;

/// <summary>The duty queue over many open cases: one visible window (count + 40 rows, what the virtualised
/// list asks for on every scroll or refresh) against the baseline of loading every open case and sorting
/// in memory, plus the latency of one officer action (read, decide, versioned update, audit, change log).</summary>
public sealed class CaseQueueBenchmark : IBenchmark
{
    public string Name => "case-queue";
    public string Description => "duty queue window (count + page) over N open cases vs loading them all; one officer action";

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchContext context, CancellationToken ct)
    {
        var open = context.Int("open", 10_000);
        var closed = context.Int("closed", 40_000);
        await using var db = await BenchDatabase.CreateFreshAsync(context, "cc_bench_case_queue", ct);
        BenchContext.Log($"seeding {open} open and {closed} closed cases ...");
        await SeedAsync(db, open, closed, ct);

        var queries = new CaseQueries(db, TimeProvider.System);
        var filters = new[]
        {
            new CaseQueueFilter(), new CaseQueueFilter { Priority = 1 }, new CaseQueueFilter { OverdueOnly = true },
            new CaseQueueFilter { RegionCode = "P2" }, new CaseQueueFilter { Search = "噪音" },
        };
        var window = new List<double>();
        var sw = new Stopwatch();
        for (var i = 0; i < 50; i++)
        {
            var f = filters[i % filters.Length];
            sw.Restart();
            var total = await queries.CountAsync(f, ct);
            await queries.PageAsync(f, total > 100 ? (i * 997) % (total - 40) : 0, 40, ct);
            window.Add(sw.Elapsed.TotalMilliseconds);
        }
        var baseline = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            sw.Restart();
            var all = await queries.PageAsync(new CaseQueueFilter(), 0, int.MaxValue, ct);
            var rest = new List<CaseQueueRow>(all);
            for (var offset = 500; offset < open; offset += 500)
                rest.AddRange(await queries.PageAsync(new CaseQueueFilter(), offset, 500, ct));
            _ = rest.OrderBy(r => r.Priority).ThenByDescending(r => r.ReportedAt).Skip(5000).Take(40).ToList();
            baseline.Add(sw.Elapsed.TotalMilliseconds);
        }

        var actions = new CaseActions(db, TimeProvider.System, NullLogger<CaseActions>.Instance);
        var actionMs = new List<double>();
        await using (var cmd = db.CreateCommand("SELECT id, version FROM cases WHERE status = 'accepted' ORDER BY id LIMIT 200"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            var targets = new List<(long, int)>();
            while (await r.ReadAsync(ct)) targets.Add((r.GetInt64(0), r.GetInt32(1)));
            await r.CloseAsync();
            foreach (var (id, version) in targets)
            {
                sw.Restart();
                var result = await actions.ApplyAsync(id, version, new CaseCommand.Dispatch("chengguan", "城管"), "bench", ct);
                actionMs.Add(sw.Elapsed.TotalMilliseconds);
                if (!result.Done) throw new InvalidOperationException($"dispatch of {id} failed: {result.Message}");
            }
        }
        return new Dictionary<string, object?>
        {
            ["open_cases"] = open,
            ["closed_cases"] = closed,
            ["window_median_ms"] = Median(window),
            ["window_p95_ms"] = Percentile(window, 0.95),
            ["baseline_load_all_median_ms"] = Median(baseline),
            ["speedup_vs_baseline"] = Math.Round(Median(baseline) / Median(window), 1),
            ["action_median_ms"] = Median(actionMs),
            ["action_p95_ms"] = Percentile(actionMs, 0.95),
        };
    }

    private static double Median(List<double> xs) => Percentile(xs, 0.5);

    private static double Percentile(List<double> xs, double p)
    {
        var sorted = xs.Order().ToList();
        return Math.Round(sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))], 2);
    }

    private static async Task SeedAsync(NpgsqlDataSource db, int open, int closed, CancellationToken ct)
    {
        const string Sql = """
            INSERT INTO regions (code, name) VALUES ('P1','东片'),('P2','西片'),('P3','南片'),('P4','北片');
            INSERT INTO communities (code, name, kind, region_code)
            SELECT 'C' || lpad(i::text, 2, '0'), '社区' || i, '社区', 'P' || ((i - 1) % 4 + 1) FROM generate_series(1, 25) i;
            INSERT INTO grids (code, name, community_code, region_code, geom)
            SELECT 'G' || lpad((i + 1)::text, 3, '0'), '第' || (i + 1) || '网格', 'C' || lpad((i * 25 / 133 + 1)::text, 2, '0'),
                   'P' || ((i * 25 / 133) % 4 + 1),
                   ST_Multi(ST_MakeEnvelope(119.88 + (i % 12) * 0.004, 31.0 + (i / 12) * 0.004, 119.884 + (i % 12) * 0.004, 31.004 + (i / 12) * 0.004, 4326))
            FROM generate_series(0, 132) i;
            INSERT INTO cases (source, external_id, channel, category_code, title, grid_code, priority, status, reported_at,
                               accepted_at, dispatched_at, deadline_at, closed_at)
            SELECT 'bench', 'B' || i, '网格员巡查', (ARRAY['sewer','noise','parking','safety','dog'])[i % 5 + 1],
                   (ARRAY['下水道堵塞','邻里噪音扰民','乱停车','燃气隐患','养狗纠纷'])[i % 5 + 1] || ' ' || i,
                   'G' || lpad((i % 133 + 1)::text, 3, '0'), CASE WHEN i % 40 = 0 THEN 1 WHEN i % 7 = 0 THEN 2 ELSE 3 END,
                   CASE WHEN i > @open THEN 'closed' ELSE (ARRAY['pending','accepted','dispatched','in_progress'])[i % 4 + 1] END,
                   now() - (i || ' minutes')::interval, now() - (i || ' minutes')::interval,
                   CASE WHEN i % 4 >= 2 OR i > @open THEN now() - (i || ' minutes')::interval END,
                   CASE WHEN i % 4 >= 2 OR i > @open THEN now() - (i || ' minutes')::interval + interval '48 hours' END,
                   CASE WHEN i > @open THEN now() - (i || ' minutes')::interval + interval '24 hours' END
            FROM generate_series(1, @open + @closed) i;
            ANALYZE cases;
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand(Sql, conn);
        cmd.Parameters.AddWithValue("open", open);
        cmd.Parameters.AddWithValue("closed", closed);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
