using System.Net;
using CommandCenter.Core.Ingest;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.Tests.Security;

public sealed class IngestRateLimitTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    [Fact]
    public async Task Ingest_answers_429_once_a_key_exceeds_its_rate_and_other_keys_are_unaffected()
    {
        await using var ingest = await IngestHost.StartAsync(db.ConnectionString,
            new Dictionary<string, string?> { ["Security:IngestPermitsPerSecond"] = "1" });
        var keys = new ApiKeyStore(db.DataSource);
        var (_, busy) = await keys.CreateAsync("busy-src", null, default);
        var (_, quiet) = await keys.CreateAsync("quiet-src", null, default);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add(await GetAsync(ingest, busy));
        var other = await GetAsync(ingest, quiet);

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, statuses[0]);
        Assert.Equal(HttpStatusCode.OK, other);
    }

    private static async Task<HttpStatusCode> GetAsync(IngestHost ingest, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/categories");
        request.Headers.Add(ApiKeyStore.Header, key);
        using var response = await ingest.Client.SendAsync(request);
        return response.StatusCode;
    }
}
