using System.Diagnostics;
using System.Text.Json;
using CommandCenter.Core.Geo;
using CommandCenter.Core.Ingest;
using CommandCenter.Core.Security;

namespace CommandCenter.Bench;

/// <summary>Ingest → wall latency in real Chromium, and fan-out to many walls and /hubs/live clients.
/// The apps run as processes (Release build); the load and the browsers/clients are bench/live-bench.mjs.
/// Options: --rate 100 --seconds 20 --burst 1000 --walls 5 --hub-clients 1000 --fanout-rate 200 --fanout-seconds 10.</summary>
public sealed class LiveBenchmark : IBenchmark
{
    public string Name => "live";
    public string Description => "ingest→screen latency in Chromium (steady + burst), fan-out to walls and hub clients";

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchContext context, CancellationToken ct)
    {
        await using var db = await BenchDatabase.CreateFreshAsync(context, "cc_bench_live", ct);
        var cs = context.ConnectionStringFor("cc_bench_live");
        await new GridImporter(db).ImportAsync(await File.ReadAllBytesAsync(Path.Combine(context.RepoRoot, "assets/geo/grids.geojson"), ct), "grids.geojson", ct);
        var (_, key) = await new ApiKeyStore(db).CreateAsync("bench-live", "live benchmark", ct);
        var points = new List<double[]>();
        await using (var cmd = db.CreateCommand("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grids) g"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) points.Add([r.GetDouble(0), r.GetDouble(1)]);

        await using var ingest = await BenchProcess.StartAsync(context.RepoRoot, "CommandCenter.Ingest", ["serve"], cs, ct);
        await using var web = await BenchProcess.StartAsync(context.RepoRoot, "CommandCenter", [], cs, ct);
        var kioskCookie = await KioskCookieAsync(db, web.Url, ct);
        var options = new
        {
            runId = Guid.NewGuid().ToString("N")[..8], web = web.Url, ingest = ingest.Url, key, points, kioskCookie,
            rate = context.Int("rate", 100), seconds = context.Int("seconds", 20), burst = context.Int("burst", 1000),
            walls = context.Int("walls", 5), hubClients = context.Int("hub-clients", 1000),
            fanoutRate = context.Int("fanout-rate", 200), fanoutSeconds = context.Int("fanout-seconds", 10),
        };
        var optionsFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(optionsFile, JsonSerializer.Serialize(options), ct);
        BenchContext.Log($"live: web {web.Url}, ingest {ingest.Url}; {options.rate}/s for {options.seconds}s with a {options.burst} burst, then {options.walls} walls + {options.hubClients} hub clients at {options.fanoutRate}/s");

        var psi = new ProcessStartInfo("node", [Path.Combine(context.RepoRoot, "bench", "live-bench.mjs"), optionsFile])
        {
            WorkingDirectory = context.RepoRoot,
            RedirectStandardOutput = true,
        };
        using var node = Process.Start(psi)!;
        var marks = new Dictionary<string, (long RssKb, double CpuSeconds, DateTime At)>();
        var beforeWalls = web.Sample();
        marks["start"] = beforeWalls;
        long peakRss = beforeWalls.RssKb;
        using var sampler = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        var sampling = Task.Run(async () => { while (await sampler.WaitForNextTickAsync(ct)) peakRss = Math.Max(peakRss, web.Sample().RssKb); }, ct);
        string? last = null;
        while (await node.StandardOutput.ReadLineAsync(ct) is { } line)
        {
            if (line.StartsWith('#')) { marks[line[1..]] = web.Sample(); BenchContext.Log($"live: {line[1..]}"); }
            else last = line;
        }
        await node.WaitForExitAsync(ct);
        sampler.Dispose();
        File.Delete(optionsFile);
        if (node.ExitCode != 0 || last is null) throw new InvalidOperationException($"live-bench.mjs failed (exit {node.ExitCode}); see its output above");

        var figures = JsonSerializer.Deserialize<Dictionary<string, object?>>(last)!;
        if (marks.TryGetValue("fanout-start", out var fs) && marks.TryGetValue("fanout-end", out var fe))
            figures["web_cpu_percent_during_fanout"] = Math.Round(100 * (fe.CpuSeconds - fs.CpuSeconds) / (fe.At - fs.At).TotalSeconds, 1);
        figures["web_rss_peak_mb"] = Math.Round(peakRss / 1024.0, 1);
        if (marks.TryGetValue("walls-1", out var w1) && marks.TryGetValue($"walls-{options.walls}", out var wn) && options.walls > 1)
            figures["rss_per_circuit_kb_approx"] = (wn.RssKb - w1.RssKb) / (options.walls - 1);
        figures["memory_note"] = "RSS deltas: an upper bound per circuit (includes GC headroom)";
        return figures;
    }

    /// <summary>The walls and hub clients sign in as a wall screen does: a kiosk credential's link, whose
    /// cookie ("cc.auth=...") they all share.</summary>
    private static async Task<string> KioskCookieAsync(Npgsql.NpgsqlDataSource db, string webUrl, CancellationToken ct)
    {
        var sessions = new SessionStore(db, TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new SecurityOptions()));
        var (_, token) = await new KioskStore(db, TimeProvider.System, sessions).CreateAsync("bench-wall", "benchmark", AuditActor.System, ct);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var response = await http.GetAsync($"{webUrl.TrimEnd('/')}{KioskStore.LinkPrefix}{token}", ct);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cc.auth=", StringComparison.Ordinal)).Split(';')[0];
    }
}
