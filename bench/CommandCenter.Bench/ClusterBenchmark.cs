using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CommandCenter.Core.Ingest;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace CommandCenter.Bench;

/// <summary>./cluster.sh under load (issue 17): incidents through nginx across the two ingest nodes against the
/// same load posted straight to one ingest node, in the same run on the same cluster; then the failover heal
/// time: a /hubs/live client through nginx, its web node killed, until the survivor's snapshot arrives.
/// Options: --count N per run (100,000), --clients (4), --batch (1000). Starts ./cluster.sh from the Release
/// build bench.sh has just made, on ports 5341–5348; the cluster's own PostgreSQL, not bench.sh's.</summary>
public sealed class ClusterBenchmark : IBenchmark
{
    public string Name => "cluster";
    public string Description => "ingest through nginx on 2 ingest nodes vs 1 node directly; wall failover heal time (./cluster.sh)";

    public async Task<IReadOnlyDictionary<string, object?>> RunAsync(BenchContext context, CancellationToken ct)
    {
        var count = context.Int("count", 100_000);
        var clients = context.Int("clients", 4);
        var batch = context.Int("batch", 1000);
        await using var cluster = await RunningCluster.StartAsync(context.RepoRoot, ct);
        await using var db = NpgsqlDataSource.Create(cluster.Env["CC_CLUSTER_PRIMARY"]);
        var key = (await new ApiKeyStore(db).CreateAsync("bench-cluster", null, ct)).Key;
        var points = await PointsAsync(db, ct);
        var nginx = cluster.Env["CC_CLUSTER_INGEST_URL"];
        var ingestPorts = cluster.Env["CC_CLUSTER_INGEST_PORTS"].Split(' ');
        var direct = $"http://127.0.0.1:{ingestPorts[0]}";

        BenchContext.Log("warm-up (both nodes, through nginx) ...");
        await PostAllAsync(nginx, key, "warm", 20_000, clients, batch, points, null, ct);
        // Same load, same cluster, one after the other; the direct run first, so the nginx run is not
        // flattered by a smaller table.
        BenchContext.Log($"{count:N0} incidents straight to one ingest node ...");
        var directLat = new List<double>();
        var directRate = await TimedAsync(() => PostAllAsync(direct, key, "d", count, clients, batch, points, directLat, ct), count);
        BenchContext.Log($"{directRate:N0}/s; {count:N0} through nginx on two nodes ...");
        var nginxLat = new List<double>();
        var nginxRate = await TimedAsync(() => PostAllAsync(nginx, key, "n", count, clients, batch, points, nginxLat, ct), count);
        BenchContext.Log($"{nginxRate:N0}/s");
        var stored = await ScalarAsync(db, "SELECT count(*) FROM cases WHERE source = 'bench-cluster' AND external_id NOT LIKE 'warm-%'", ct);

        BenchContext.Log("failover: killing the web node of a /hubs/live client ...");
        var heal = await FailoverAsync(cluster, db, ct);
        var lag = await ReplicaLagAsync(cluster, ct);
        directLat.Sort(); nginxLat.Sort();
        return new Dictionary<string, object?>
        {
            ["incidents_per_run"] = count,
            ["clients"] = clients,
            ["batch_size"] = batch,
            ["stored"] = stored,
            ["nginx_two_nodes_events_per_s"] = Math.Round(nginxRate),
            ["baseline"] = "the same load posted straight to one ingest node of the same cluster, same run",
            ["direct_one_node_events_per_s"] = Math.Round(directRate),
            ["ratio"] = Math.Round(nginxRate / directRate, 2),
            ["nginx_ack_p99_ms"] = Math.Round(nginxLat[(int)(nginxLat.Count * 0.99)], 1),
            ["direct_ack_p99_ms"] = Math.Round(directLat[(int)(directLat.Count * 0.99)], 1),
            ["failover_heal_ms"] = Math.Round(heal.TotalMilliseconds),
            ["failover_note"] = "SIGKILL of the client's web node → automatic reconnect (every 250 ms) through nginx → the survivor's snapshot",
            ["replica_lag_bytes_after"] = lag.Bytes,
            ["replica_lag_s_after"] = lag.Seconds,
            ["limits"] = "one 2-core machine runs nginx, 4 nodes, primary, replica and the load: a second ingest node adds no CPU (writers no longer serialise on the rollups since migration 0160; why this rate is a fifth of the one-process ingest benchmark's was not analysed)",
            ["load_average"] = File.ReadAllText("/proc/loadavg").Split(' ')[0],
        };
    }

    private static async Task<double> TimedAsync(Func<Task> run, int count)
    {
        var sw = Stopwatch.StartNew();
        await run();
        return count / sw.Elapsed.TotalSeconds;
    }

    private static async Task<TimeSpan> FailoverAsync(RunningCluster cluster, NpgsqlDataSource db, CancellationToken ct)
    {
        var token = $"bench-{Guid.NewGuid():N}{Guid.NewGuid():N}";
        await using (var cmd = db.CreateCommand("""
            INSERT INTO kiosk_credentials (name, location, token_hash, created_at, created_by)
            VALUES ('压测大屏', '压测', @hash, now(), 'bench')
            """))
        {
            cmd.Parameters.AddWithValue("hash", CommandCenter.Core.Security.KioskStore.Hash(token));
            await cmd.ExecuteNonQueryAsync(ct);
        }
        var web = new Uri(cluster.Env["CC_CLUSTER_WEB_URL"] + "/");
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = web };
        (await http.GetAsync($"kiosk/{token}", ct)).EnsureSuccessStatusCodeOrRedirect();
        var node = Upstream(await http.GetAsync("healthz", ct));
        var snapshots = 0;
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource<DateTime>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(web, "hubs/live"), o => { o.Cookies = cookies; o.Transports = HttpTransportType.WebSockets; })
            .WithAutomaticReconnect(new Every(TimeSpan.FromMilliseconds(250)))
            .Build();
        hub.On<JsonElement>("snapshot", _ =>
        {
            var n = Interlocked.Increment(ref snapshots);
            if (n == 1) first.TrySetResult();
            else second.TrySetResult(DateTime.UtcNow);
        });
        await hub.StartAsync(ct);
        // The wall is whole before its node dies: the heal time is from the kill to the survivor's snapshot.
        await first.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        var webPorts = cluster.Env["CC_CLUSTER_WEB_PORTS"].Split(' ');
        var pids = cluster.Env["CC_CLUSTER_WEB_PIDS"].Split(' ');
        var killedAt = DateTime.UtcNow;
        using (var p = Process.GetProcessById(int.Parse(pids[Array.IndexOf(webPorts, node.ToString(CultureInfo.InvariantCulture))], CultureInfo.InvariantCulture)))
            p.Kill();
        var healed = await second.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        return healed - killedAt;
    }

    private static async Task<(long Bytes, double Seconds)> ReplicaLagAsync(RunningCluster cluster, CancellationToken ct)
    {
        using var http = new HttpClient();
        foreach (var port in cluster.Env["CC_CLUSTER_WEB_PORTS"].Split(' '))
        {
            try
            {
                using var doc = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/healthz", ct));
                var d = doc.RootElement.GetProperty("checks").GetProperty("replica").GetProperty("data");
                return (d.GetProperty("replicaLagBytes").GetInt64(), d.GetProperty("replicaLagSeconds").GetDouble());
            }
            catch (HttpRequestException) { }
        }
        return (-1, -1);
    }

    private static int Upstream(HttpResponseMessage r) =>
        int.Parse(r.Headers.GetValues("X-Upstream").Single().Split(',')[^1].Trim().Split(':')[^1], CultureInfo.InvariantCulture);

    private static async Task PostAllAsync(string url, string key, string prefix, int count, int clients, int batch,
        (double Lon, double Lat)[] points, List<double>? latencies, CancellationToken ct)
    {
        var next = -1;
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(5) };
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            var sb = new StringBuilder(batch * 400);
            int start;
            while ((start = Interlocked.Add(ref next, batch) - batch + 1) < count)
            {
                sb.Clear();
                for (var i = start; i < Math.Min(count, start + batch); i++)
                {
                    var p = points[random.Next(points.Length)];
                    var at = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture);
                    sb.Append(CultureInfo.InvariantCulture,
                        $$"""{"externalId":"{{prefix}}-{{i}}","channel":"网格员巡查","category":"sewer","title":"小区下水道堵塞","lon":{{p.Lon:F6}},"lat":{{p.Lat:F6}},"address":"雉城街道3幢","priority":2,"reportedAt":"{{at}}"}""");
                    sb.Append('\n');
                }
                var sw = Stopwatch.StartNew();
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/incidents") { Content = new StringContent(sb.ToString()) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
                request.Headers.Add(ApiKeyStore.Header, key);
                using var response = await http.SendAsync(request, ct);
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"ingest answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
                if (latencies is not null) lock (latencies) latencies.Add(sw.Elapsed.TotalMilliseconds);
            }
        }, ct)));
    }

    private static async Task<(double Lon, double Lat)[]> PointsAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var list = new List<(double, double)>();
        await using var cmd = db.CreateCommand("SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_PointOnSurface(geom) p FROM grids) g");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add((r.GetDouble(0), r.GetDouble(1)));
        return [.. list];
    }

    private static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private sealed class Every(TimeSpan delay) : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) => retryContext.ElapsedTime < TimeSpan.FromMinutes(1) ? delay : null;
    }

    /// <summary>./cluster.sh as a child process until disposed (TERM: it stops what it started).</summary>
    private sealed class RunningCluster : IAsyncDisposable
    {
        private Process _script = null!;
        public Dictionary<string, string> Env { get; private set; } = [];

        public static async Task<RunningCluster> StartAsync(string root, CancellationToken ct)
        {
            var dir = Path.Combine(root, ".data", "bench-cluster");
            var psi = new ProcessStartInfo("bash", [Path.Combine(root, "cluster.sh")]) { WorkingDirectory = root, RedirectStandardError = true, RedirectStandardOutput = true };
            psi.Environment["CC_CLUSTER_DIR"] = dir;
            psi.Environment["CC_CLUSTER_PORT"] = "5341";
            psi.Environment["CC_CLUSTER_BUILD"] = "release";
            psi.Environment["CC_CLUSTER_RESTART"] = "0";
            psi.Environment["CC_CLUSTER_FRESH"] = "1";
            psi.Environment["CC_SIMULATE"] = "0";
            psi.Environment["Logging__LogLevel__Default"] = "Warning";
            psi.Environment["Security__IngestPermitsPerSecond"] = "100000";
            var c = new RunningCluster { _script = Process.Start(psi)! };
            c._script.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[cluster.sh] {e.Data}"); };
            c._script.OutputDataReceived += (_, _) => { };
            c._script.BeginErrorReadLine();
            c._script.BeginOutputReadLine();
            var env = Path.Combine(dir, "cluster.env");
            var until = DateTime.UtcNow.AddMinutes(5);
            while (!File.Exists(env))
            {
                if (c._script.HasExited) throw new InvalidOperationException($"cluster.sh exited with {c._script.ExitCode}");
                if (DateTime.UtcNow > until) throw new TimeoutException("cluster.sh was not ready within 5 minutes");
                await Task.Delay(250, ct);
            }
            c.Env = File.ReadAllLines(env).Where(l => l.Contains('=')).ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
            return c;
        }

        public async ValueTask DisposeAsync()
        {
            if (_script.HasExited) return;
            using (var kill = Process.Start("kill", ["-TERM", _script.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            await _script.WaitForExitAsync();
        }
    }
}

internal static class HttpResponseExtensions
{
    public static void EnsureSuccessStatusCodeOrRedirect(this HttpResponseMessage r)
    {
        if (!r.IsSuccessStatusCode && r.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"kiosk sign-in answered {(int)r.StatusCode}");
    }
}
