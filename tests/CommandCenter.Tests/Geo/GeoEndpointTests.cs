using System.Net;
using System.Text.Json;
using CommandCenter.Core.Geo;
using CommandCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using static CommandCenter.Tests.Geo.GridFiles;

namespace CommandCenter.Tests.Geo;

public sealed class GeoEndpointTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    private WebApplicationFactory<Program> Web() => new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        b.UseSetting("ConnectionStrings:CommandCenter", db.ConnectionString));

    [Fact]
    public async Task The_map_layers_serve_the_imported_grids_communities_and_regions_as_geojson()
    {
        await new GridImporter(db.DataSource).ImportAsync(await File.ReadAllBytesAsync(CommittedPath), "grids.geojson", CancellationToken.None);
        await using var web = Web();
        using var client = web.CreateClient();

        var grids = await GetFeaturesAsync(client, "/api/geo/grids");
        var communities = await GetFeaturesAsync(client, "/api/geo/communities");
        var regions = await GetFeaturesAsync(client, "/api/geo/regions");

        Assert.Equal(133, grids.Count);
        Assert.Equal(25, communities.Count);
        Assert.Equal(4, regions.Count);
        var first = grids[0].GetProperty("properties");
        foreach (var key in new[] { "code", "name", "community", "region" })
            Assert.False(string.IsNullOrEmpty(first.GetProperty(key).GetString()), key);
        Assert.EndsWith("网格", first.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Number, first.GetProperty("team").GetProperty("volunteers").ValueKind);
        Assert.Contains(grids[0].GetProperty("geometry").GetProperty("type").GetString(), new[] { "Polygon", "MultiPolygon" });
        Assert.Equal(133, regions.Sum(r => r.GetProperty("properties").GetProperty("grids").GetInt32()));
    }

    [Fact]
    public async Task An_unchanged_layer_answers_304_to_its_etag_and_a_new_import_changes_the_etag()
    {
        var importer = new GridImporter(db.DataSource);
        await importer.ImportAsync(TwoNeighbours("E1"), "e1.geojson", CancellationToken.None);
        await using var web = Web();
        using var client = web.CreateClient();

        var first = await client.GetAsync("/api/geo/grids");
        var etag = first.Headers.ETag!;
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/api/geo/grids");
        revalidate.Headers.IfNoneMatch.Add(etag);
        var second = await client.SendAsync(revalidate);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/geo+json", first.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);

        await importer.ImportAsync(TwoNeighbours("E2"), "e2.geojson", CancellationToken.None);
        using var afterImport = new HttpRequestMessage(HttpMethod.Get, "/api/geo/grids");
        afterImport.Headers.IfNoneMatch.Add(etag);
        var third = await client.SendAsync(afterImport);

        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.NotEqual(etag, third.Headers.ETag);
        Assert.Contains("E2-01", await third.Content.ReadAsStringAsync());
    }

    private static async Task<List<JsonElement>> GetFeaturesAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("FeatureCollection", doc.RootElement.GetProperty("type").GetString());
        return doc.RootElement.GetProperty("features").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
