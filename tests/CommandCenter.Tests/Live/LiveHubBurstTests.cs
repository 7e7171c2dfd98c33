using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CommandCenter.Core.Ingest;
using CommandCenter.Core.Security;
using CommandCenter.Live;
using CommandCenter.Tests.Infrastructure;
using CommandCenter.Tests.Ingest;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace CommandCenter.Tests.Live;

/// <summary>Issue 12, finding 4: hub deltas compared the "latest 20" lists, so 30 new cases in one batch
/// reached hub clients as 20. These post bursts through the real ingest API and count, per hub client
/// (the .NET SignalR client), how often each case id arrived.</summary>
public sealed class LiveHubBurstTests(PostgisDatabase db) : WebAppTests(db)
{
    private IngestHost _ingest = null!;
    private string _key = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // One database per class, one app per test: the grids are inserted by the first test only.
        await using (var count = Db.DataSource.CreateCommand("SELECT count(*) FROM grids"))
            if ((long)(await count.ExecuteScalarAsync())! == 0) await TestGrids.InsertAsync(Db.DataSource);
        _ingest = await IngestHost.StartAsync(Db.ConnectionString);
        _key = (await new ApiKeyStore(Db.DataSource).CreateAsync("burst-src", "tests", default)).Key;
    }

    public override async Task DisposeAsync()
    {
        await _ingest.DisposeAsync();
        await base.DisposeAsync();
    }

    [Fact]
    public async Task Every_hub_client_gets_every_case_of_a_500_case_burst_exactly_once()
    {
        var clients = new List<HubClient>();
        for (var i = 0; i < 3; i++) clients.Add(await HubClient.ConnectAsync(Web, await KioskCookieAsync()));
        try
        {
            // One batch of 300 and four of 50 at once: large and concurrent commits in the same few refreshes.
            var batches = new[] { 300, 50, 50, 50, 50 }.Select(n => Enumerable.Range(0, n).Select(_ => Records.NewId("burst")).ToList()).ToList();
            var posted = await Task.WhenAll(batches.Select(PostAsync));
            var ids = posted.SelectMany(x => x).ToHashSet();
            Assert.Equal(500, ids.Count);

            foreach (var client in clients)
                await client.WaitForAsync(ids, TimeSpan.FromSeconds(60));

            foreach (var client in clients)
            {
                var seen = client.CaseIds.Where(ids.Contains).GroupBy(id => id).ToList();
                Assert.Equal(500, seen.Count);
                Assert.All(seen, g => Assert.Single(g));
            }
        }
        finally
        {
            foreach (var client in clients) await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_hub_client_connecting_between_bursts_gets_no_case_twice()
    {
        await PostAsync([.. Enumerable.Range(0, 40).Select(_ => Records.NewId("early"))]);
        var client = await HubClient.ConnectAsync(Web, await KioskCookieAsync());
        try
        {
            var later = (await PostAsync([.. Enumerable.Range(0, 40).Select(_ => Records.NewId("late"))])).ToHashSet();
            await client.WaitForAsync(later, TimeSpan.FromSeconds(60));

            var repeated = client.CaseIds.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.Empty(repeated);
        }
        finally { await client.DisposeAsync(); }
    }

    private async Task<long[]> PostAsync(List<string> externalIds)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/incidents")
        {
            Content = new StringContent(Records.Ndjson([.. externalIds.Select(id => Records.Incident(id, ("priority", 1)))])),
        };
        request.Content.Headers.ContentType = new("application/x-ndjson");
        request.Headers.Add(ApiKeyStore.Header, _key);
        using var response = await _ingest.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var doc = JsonDocument.Parse(text);
        return [.. doc.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt64())];
    }

    private async Task<string> KioskCookieAsync()
    {
        var (_, token) = await TestUsers.CreateKioskAsync(Db.DataSource);
        var response = await Web.CreateClient(handleCookies: false).GetAsync(KioskStore.LinkPrefix + token);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cc.auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>A /hubs/live connection that records the case ids of every message it gets.</summary>
    private sealed class HubClient : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly ConcurrentQueue<long> _caseIds = new();
        private readonly TaskCompletionSource _snapshot = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private HubClient(HubConnection connection) => _connection = connection;

        public IReadOnlyCollection<long> CaseIds => [.. _caseIds];

        public static async Task<HubClient> ConnectAsync(WebApp web, string cookie)
        {
            var server = web.Factory.Server;
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(server.BaseAddress, LiveHub.Path.TrimStart('/')), o =>
                {
                    // The in-process test server has no sockets: long polling through its handler.
                    o.Transports = HttpTransportType.LongPolling;
                    o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                    o.Headers["Cookie"] = cookie;
                })
                .Build();
            var client = new HubClient(connection);
            connection.On<JsonElement>("snapshot", m => { client.Record(m); client._snapshot.TrySetResult(); });
            connection.On<JsonElement>("delta", client.Record);
            await connection.StartAsync();
            await client._snapshot.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return client;
        }

        private void Record(JsonElement message)
        {
            foreach (var c in message.GetProperty("cases").EnumerateArray()) _caseIds.Enqueue(c.GetProperty("id").GetInt64());
        }

        public async Task WaitForAsync(IReadOnlySet<long> ids, TimeSpan timeout)
        {
            var until = DateTime.UtcNow + timeout;
            while (!ids.IsSubsetOf(_caseIds))
            {
                if (DateTime.UtcNow > until)
                    throw new TimeoutException($"the hub client got {ids.Count(_caseIds.Contains)} of {ids.Count} cases");
                await Task.Delay(100);
            }
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}
