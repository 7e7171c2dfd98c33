using System.Net;
using System.Text;
using System.Text.Json;
using CommandCenter.Core.Campaigns;
using CommandCenter.Core.Ingest;
using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.Tests.Campaigns;

/// <summary>POST /api/v1/campaign-progress answers per record like the other streams: a good report is stored, a resent
/// one is a duplicate, a malformed or refused one is kept in the rejects with its reason, and the others still land.</summary>
public sealed class CampaignIngestTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    [Fact]
    public async Task Each_record_gets_its_verdict_and_refused_ones_are_kept_in_the_rejects()
    {
        await SampleData.EnsureGridsAsync(db.DataSource);
        var store = new CampaignStore(db.DataSource, TimeProvider.System);
        var today = Campaign.Today(DateTimeOffset.UtcNow);
        var (id, _) = await store.CreateAsync(new CampaignDraft("垃圾分类", null, today.AddDays(-1), today.AddDays(10), CampaignScope.Grids, [], ["G001", "G002"],
            [new("入户户数", 50), new("分类达标", null)]), new AuditActor("王书记（wang）", Roles.Leader, null), default);
        await using var ingest = await IngestHost.StartAsync(db.ConnectionString);
        var (_, key) = await new ApiKeyStore(db.DataSource).CreateAsync("grid-app", null, default);
        var at = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ");
        string Line(string ext, string grid, string counts) =>
            $$"""{"externalId":"{{ext}}","campaignId":{{id}},"gridCode":"{{grid}}","workerId":"gw-01","workerName":"李网格","at":"{{at}}","counts":{{counts}}}""";
        var body = string.Join('\n',
            Line("r1", "G001", """{"入户户数":12,"分类达标":9}"""),
            Line("r1", "G001", """{"入户户数":12,"分类达标":9}"""),
            Line("r2", "G002", """{"分类达标":3}"""),
            Line("r3", "G002", """{"入户户数":"五"}"""),
            Line("r4", "G009", """{"入户户数":1}"""));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/campaign-progress") { Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson") };
        request.Headers.Add(ApiKeyStore.Header, key);

        using var response = await ingest.Client.SendAsync(request);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var results = json.GetProperty("results").EnumerateArray().Select(r => (r.GetProperty("status").GetString(), r.TryGetProperty("reason", out var why) ? why.GetString() : null)).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("accepted", null), results[0]);
        Assert.Equal(("duplicate", null), results[1]);
        Assert.Equal(("rejected", "「分类达标」累计 3 超过「入户户数」累计 0：分类达标的户须是已入户的户，请先报入户户数"), results[2]);
        Assert.Equal(("rejected", "counts.入户户数 must be a whole number"), results[3]);
        Assert.Equal(("rejected", "网格 G009 不在「垃圾分类」的范围内"), results[4]);
        Assert.Equal(new[] { 12, 9 }, (await store.GridsAsync(id!.Value, 2, default)).Single(g => g.GridCode == "G001").Totals);
        await using var cmd = db.DataSource.CreateCommand("SELECT count(*) FROM rejects WHERE source = 'grid-app' AND stream = 'campaign-progress'");
        Assert.Equal(3L, await cmd.ExecuteScalarAsync());
    }
}
