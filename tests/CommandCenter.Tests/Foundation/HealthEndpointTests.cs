using System.Net;
using System.Text.Json;
using CommandCenter.Core.Data;
using CommandCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CommandCenter.Tests.Foundation;

public sealed class HealthEndpointTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    [Fact]
    public async Task Web_healthz_is_green_and_reports_the_schema_version()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
            b.UseSetting("ConnectionStrings:CommandCenter", db.ConnectionString));
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/healthz");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", json.GetProperty("status").GetString());
        var version = json.GetProperty("checks").GetProperty("database").GetProperty("data").GetProperty("schemaVersion").GetInt32();
        Assert.Equal(Core.Data.Migrations.Migration.Embedded()[^1].Version, version);
    }

    [Fact]
    public async Task Ingest_healthz_is_green_against_the_same_database()
    {
        await using var ingest = await IngestHost.StartAsync(db.ConnectionString);

        var response = await ingest.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"Healthy\"", await response.Content.ReadAsStringAsync());
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
