using CommandCenter.Tests.Infrastructure;
using CommandCenter.Tests.Ingest;

namespace CommandCenter.Tests.Live;

/// <summary>Issue 12, finding 4: hub deltas compared the "latest 20" lists, so 30 new cases in one batch
/// reached hub clients as 20. These post bursts through the real ingest API and count, per hub client
/// (the .NET SignalR client), how often each case id arrived.</summary>
public sealed class LiveHubBurstTests(PostgisDatabase db) : WebAndIngestTests(db, "burst-src")
{
    [Fact]
    public async Task Every_hub_client_gets_every_case_of_a_500_case_burst_exactly_once()
    {
        var clients = new List<LiveHubClient>();
        for (var i = 0; i < 3; i++) clients.Add(await LiveHubClient.ConnectAsync(Web, await Web.KioskCookieAsync()));
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
        var client = await LiveHubClient.ConnectAsync(Web, await Web.KioskCookieAsync());
        try
        {
            var later = (await PostAsync([.. Enumerable.Range(0, 40).Select(_ => Records.NewId("late"))])).ToHashSet();
            await client.WaitForAsync(later, TimeSpan.FromSeconds(60));

            var repeated = client.CaseIds.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.Empty(repeated);
        }
        finally { await client.DisposeAsync(); }
    }

    private Task<long[]> PostAsync(List<string> externalIds) =>
        PostIncidentIdsAsync(Records.Ndjson([.. externalIds.Select(id => Records.Incident(id, ("priority", 1)))]));
}
