using System.Net;
using System.Text.Json;
using CommandCenter.Core.Geo;
using CommandCenter.Core.Geo.Datums;
using CommandCenter.Tests.Infrastructure;
using static CommandCenter.Tests.Geo.GridFiles;

namespace CommandCenter.Tests.Geo;

/// <summary>The map layers for a Chinese base map (<c>?crs=gcj02|bd09</c>): every vertex shifted by the
/// tested conversion, the stored grids untouched, and an unknown system refused with a reason.</summary>
public sealed class GeoDatumEndpointTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    [Theory]
    [InlineData("gcj02", MapDatum.Gcj02)]
    [InlineData("bd09", MapDatum.Bd09)]
    public async Task Every_vertex_is_shifted_for_display_and_the_stored_grids_stay_wgs84(string crs, MapDatum datum)
    {
        await new GridImporter(db.DataSource).ImportAsync(await File.ReadAllBytesAsync(CommittedPath), "grids.geojson", CancellationToken.None);
        await using var web = WebApp.Create(db);
        var (client, _) = await web.KioskAsync();
        var stored = await ScalarAsync("SELECT md5(string_agg(ST_AsBinary(geom)::text, '' ORDER BY code)) FROM grids");

        var plain = await FirstRingAsync(client, "/api/geo/grids");
        var shifted = await FirstRingAsync(client, $"/api/geo/grids?crs={crs}");
        var regions = await client.GetAsync($"/api/geo/regions?crs={crs}");

        Assert.Equal(plain.Count, shifted.Count);
        for (var i = 0; i < plain.Count; i++)
        {
            var (lon, lat) = ChineseDatums.FromWgs84(datum, plain[i].Lon, plain[i].Lat);
            Assert.Equal(lon, shifted[i].Lon, 1e-6);
            Assert.Equal(lat, shifted[i].Lat, 1e-6);
        }
        Assert.True(Math.Abs(shifted[0].Lon - plain[0].Lon) > 0.003, "a shift of hundreds of metres, not a rounding");
        Assert.Equal(HttpStatusCode.OK, regions.StatusCode);
        Assert.Equal(stored, await ScalarAsync("SELECT md5(string_agg(ST_AsBinary(geom)::text, '' ORDER BY code)) FROM grids"));
    }

    [Fact]
    public async Task An_unknown_coordinate_system_is_refused_with_what_is_accepted()
    {
        await using var web = WebApp.Create(db);
        var (client, _) = await web.KioskAsync();

        var response = await client.GetAsync("/api/geo/grids?crs=cgcs2000");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("未知的坐标系「cgcs2000」：可用 wgs84、gcj02、bd09", body.RootElement.GetProperty("error").GetString());
    }

    private static async Task<List<(double Lon, double Lat)>> FirstRingAsync(HttpClient client, string url)
    {
        using var doc = JsonDocument.Parse(await client.GetStringAsync(url));
        var geometry = doc.RootElement.GetProperty("features")[0].GetProperty("geometry");
        var coords = geometry.GetProperty("coordinates");
        // Polygon: [ring][vertex]; MultiPolygon: [polygon][ring][vertex].
        var ring = geometry.GetProperty("type").GetString() == "MultiPolygon" ? coords[0][0] : coords[0];
        return [.. ring.EnumerateArray().Select(p => (p[0].GetDouble(), p[1].GetDouble()))];
    }

    private async Task<string?> ScalarAsync(string sql)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        return await cmd.ExecuteScalarAsync() as string;
    }
}
