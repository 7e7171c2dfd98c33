using CommandCenter.Core.Geo;
using CommandCenter.Core.Ingest;
using CommandCenter.Core.Security;

namespace CommandCenter.Bench;

/// <summary>Ingest → wall latency in real Chromium, and fan-out to many walls and /hubs/live clients.
/// The apps run as processes (Release build); the load, the walls (Playwright) and the hub clients (.NET SignalR client) are <see cref="LiveRun"/>.
/// Options: --rate 100 --seconds 20 --burst 1000 --walls 20 --hub-clients 1000 --hub-protocol json|messagepack --fanout-rate 200 --fanout-seconds 10
/// --open N --historic M (a backlog of cases under the wall, <see cref="LiveBacklog"/>) --clients-nice 10 (the walls' and hub clients' nice value).
/// The hub clients run in their own process (<see cref="LiveHubFleet"/>); the server's own figures come from its /metrics.</summary>
public sealed class LiveBenchmark : IBenchmark
{
    public string Name => "live";
    public string Description => "ingest→screen latency in Chromium (steady + burst), fan-out to walls and hub clients";

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchContext context, CancellationToken ct)
    {
        await using var db = await BenchDatabase.CreateFreshAsync(context, "cc_bench_live", ct);
        var cs = context.ConnectionStringFor("cc_bench_live");
        await new GridImporter(db).ImportAsync(await File.ReadAllBytesAsync(Path.Combine(context.RepoRoot, "assets/geo/grids.geojson"), ct), "grids.geojson", ct);
        // --open N --historic M: a backlog under the wall, and the reload's cost with and without 0170 (LiveBacklog).
        var backlog = await LiveBacklog.PrepareAsync(context, db, ct);
        var (_, key) = await new ApiKeyStore(db).CreateAsync("bench-live", "live benchmark", ct);
        var points = new List<(double Lon, double Lat)>();
        await using (var cmd = db.CreateCommand("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grids) g"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) points.Add((r.GetDouble(0), r.GetDouble(1)));

        await using var ingest = await BenchProcess.StartAsync(context.RepoRoot, "CommandCenter.Ingest", ["serve"], cs, ct);
        // The heap endpoint (forced full GC, bench only) gives circuit_heap_kb.
        await using var web = await BenchProcess.StartAsync(context.RepoRoot, "CommandCenter", [], cs, ct,
            new Dictionary<string, string>
            {
                ["Diagnostics__HeapEndpoint"] = "true",
                // The idle keep-alive connections a wall's page load leaves (~100 KB of heap per browser) close after 15 s
                // instead of 130, so the settled circuit_heap_kb counts circuits, not idle HTTP connections.
                ["Diagnostics__KeepAliveTimeout"] = "00:00:15",
            });
        var kioskCookie = await KioskCookieAsync(db, web.Url, ct);
        var options = new LiveLoadOptions(Guid.NewGuid().ToString("N")[..8], web.Url, ingest.Url, key, points, kioskCookie,
            Rate: context.Int("rate", 100), Seconds: context.Int("seconds", 20), Burst: context.Int("burst", 1000),
            Walls: context.Int("walls", 20), HubClients: context.Int("hub-clients", 1000),
            FanoutRate: context.Int("fanout-rate", 200), FanoutSeconds: context.Int("fanout-seconds", 10),
            HubProtocol: context.Options.GetValueOrDefault("hub-protocol", "json"), HoldSeconds: context.Int("hold", 0),
            HeapSettleSeconds: context.Int("heap-settle", 25), ClientsNice: context.Int("clients-nice", 10));
        var figures0 = new Dictionary<string, object?>(backlog) { ["clients_nice"] = options.ClientsNice };
        BenchContext.Log($"live: web {web.Url} (pid {web.Pid}), ingest {ingest.Url}; {options.Rate}/s for {options.Seconds}s with a {options.Burst} burst, then {options.Walls} walls + {options.HubClients} hub clients at {options.FanoutRate}/s");

        figures0["load_avg_1m_start"] = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        var marks = new Dictionary<string, (long RssKb, double CpuSeconds, DateTime At)>();
        var beforeWalls = web.Sample();
        marks["start"] = beforeWalls;
        long peakRss = beforeWalls.RssKb;
        using var sampler = new PeriodicTimer(TimeSpan.FromMilliseconds(500));
        var sampling = Task.Run(async () => { while (await sampler.WaitForNextTickAsync(ct)) Interlocked.Exchange(ref peakRss, Math.Max(Interlocked.Read(ref peakRss), web.Sample().RssKb)); }, ct);
        void Mark(string name)
        {
            lock (marks) marks[name] = web.Sample();
            BenchContext.Log($"live: {name}");
        }
        var figures = await new LiveRun(options, Mark).RunAsync(ct);
        foreach (var (k, v) in figures0) figures[k] = v;
        sampler.Dispose();
        await sampling;

        if (marks.TryGetValue("fanout-start", out var fs) && marks.TryGetValue("fanout-end", out var fe))
            figures["web_cpu_percent_during_fanout"] = Math.Round(100 * (fe.CpuSeconds - fs.CpuSeconds) / (fe.At - fs.At).TotalSeconds, 1);
        figures["web_rss_peak_mb"] = Math.Round(peakRss / 1024.0, 1);
        if (marks.TryGetValue("walls-1", out var w1) && marks.TryGetValue($"walls-{options.Walls}", out var wn) && options.Walls > 1)
            figures["rss_per_circuit_kb_approx"] = (wn.RssKb - w1.RssKb) / (options.Walls - 1);
        figures["memory_note"] = "circuit_heap_kb: managed heap after a forced full GC per extra /screen circuit; rss_per_circuit_kb_approx: RSS delta, an upper bound (GC headroom)";
        figures["load_avg_1m_end"] = double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
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
