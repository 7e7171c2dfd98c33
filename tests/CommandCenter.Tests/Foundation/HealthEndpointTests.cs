using System.Net;
using System.Text.Json;
using CommandCenter.Core.Data;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.Tests.Foundation;

public sealed class HealthEndpointTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    [Fact]
    public async Task Web_healthz_is_green_and_reports_the_schema_version_to_an_administrator()
    {
        await using var web = WebApp.Create(db);
        var admin = await web.LoginAsAsync(Core.Security.Roles.Admin);

        var response = await admin.GetAsync("/healthz");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", json.GetProperty("status").GetString());
        var version = json.GetProperty("checks").GetProperty("database").GetProperty("data").GetProperty("schemaVersion").GetInt32();
        Assert.Equal(Core.Data.Migrations.Migration.Embedded()[^1].Version, version);
    }

    // Issue 12, finding 5: /healthz told anonymous callers the database host, port and versions.
    [Theory]
    [InlineData(null)]
    [InlineData(Core.Security.Roles.Officer)]
    public async Task Web_healthz_tells_anyone_else_only_up_or_down(string? role)
    {
        await using var web = WebApp.Create(db);
        var client = role is null ? web.CreateClient() : await web.LoginAsAsync(role);

        var response = await client.GetAsync("/healthz");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        // Up or down only, whichever it is at this moment (the change feed may still be connecting).
        var only = Assert.Single(json.EnumerateObject());
        Assert.Equal("status", only.Name);
        Assert.Equal(response.IsSuccessStatusCode, only.Value.GetString() != "Unhealthy");
    }

    [Fact]
    public async Task Ingest_healthz_is_green_and_detailed_for_a_caller_on_this_machine()
    {
        await using var ingest = await IngestHost.StartAsync(db.ConnectionString);

        var response = await ingest.Client.GetAsync("/healthz");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"Healthy\"", text);
        Assert.Contains("schemaVersion", text);
    }

    [Fact]
    public async Task Ingest_healthz_through_a_proxy_tells_only_up_or_down()
    {
        await using var ingest = await IngestHost.StartAsync(db.ConnectionString);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        var response = await ingest.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"Healthy"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unreachable_database_is_reported_with_host_and_port()
    {
        await using var ds = DataExtensions.CreateDataSource("Host=127.0.0.1;Port=1;Database=nowhere;Timeout=3", "test");

        var status = await new DatabaseProbe(ds).CheckAsync(CancellationToken.None);

        Assert.False(status.Healthy);
        Assert.Contains("127.0.0.1:1/nowhere", status.Problem);
    }
}
