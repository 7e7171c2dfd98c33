using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CommandCenter.Core.Ingest;
using CommandCenter.Core.Security;
using CommandCenter.Live;
using CommandCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace CommandCenter.Tests.Cluster;

/// <summary>Issue 17, several nodes: one ./cluster.sh for the class (2 web + 2 ingest nodes behind nginx, a
/// PostgreSQL primary and a streaming replica). Nodes are killed with SIGKILL, as a crash would; each test finds
/// the nodes still alive itself, so the tests hold in any order.</summary>
[Trait("Category", "Cluster")]
public sealed class ClusterTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_wall_on_a_killed_web_node_reconnects_through_nginx_to_the_other_and_heals()
    {
        var (token, _) = await CreateKioskAsync();
        var (http, cookies) = ClusterFixture.NewClient(cluster.WebUrl);
        using var _h = http;
        var signIn = await http.GetAsync($"kiosk/{token}");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        // nginx's sticky cookie decides the node; ask it which one this browser is pinned to.
        var node = NodePort(await http.GetAsync("healthz"));

        var snapshots = 0;
        var cases = new ConcurrentQueue<long>();
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.WebUrl, LiveHub.Path.TrimStart('/')), o =>
            {
                o.Cookies = cookies;
                o.Transports = HttpTransportType.WebSockets;
            })
            .WithAutomaticReconnect(new EveryHalfSecond())
            .Build();
        hub.On<JsonElement>("snapshot", _ => Interlocked.Increment(ref snapshots));
        hub.On<JsonElement>("delta", m => { foreach (var c in m.GetProperty("cases").EnumerateArray()) cases.Enqueue(c.GetProperty("id").GetInt64()); });
        hub.Reconnected += _ => { reconnected.TrySetResult(); return Task.CompletedTask; };
        await hub.StartAsync();
        await Until(() => Volatile.Read(ref snapshots) == 1, "the first snapshot");

        cluster.Kill(node);

        // No click, no new connection by hand: the client's own reconnect goes through nginx to the survivor,
        // which sends a fresh snapshot and then every new case.
        await reconnected.Task.WaitAsync(Bound);
        await Until(() => Volatile.Read(ref snapshots) >= 2, "the snapshot after reconnecting");
        var survivor = NodePort(await http.GetAsync("healthz"));
        Assert.NotEqual(node, survivor);
        var id = (await PostIncidentsAsync(await SourceKeyAsync(), [Incident($"wall-{Guid.NewGuid():N}")])).Single();
        await Until(() => cases.Contains(id), $"case {id} on the healed wall");
        Assert.Equal(HubConnectionState.Connected, hub.State);
    }

    [Fact]
    public async Task Killing_an_ingest_node_mid_stream_loses_no_acknowledged_record()
    {
        var key = await SourceKeyAsync();
        var acknowledged = new ConcurrentBag<string>();
        var servedBy = new ConcurrentBag<int>();
        var victim = cluster.IngestPorts.First(p => Alive(p));
        const int Senders = 2, Batches = 30, PerBatch = 40;
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sent = 0;

        async Task SendAsync(int sender)
        {
            using var http = new HttpClient { BaseAddress = cluster.IngestUrl, Timeout = TimeSpan.FromSeconds(30) };
            for (var b = 0; b < Batches; b++)
            {
                var ids = Enumerable.Range(0, PerBatch).Select(i => $"kill-{sender}-{b}-{i}-{Guid.NewGuid():N}"[..40]).ToList();
                var body = string.Join('\n', ids.Select(Incident));
                // A sender that retries: a batch is sent again until it is acknowledged (ingest is idempotent).
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        using var request = IngestRequest(key, body);
                        using var response = await http.SendAsync(request);
                        if (response.IsSuccessStatusCode)
                        {
                            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                            foreach (var r in doc.RootElement.GetProperty("results").EnumerateArray())
                                if (r.GetProperty("status").GetString() is "accepted" or "duplicate")
                                    acknowledged.Add(r.GetProperty("externalId").GetString()!);
                            servedBy.Add(NodePort(response));
                            break;
                        }
                    }
                    catch (HttpRequestException) { }
                    catch (TaskCanceledException) { }
                    Assert.True(attempt < 20, $"batch {sender}/{b} was never acknowledged");
                    await Task.Delay(250);
                }
                if (Interlocked.Increment(ref sent) == Senders * Batches / 3) halfway.TrySetResult();
            }
        }

        var senders = Enumerable.Range(0, Senders).Select(SendAsync).ToList();
        await halfway.Task.WaitAsync(Bound);
        cluster.Kill(victim);
        await Task.WhenAll(senders).WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(Senders * Batches * PerBatch, acknowledged.Distinct().Count());
        Assert.Contains(victim, servedBy);                       // round robin: the victim took its share first
        Assert.Contains(servedBy, p => p != victim);
        await using var cmd = cluster.PrimaryDb.CreateCommand(
            "SELECT count(*) FROM cases WHERE external_id = ANY(@ids)");
        cmd.Parameters.AddWithValue("ids", acknowledged.Distinct().ToArray());
        Assert.Equal((long)acknowledged.Distinct().Count(), (long)(await cmd.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Healthz_on_a_web_node_shows_the_replica_lag()
    {
        var node = cluster.WebPorts.First(p => Alive(p));
        using var http = new HttpClient();
        // On the machine itself, not through the proxy: the details (through nginx only up / down).
        using var doc = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{node}/healthz"));
        var replica = doc.RootElement.GetProperty("checks").GetProperty("replica");
        Assert.Equal("Healthy", replica.GetProperty("status").GetString());
        var data = replica.GetProperty("data");
        Assert.True(data.GetProperty("replicaConfigured").GetBoolean());
        Assert.True(data.GetProperty("replicaLagBytes").GetInt64() >= 0);
        Assert.True(data.GetProperty("replicaLagSeconds").GetDouble() >= 0);
        Assert.Matches("^[0-9A-F]+/[0-9A-F]+$", data.GetProperty("replayLsn").GetString());

        using var proxied = JsonDocument.Parse(await http.GetStringAsync(new Uri(cluster.WebUrl, "healthz")));
        Assert.False(proxied.RootElement.TryGetProperty("checks", out _));
    }

    /// <summary>A leader signed in directly on a live web node (not through nginx), so reads hit that node's replica path.</summary>
    private async Task<(int Node, HttpClient Http)> LeaderOnALiveNodeAsync()
    {
        var node = cluster.WebPorts.First(p => Alive(p));
        var leader = await TestUsers.CreateAsync(cluster.PrimaryDb, Roles.Leader);
        var (http, _) = ClusterFixture.NewClient(new Uri($"http://127.0.0.1:{node}/"));
        Assert.Equal(HttpStatusCode.Redirect, (await WebApp.PostLoginAsync(http, leader.UserName, leader.Password)).StatusCode);
        return (node, http);
    }

    [Fact]
    public async Task A_trends_read_after_a_notified_write_sees_it_even_when_the_replica_lags()
    {
        var (node, http) = await LeaderOnALiveNodeAsync();
        using var _h = http;
        var key = await SourceKeyAsync();
        var before = await WeekTotalAsync(http);
        var (fromReplica, fellBack) = await ReadCountsAsync(node);

        // The replica stops replaying; the write lands on the primary and reaches this node's change feed.
        await ReplayAsync(pause: true);
        try
        {
            await PostIncidentsAsync(key, [Incident($"ryn-{Guid.NewGuid():N}")]);
            await WaitForFeedAsync(node);
            Assert.Equal(before + 1, await WeekTotalAsync(http));   // the read fell back to the primary
            Assert.True((await ReadCountsAsync(node)).FellBack > fellBack);
        }
        finally
        {
            await ReplayAsync(pause: false);
        }

        // Replaying again, the replica catches up and serves the read, with the same number.
        await PostIncidentsAsync(key, [Incident($"ryn-{Guid.NewGuid():N}")]);
        await WaitForFeedAsync(node);
        Assert.Equal(before + 2, await WeekTotalAsync(http));
        Assert.True((await ReadCountsAsync(node)).OnReplica > fromReplica);
    }

    [Fact]
    public async Task A_trends_read_waits_for_the_replica_to_replay_the_fold_it_made_on_the_primary()
    {
        var (node, http) = await LeaderOnALiveNodeAsync();
        using var _h = http;
        var before = await WeekTotalAsync(http);   // folds whatever was pending
        await ReplayedAsync();

        // The replica has replayed everything, then stops. A case written on the primary without a change-log entry
        // (a repair, say) wakes no wall refresh, and this cluster has no background folder: its parts stay pending.
        await ReplayAsync(pause: true);
        try
        {
            await using (var cmd = cluster.PrimaryDb.CreateCommand("""
                INSERT INTO cases (source, external_id, channel, category_code, title, grid_code, status, reported_at, accepted_at)
                SELECT 'fold-test', gen_random_uuid()::text, '来访', (SELECT code FROM categories ORDER BY code LIMIT 1), '补录',
                       (SELECT code FROM grids ORDER BY code LIMIT 1), 'accepted', now(), now()
                """))
                await cmd.ExecuteNonQueryAsync();
            await using (var cmd = cluster.PrimaryDb.CreateCommand("SELECT count(*) FROM trend_pending_case"))
                Assert.True((long)(await cmd.ExecuteScalarAsync())! > 0);
            var fellBack = (await ReadCountsAsync(node)).FellBack;

            // The read folds on the primary; the paused replica has not replayed that fold (it had replayed everything
            // this node's feed had seen, so waiting for the feed's position alone would have served it, without the case).
            Assert.Equal(before + 1, await WeekTotalAsync(http));
            Assert.True((await ReadCountsAsync(node)).FellBack > fellBack);
        }
        finally
        {
            await ReplayAsync(pause: false);
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------

    private async Task ReplayedAsync()
    {
        string lsn;
        await using (var cmd = cluster.PrimaryDb.CreateCommand("SELECT pg_current_wal_insert_lsn()::text"))
            lsn = (string)(await cmd.ExecuteScalarAsync())!;
        await Until(async () =>
        {
            await using var cmd = cluster.ReplicaDb.CreateCommand("SELECT pg_last_wal_replay_lsn() >= @lsn::pg_lsn");
            cmd.Parameters.AddWithValue("lsn", lsn);
            return (bool)(await cmd.ExecuteScalarAsync())!;
        }, "the replica to replay everything written so far");
    }

    private static async Task<int> WeekTotalAsync(HttpClient leader)
    {
        var response = await leader.GetAsync("trends/heat.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.EnumerateObject().Sum(g => g.Value.GetProperty("count").GetInt32());
    }

    private static async Task<(long OnReplica, long FellBack)> ReadCountsAsync(int node)
    {
        using var http = new HttpClient();
        using var doc = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{node}/healthz"));
        var data = doc.RootElement.GetProperty("checks").GetProperty("replica").GetProperty("data");
        return (data.GetProperty("readsOnReplica").GetInt64(), data.GetProperty("readsOnPrimaryFallback").GetInt64());
    }

    private async Task WaitForFeedAsync(int node)
    {
        long head;
        await using (var cmd = cluster.PrimaryDb.CreateCommand("SELECT coalesce(max(position), 0) FROM change_log"))
            head = (long)(await cmd.ExecuteScalarAsync())!;
        using var http = new HttpClient();
        await Until(async () =>
        {
            using var doc = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{node}/healthz"));
            return doc.RootElement.GetProperty("checks").GetProperty("changeFeed").GetProperty("data").GetProperty("position").GetInt64() >= head;
        }, $"the change feed of node {node} at position {head}");
    }

    private async Task ReplayAsync(bool pause)
    {
        await using var cmd = cluster.ReplicaDb.CreateCommand(pause ? "SELECT pg_wal_replay_pause()" : "SELECT pg_wal_replay_resume()");
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<(string Token, long Id)> CreateKioskAsync()
    {
        var (id, token) = await TestUsers.CreateKioskAsync(cluster.PrimaryDb, $"集群大屏-{Guid.NewGuid():N}"[..12]);
        return (token, id);
    }

    private string? _key;
    private async Task<string> SourceKeyAsync()
    {
        if (_key is not null) return _key;
        var (_, secret) = await new ApiKeyStore(cluster.PrimaryDb).CreateAsync("cluster-test", "cluster tests", CancellationToken.None);
        return _key = secret;
    }

    private static HttpRequestMessage IngestRequest(string key, string ndjson)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/incidents")
        {
            Content = new StringContent(ndjson, Encoding.UTF8),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        request.Headers.Add("X-Api-Key", key);
        return request;
    }

    private async Task<IReadOnlyList<long>> PostIncidentsAsync(string key, IReadOnlyList<string> lines)
    {
        using var http = new HttpClient { BaseAddress = cluster.IngestUrl };
        using var response = await http.SendAsync(IngestRequest(key, string.Join('\n', lines)));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt64()).ToList();
    }

    private static string Incident(string externalId) => JsonSerializer.Serialize(new
    {
        externalId,
        channel = "网格员巡查",
        category = "sewer",
        title = "集群测试：下水道堵塞",
        lon = 119.9052,
        lat = 31.0047,
        address = "雉城街道测试社区3幢",
        reportedAt = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
    });

    /// <summary>The node port nginx sent a request to (its X-Upstream header; after a retry, the last one named).</summary>
    private static int NodePort(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues("X-Upstream").Single().Split(',')[^1].Trim().Split(':')[^1], System.Globalization.CultureInfo.InvariantCulture);

    private static bool Alive(int port)
    {
        try
        {
            using var tcp = new System.Net.Sockets.TcpClient();
            tcp.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (System.Net.Sockets.SocketException) { return false; }
    }

    private static Task Until(Func<bool> condition, string what) => Until(() => Task.FromResult(condition()), what);

    private static async Task Until(Func<Task<bool>> condition, string what)
    {
        var until = DateTime.UtcNow + Bound;
        while (!await condition())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"waited {Bound.TotalSeconds} s for {what}");
            await Task.Delay(100);
        }
    }

    private sealed class EveryHalfSecond : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.ElapsedTime < TimeSpan.FromMinutes(1) ? TimeSpan.FromMilliseconds(500) : null;
    }
}
