using System.Net;
using System.Text.Json;
using CommandCenter.Core.Ingest;
using CommandCenter.Tests.Ingest;

namespace CommandCenter.Tests.Infrastructure;

/// <summary>Base for tests of the live path end to end: the web app (one per test, see <see cref="WebAppTests"/>)
/// plus the ingest service on a real port with a source key of its own, so cases arrive as sources send them.</summary>
public abstract class WebAndIngestTests(PostgisDatabase db, string source) : WebAppTests(db)
{
    protected IngestHost Ingest { get; private set; } = null!;
    private string _key = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // One database per class, one app per test: the grids are inserted by the first test only.
        await using (var count = Db.DataSource.CreateCommand("SELECT count(*) FROM grids"))
            if ((long)(await count.ExecuteScalarAsync())! == 0) await TestGrids.InsertAsync(Db.DataSource);
        Ingest = await IngestHost.StartAsync(Db.ConnectionString);
        _key = (await new ApiKeyStore(Db.DataSource).CreateAsync(source, "tests", default)).Key;
    }

    public override async Task DisposeAsync()
    {
        await Ingest.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>Posts NDJSON incidents with this class's key; the answer is the caller's to check.</summary>
    protected async Task<HttpResponseMessage> PostIncidentsAsync(string ndjson)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/incidents") { Content = new StringContent(ndjson) };
        request.Content.Headers.ContentType = new("application/x-ndjson");
        request.Headers.Add(ApiKeyStore.Header, _key);
        return await Ingest.Client.SendAsync(request);
    }

    /// <summary>Posts incidents and returns their case ids, failing the test unless ingest answers 200.</summary>
    protected async Task<long[]> PostIncidentIdsAsync(string ndjson)
    {
        using var response = await PostIncidentsAsync(ndjson);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        using var doc = JsonDocument.Parse(text);
        return [.. doc.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetInt64())];
    }
}
