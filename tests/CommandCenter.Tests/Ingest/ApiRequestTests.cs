using System.Net.Http.Headers;
using CommandCenter.Ingest.Keys;
using static CommandCenter.Tests.Ingest.Records;

namespace CommandCenter.Tests.Ingest;

/// <summary>Whole-request answers: keys (401), size (413), empty bodies, the rejects list.</summary>
public sealed class ApiRequestTests(ApiRequestTests.SmallLimitFixture db) : IClassFixture<ApiRequestTests.SmallLimitFixture>
{
    public sealed class SmallLimitFixture : IngestFixture
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Ingest:MaxBodyBytes"] = "8192",
            ["Ingest:MaxRecordsPerBatch"] = "10",
        };
    }

    [Fact]
    public async Task A_missing_key_gets_401()
    {
        using var response = await db.Host.Client.PostAsync("/api/v1/incidents", new StringContent(Incident(NewId())));

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Contains("missing X-Api-Key", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_key_gets_401_and_stores_nothing()
    {
        var id = NewId();

        var answer = await db.PostAsync("incidents", Incident(id), key: "cc_not-a-real-key");

        Assert.Equal(401, answer.Status);
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM cases WHERE external_id = @id", ("id", id)));
    }

    [Fact]
    public async Task A_revoked_key_gets_401()
    {
        var keys = new ApiKeyStore(db.DataSource);
        var (keyId, key) = await keys.CreateAsync("revoked-src", null, default);
        Assert.Equal(200, (await db.PostAsync("patrols", Patrol(NewId("pat")), key)).Status);

        await keys.RevokeAsync(keyId, null, default);

        Assert.Equal(401, (await db.PostAsync("patrols", Patrol(NewId("pat")), key)).Status);
    }

    [Fact]
    public async Task Keys_are_stored_only_as_hashes()
    {
        var (_, key) = await new ApiKeyStore(db.DataSource).CreateAsync("hash-src", null, default);

        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM api_keys WHERE key_hash = @k OR key_prefix = @k", ("k", key)));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM api_keys WHERE key_hash = @h", ("h", ApiKeyStore.Hash(key))));
    }

    [Fact]
    public async Task A_body_over_the_limit_gets_413()
    {
        var lines = Enumerable.Range(0, 40).Select(_ => Incident(NewId())).ToArray();

        var answer = await db.PostAsync("incidents", Ndjson(lines));

        Assert.Equal(413, answer.Status);
        Assert.Contains("larger than 8192 bytes", answer.Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_gets_413()
    {
        var body = Ndjson(Enumerable.Range(0, 40).Select(_ => Incident(NewId())).ToArray());
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/incidents")
        {
            Content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body))),
        };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add(ApiKeyStore.Header, db.Key);

        using var response = await db.Host.Client.SendAsync(request);

        Assert.Equal(413, (int)response.StatusCode);
    }

    [Fact]
    public async Task Too_many_records_in_one_request_get_413()
    {
        var lines = Enumerable.Range(0, 11).Select(i => $"{{\"externalId\":\"n{i}\"}}").ToArray();

        var answer = await db.PostAsync("incidents", Ndjson(lines));

        Assert.Equal(413, answer.Status);
        Assert.Contains("at most 10", answer.Body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_empty_body_gets_400()
    {
        var answer = await db.PostAsync("incidents", "\n\n");

        Assert.Equal(400, answer.Status);
    }

    [Fact]
    public async Task A_source_lists_its_own_rejects_with_raw_text_and_reason()
    {
        var (otherId, otherKey) = await new ApiKeyStore(db.DataSource).CreateAsync("lister-src", null, default);
        var bad = Incident(NewId(), ("category", "no-such-category"));
        await db.PostAsync("incidents", Ndjson(bad), otherKey);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/rejects?limit=5");
        request.Headers.Add(ApiKeyStore.Header, otherKey);
        using var response = await db.Host.Client.SendAsync(request);
        var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(200, (int)response.StatusCode);
        var only = Assert.Single(json.GetProperty("rejects").EnumerateArray());
        Assert.Equal(bad, only.GetProperty("raw").GetString());
        Assert.Contains("unknown category", only.GetProperty("reason").GetString());
        Assert.Equal(1, only.GetProperty("line").GetInt32());
        Assert.True(otherId > 0);
    }

    [Fact]
    public async Task Categories_are_listed_for_senders()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/categories");
        request.Headers.Add(ApiKeyStore.Header, db.Key);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await db.Host.Client.SendAsync(request);

        Assert.Contains("\"code\":\"sewer\"", await response.Content.ReadAsStringAsync());
    }
}
