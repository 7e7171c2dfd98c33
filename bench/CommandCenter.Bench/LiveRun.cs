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
    // The reads of one LiveState refresh (LiveSnapshotLoader), as tagged in cc_live_refresh_read_duration_seconds.
    private static readonly string[] RefreshReads = ["kpis", "grids", "workers", "recent", "past_days", "categories", "record"];

    public async Task<Dictionary<string, object?>> RunAsync(CancellationToken ct)
    {
        using var http = new HttpClient();
        using var load = new LiveIngestLoad(o, http);
        using var playwright = await Playwright.CreateAsync();
        // The browser's processes are marked by a switch Chromium ignores, so LiveNice finds exactly them.
        await using var nice = new LiveNice($"--cc-bench-live={o.RunId}", o.ClientsNice);
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = [nice.Marker, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        nice.Start();
        var result = new Dictionary<string, object?>();

        // Phase 1: latency with one wall.
        var first = await LiveWall.OpenAsync(browser, o);
        mark("walls-1");
        await load.PostAsync(1, ct); // warm-up: ingest's first request
        await WaitForAsync(async () => await first.ValueAsync() >= 1, 20_000, "warm-up case on the wall", ct);
        var base1 = await first.ValueAsync();
        var web1Before = await PrometheusScrape.GetAsync(o.Web, ct);
        var acks1 = await load.RunAsync(o.Rate, o.Seconds, o.Burst, o.Seconds / 2, ct);
        await WaitForAsync(async () => await first.ValueAsync() >= base1 + acks1.Length, 60_000, "phase 1 on the wall", ct);
        var lat1 = LiveLatency.Of(acks1, base1, await first.SamplesAsync());
        // Where phase 1's time went, server-side: the snapshot reload, the change feed's notify → read, and
        // the change's commit → the snapshot that first shows it.
        var web1After = await PrometheusScrape.GetAsync(o.Web, ct);
        result["latency_server_refresh_p50_ms"] = PrometheusScrape.QuantileMs(web1Before, web1After, "cc_live_refresh_duration_seconds", 0.5);
        result["latency_server_refresh_p99_ms"] = PrometheusScrape.QuantileMs(web1Before, web1After, "cc_live_refresh_duration_seconds", 0.99);
        result["latency_server_changefeed_lag_p99_ms"] = PrometheusScrape.QuantileMs(web1Before, web1After, "cc_changefeed_lag_seconds", 0.99);
        result["latency_server_delivery_p99_ms"] = PrometheusScrape.QuantileMs(web1Before, web1After, "cc_hub_delivery_delay_seconds", 0.99);
        // Which of the refresh's concurrent reads it waited for.
        result["latency_server_read_p99_ms"] = ReadP99s(web1Before, web1After);
        result["latency_events"] = acks1.Length;
        result["latency_p50_ms"] = LiveLatency.Percentile(lat1, 0.5);
        result["latency_p99_ms"] = LiveLatency.Percentile(lat1, 0.99);
        result["latency_max_ms"] = lat1.DefaultIfEmpty(double.NegativeInfinity).Max();

        // Phase 2: fan-out. The heap per /screen circuit first: full GCs pause the server, so not while measuring.
        // The baseline is taken with a second wall open, so the first extra circuit's one-off warm-up
        // (JIT, caches, pooled buffers) is not charged to the circuits that follow.
        // Each probe is read twice: at once (as before; it includes the page loads' idle keep-alive connections and
        // pooled buffers) and after --heap-settle seconds, when those are gone and what is left is the circuits'.
        var walls = new List<LiveWall> { first };
        if (o.Walls > 1) walls.Add(await LiveWall.OpenAsync(browser, o));
        var heap1Open = await LiveHeapProbe.ReadAsync(o.Web, ct);
        await Task.Delay(TimeSpan.FromSeconds(o.HeapSettleSeconds), ct);
        var heap1 = await LiveHeapProbe.ReadAsync(o.Web, ct);
        for (var i = walls.Count; i < o.Walls; i++) walls.Add(await LiveWall.OpenAsync(browser, o));
        mark($"walls-{walls.Count}");
        var heapNOpen = await LiveHeapProbe.ReadAsync(o.Web, ct);
        await Task.Delay(TimeSpan.FromSeconds(o.HeapSettleSeconds), ct);
        var heapN = await LiveHeapProbe.ReadAsync(o.Web, ct);
        if (o.HoldSeconds > 0)
        {
            // --hold N: time to take a heap dump of the web app with the walls open (dotnet-gcdump collect -p PID).
            mark("holding");
            await Task.Delay(TimeSpan.FromSeconds(o.HoldSeconds), ct);
        }
        if (heapN.Circuits > heap1.Circuits)
        {
            result["circuit_heap_kb"] = Math.Round((heapN.HeapBytes - heap1.HeapBytes) / 1024.0 / (heapN.Circuits - heap1.Circuits), 1);
            result["circuit_heap_kb_at_open"] = Math.Round((heapNOpen.HeapBytes - heap1Open.HeapBytes) / 1024.0 / (heapN.Circuits - heap1.Circuits), 1);
            result["heap_settle_s"] = o.HeapSettleSeconds;
        }
        result["circuits_measured"] = heapN.Circuits - heap1.Circuits;
        result["web_heap_mb_with_walls"] = Math.Round(heapN.HeapBytes / 1048576.0, 1);

        await using var fleet = await LiveHubFleet.StartAsync(o, ct);
        mark("hub-clients");
        var base2 = await first.ValueAsync();
        await WaitForAsync(async () => await fleet.MinAsync(ct) >= base2, 60_000, "hub snapshots", ct);
        var webBefore = await PrometheusScrape.GetAsync(o.Web, ct);
        var ingestBefore = await PrometheusScrape.GetAsync(o.Ingest, ct);
        var clientCpu0 = fleet.CpuSeconds();
        var t0 = LiveClock.Now();
        mark("fanout-start");
        var acks2 = await load.RunAsync(o.FanoutRate, o.FanoutSeconds, 0, -1, ct);
        var target = base2 + acks2.Length;
        // A client or wall that has not caught up in time is reported (its missing events count as infinitely
        // late, so its p99 reads null), not allowed to sink the whole run.
        result["hub_clients_caught_up"] = await TryWaitForAsync(async () => await fleet.MinAsync(ct) >= target, 180_000, ct);
        var wallsEnd = LiveClock.Now() + 120_000;
        var wallsCaughtUp = 0;
        foreach (var w in walls)
            if (await TryWaitForAsync(async () => await w.ValueAsync() >= target, (int)Math.Max(1_000, wallsEnd - LiveClock.Now()), ct)) wallsCaughtUp++;
        result["walls_caught_up"] = wallsCaughtUp;
        mark("fanout-end");
        var clientCpu = fleet.CpuSeconds() - clientCpu0;
        var elapsed = (LiveClock.Now() - t0) / 1000.0;
        var webAfter = await PrometheusScrape.GetAsync(o.Web, ct);
        var ingestAfter = await PrometheusScrape.GetAsync(o.Ingest, ct);

        var hubLatencies = (await fleet.SamplesAsync(ct)).Select(samples => LiveLatency.Of(acks2, base2, samples)).ToList();
        var wallP99 = new List<double?>();
        foreach (var w in walls)
        {
            IReadOnlyList<(long At, int Value)> samples;
            try { samples = await w.SamplesAsync().WaitAsync(TimeSpan.FromSeconds(30), ct); }
            catch (TimeoutException) { samples = []; }
            wallP99.Add(LiveLatency.Percentile(LiveLatency.Of(acks2, base2, samples), 0.99));
        }
        result["fanout_events"] = acks2.Length;
        result["fanout_rate"] = o.FanoutRate;
        result["walls"] = walls.Count;
        result["hub_clients"] = o.HubClients;
        result["hub_protocol"] = o.HubProtocol;
        // Client-side: ingest acknowledgement → the client's handler ran, in the hub-load process.
        result["hub_latency_p50_ms"] = LiveLatency.Percentile(hubLatencies.SelectMany(l => l), 0.5);
        result["hub_latency_p99_ms"] = LiveLatency.Percentile(hubLatencies.SelectMany(l => l), 0.99);
        result["hub_slowest_client_p99_ms"] = hubLatencies.Select(l => LiveLatency.Percentile(l, 0.99)).DefaultIfEmpty().Max();
        result["wall_slowest_p99_ms"] = wallP99.Max();
        // Per wall, in the order opened (the first is phase 1's), to tell one slow wall from all of them.
        result["wall_p99_ms"] = wallP99.ToArray();
        var visible = 0;
        foreach (var w in walls) if (await w.VisibleAsync()) visible++;
        result["walls_visible"] = visible;
        result["hub_load_cpu_percent"] = Math.Round(100 * clientCpu / elapsed, 1);
        // Server-side, from the apps' own /metrics over the fan-out phase.
        const string Send = "cc_hub_send_duration_seconds", Delivery = "cc_hub_delivery_delay_seconds";
        result["server_hub_deltas_sent"] = PrometheusScrape.CountBetween(webBefore, webAfter, Send, "message=\"delta\"");
        result["server_hub_send_p50_ms"] = PrometheusScrape.QuantileMs(webBefore, webAfter, Send, 0.5, "message=\"delta\"");
        result["server_hub_send_p99_ms"] = PrometheusScrape.QuantileMs(webBefore, webAfter, Send, 0.99, "message=\"delta\"");
        result["server_delivery_p50_ms"] = PrometheusScrape.QuantileMs(webBefore, webAfter, Delivery, 0.5);
        result["server_delivery_p99_ms"] = PrometheusScrape.QuantileMs(webBefore, webAfter, Delivery, 0.99);
        result["server_live_refresh_p99_ms"] = PrometheusScrape.QuantileMs(webBefore, webAfter, "cc_live_refresh_duration_seconds", 0.99);
        result["server_read_p99_ms"] = ReadP99s(webBefore, webAfter);
        result["server_changefeed_lag_p99_ms"] = PrometheusScrape.QuantileMs(webBefore, webAfter, "cc_changefeed_lag_seconds", 0.99);
        result["server_ingest_ack_p99_ms"] = PrometheusScrape.QuantileMs(ingestBefore, ingestAfter, "cc_ingest_ack_duration_seconds", 0.99);
        result["server_hub_clients"] = webAfter.Sum("cc_hub_clients", "hub=\"LiveHub\"");
        result["server_open_circuits"] = webAfter.Sum("cc_circuits_open");
        result["server_hub_clients_before"] = webBefore.Sum("cc_hub_clients", "hub=\"LiveHub\"");
        // A client that never showed an event has an infinite latency; the figures report it as null.
        foreach (var (name, value) in result.ToList())
            if (value is double d && !double.IsFinite(d)) result[name] = null;
        return result;
    }

    private static Dictionary<string, double?> ReadP99s(PrometheusScrape before, PrometheusScrape after) =>
        RefreshReads.ToDictionary(r => r, r =>
            PrometheusScrape.QuantileMs(before, after, "cc_live_refresh_read_duration_seconds", 0.99, $"read=\"{r}\""));

    // A wall page starved of CPU may not answer an evaluate at all: that is a "no", not a hang.
    private static async Task<bool> AnswersAsync(Func<Task<bool>> condition, CancellationToken ct)
    {
        try { return await condition().WaitAsync(TimeSpan.FromSeconds(15), ct); }
        catch (TimeoutException) { return false; }
    }

    private static async Task<bool> TryWaitForAsync(Func<Task<bool>> condition, int milliseconds, CancellationToken ct)
    {
        try { await WaitForAsync(condition, milliseconds, "", ct); return true; }
        catch (TimeoutException) { return false; }
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, int milliseconds, string what, CancellationToken ct)
    {
        var end = LiveClock.Now() + milliseconds;
        while (!await AnswersAsync(condition, ct))
        {
            if (LiveClock.Now() > end) throw new TimeoutException($"timed out: {what}");
            await Task.Delay(50, ct);
        }
    }
}
