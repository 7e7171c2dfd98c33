using Microsoft.Playwright;
using Npgsql;

namespace CommandCenter.BrowserTests.Infrastructure;

/// <summary>Serves /api/geo/grids|communities|regions from the test database when the web app does not
/// (the geography feature provides those endpoints; until it is merged the wall is tested against the
/// same GeoJSON shape built here with SQL). When the app answers them itself, nothing is intercepted.</summary>
public static class GeometryStandIn
{
    private const string GridsSql = """
        SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
            'type', 'Feature', 'geometry', ST_AsGeoJSON(geom, 6)::json,
            'properties', json_build_object('code', code, 'name', name, 'community', community_code, 'region', region_code))), '[]'))::text
        FROM grids
        """;

    private const string OutlineSql = """
        SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
            'type', 'Feature', 'geometry', ST_AsGeoJSON(geom, 6)::json, 'properties', json_build_object('code', code))), '[]'))::text
        FROM (SELECT {0} AS code, ST_Union(geom) AS geom FROM grids GROUP BY {0}) o
        """;

    public static async Task InstallIfMissingAsync(IBrowserContext context, Uri app, NpgsqlDataSource db)
    {
        using var http = new HttpClient();
        using var probe = await http.GetAsync(new Uri(app, "api/geo/grids"));
        if (probe.IsSuccessStatusCode) return;
        await context.RouteAsync("**/api/geo/*", async route =>
        {
            var path = new Uri(route.Request.Url).AbsolutePath;
            var sql = path.EndsWith("/grids", StringComparison.Ordinal) ? GridsSql
                : path.EndsWith("/communities", StringComparison.Ordinal) ? string.Format(OutlineSql, "community_code")
                : path.EndsWith("/regions", StringComparison.Ordinal) ? string.Format(OutlineSql, "region_code")
                : null;
            if (sql is null) { await route.ContinueAsync(); return; }
            await using var cmd = db.CreateCommand(sql);
            var body = (string)(await cmd.ExecuteScalarAsync())!;
            await route.FulfillAsync(new() { Status = 200, ContentType = "application/geo+json", Body = body });
        });
    }
}
