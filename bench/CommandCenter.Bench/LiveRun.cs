using Microsoft.Playwright;

namespace CommandCenter.Bench;

/// <summary>The load and measurement of `./bench.sh live`.
/// Phase 1 — latency: one wall in Chromium; incidents posted to ingest at a steady rate with a burst;
/// for the k-th acknowledged incident, latency = first time the wall's 今日受理 tile shows baseline+k
/// minus that acknowledgement's time.
/// Phase 2 — fan-out: more walls and many /hubs/live clients while posting at another rate; per
/// client, the same latency from its own view. <paramref name="mark"/> is called at each phase change
/// (walls-N, hub-clients, fanout-start, fanout-end) so the caller can sample the web process.</summary>
public sealed class LiveRun(LiveLoadOptions o, Action<string> mark)
{
    public async Task<Dictionary<string, object?>> RunAsync(CancellationToken ct)
    {
        using var http = new HttpClient();
        using var load = new LiveIngestLoad(o, http);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var result = new Dictionary<string, object?>();

        // Phase 1: latency with one wall.
        var first = await LiveWall.OpenAsync(browser, o);
        mark("walls-1");
        await load.PostAsync(1, ct); // warm-up: ingest's first request
        await WaitForAsync(async () => await first.ValueAsync() >= 1, 20_000, "warm-up case on the wall", ct);
        var base1 = await first.ValueAsync();
        var acks1 = await load.RunAsync(o.Rate, o.Seconds, o.Burst, o.Seconds / 2, ct);
        await WaitForAsync(async () => await first.ValueAsync() >= base1 + acks1.Length, 60_000, "phase 1 on the wall", ct);
        var lat1 = LiveLatency.Of(acks1, base1, await first.SamplesAsync());
        result["latency_events"] = acks1.Length;
        result["latency_p50_ms"] = LiveLatency.Percentile(lat1, 0.5);
        result["latency_p99_ms"] = LiveLatency.Percentile(lat1, 0.99);
        result["latency_max_ms"] = lat1.DefaultIfEmpty(double.NegativeInfinity).Max();

        // Phase 2: fan-out.
        var walls = new List<LiveWall> { first };
        for (var i = 1; i < o.Walls; i++) walls.Add(await LiveWall.OpenAsync(browser, o));
        mark($"walls-{walls.Count}");
        var clients = Enumerable.Range(0, o.HubClients).Select(_ => new LiveHubSampler(o)).ToList();
        try
        {
            await Task.WhenAll(clients.Select(c => c.StartAsync(ct)));
            mark("hub-clients");
            var base2 = await first.ValueAsync();
            await WaitForAsync(() => Task.FromResult(clients.All(c => c.Last >= base2)), 30_000, "hub snapshots", ct);
            mark("fanout-start");
            var acks2 = await load.RunAsync(o.FanoutRate, o.FanoutSeconds, 0, -1, ct);
            var target = base2 + acks2.Length;
            await WaitForAsync(() => Task.FromResult(clients.All(c => c.Last >= target)), 120_000, "every hub client to catch up", ct);
            foreach (var w in walls) await WaitForAsync(async () => await w.ValueAsync() >= target, 120_000, "every wall to catch up", ct);
            mark("fanout-end");

            var hubLatencies = clients.Select(c => LiveLatency.Of(acks2, base2, c.Samples)).ToList();
            var wallP99 = new List<double?>();
            foreach (var w in walls) wallP99.Add(LiveLatency.Percentile(LiveLatency.Of(acks2, base2, await w.SamplesAsync()), 0.99));
            result["fanout_events"] = acks2.Length;
            result["fanout_rate"] = o.FanoutRate;
            result["walls"] = walls.Count;
            result["hub_clients"] = clients.Count;
            result["hub_latency_p50_ms"] = LiveLatency.Percentile(hubLatencies.SelectMany(l => l), 0.5);
            result["hub_latency_p99_ms"] = LiveLatency.Percentile(hubLatencies.SelectMany(l => l), 0.99);
            result["hub_slowest_client_p99_ms"] = hubLatencies.Select(l => LiveLatency.Percentile(l, 0.99)).DefaultIfEmpty().Max();
            result["wall_slowest_p99_ms"] = wallP99.Max();
            await Task.WhenAll(clients.Select(c => c.StopAsync(ct)));
        }
        finally
        {
            foreach (var c in clients) await c.DisposeAsync();
        }
        // A client that never showed an event has an infinite latency; the figures report it as null.
        foreach (var (name, value) in result.ToList())
            if (value is double d && !double.IsFinite(d)) result[name] = null;
        return result;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, int milliseconds, string what, CancellationToken ct)
    {
        var end = LiveClock.Now() + milliseconds;
        while (!await condition())
        {
            if (LiveClock.Now() > end) throw new TimeoutException($"timed out: {what}");
            await Task.Delay(50, ct);
        }
    }
}
