using CommandCenter.Core.Geo;
using CommandCenter.Core.Geo.Datums;
using Microsoft.Net.Http.Headers;
using Npgsql;

namespace CommandCenter.Features.Geo;

/// <summary>The map's geometry as GeoJSON (WGS84): /api/geo/grids (网格), /api/geo/communities (村居)
/// and /api/geo/regions (片区). Simplified for display (about 1 m, invisible at wall-screen zoom;
/// shared edges may then differ by that much), coordinates with 6 decimals, cached per grid import
/// and served with an ETag so a screen re-fetching after a reload gets 304 until the grids change.</summary>
public static class GeoEndpoints
{
    private const double GridTolerance = 0.00001;     // degrees, about 1 m
    private const double OutlineTolerance = 0.00002;  // about 2 m

    public static IEndpointRouteBuilder MapGeoEndpoints(this IEndpointRouteBuilder app)
    {
        var cache = new GeoLayerCache();
        // The map's geometry is for anyone who may see the wall (screens included), no one else.
        var group = app.MapGroup("/api/geo").RequireAuthorization(Security.Policies.Screen);
        group.MapGet("/grids", (HttpContext http, NpgsqlDataSource db, CancellationToken ct) =>
            ServeAsync(http, db, cache, "grids", GridsSql, GridTolerance, ct));
        group.MapGet("/communities", (HttpContext http, NpgsqlDataSource db, CancellationToken ct) =>
            ServeAsync(http, db, cache, "communities", CommunitiesSql, OutlineTolerance, ct));
        group.MapGet("/regions", (HttpContext http, NpgsqlDataSource db, CancellationToken ct) =>
            ServeAsync(http, db, cache, "regions", RegionsSql, OutlineTolerance, ct));
        return app;
    }

    private static async Task<IResult> ServeAsync(HttpContext http, NpgsqlDataSource db, GeoLayerCache cache,
        string layer, string sql, double tolerance, CancellationToken ct)
    {
        // ?crs=gcj02|bd09: the same layer shifted onto a Chinese base map (Live:BaseLayerCrs), for display only.
        if (MapDatums.Parse(http.Request.Query["crs"]) is not { } datum)
            return Results.BadRequest(new { error = $"未知的坐标系「{http.Request.Query["crs"]}」：可用 wgs84、gcj02、bd09" });
        var version = await GridStore.CurrentVersionAsync(db, ct);
        var entry = await cache.GetAsync(datum == MapDatum.Wgs84 ? layer : $"{layer}-{datum.Code()}", version, async token =>
        {
            await using var cmd = db.CreateCommand(sql);
            cmd.Parameters.AddWithValue("tol", tolerance);
            return GeoJsonDatumShift.Apply((string)(await cmd.ExecuteScalarAsync(token))!, datum);
        }, ct);
        http.Response.Headers.ETag = entry.ETag;
        http.Response.Headers.CacheControl = "no-cache";   // may be stored, but revalidated: grids change on import
        if (http.Request.Headers.IfNoneMatch.Any(v => v is not null && v.Split(',').Any(t => t.Trim() == entry.ETag || t.Trim() == "*")))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(entry.Body, "application/geo+json; charset=utf-8");
    }

    // The 1+1+N team is shown as the two cadres' names and the number of volunteers: volunteers are
    // residents, and the wall screen never shows residents' personal data.
    private const string GridsSql = """
        SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f ORDER BY code), '[]'::json))::text
        FROM (SELECT g.code, json_build_object(
                'type', 'Feature', 'id', g.code,
                'properties', json_build_object(
                    'code', g.code, 'name', g.name,
                    'community', c.name, 'community_code', g.community_code, 'community_kind', c.kind,
                    'region', r.name, 'region_code', g.region_code,
                    'households', g.households, 'population', g.population, 'area_m2', round(g.area_m2::numeric),
                    'team', json_build_object('cadre', g.team->>'cadre', 'community', g.team->>'community',
                        'volunteers', CASE WHEN jsonb_typeof(g.team->'volunteers') = 'array' THEN jsonb_array_length(g.team->'volunteers') ELSE 0 END)),
                'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(g.geom, @tol), 6)::json) AS f
              FROM grids g
              JOIN communities c ON c.code = g.community_code
              JOIN regions r ON r.code = g.region_code) s
        """;

    private const string CommunitiesSql = """
        SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f ORDER BY code), '[]'::json))::text
        FROM (SELECT c.code, json_build_object(
                'type', 'Feature', 'id', c.code,
                'properties', json_build_object('code', c.code, 'name', c.name, 'kind', c.kind,
                    'region', r.name, 'region_code', c.region_code,
                    'grids', (SELECT count(*) FROM grids g WHERE g.community_code = c.code),
                    'population', (SELECT coalesce(sum(population), 0) FROM grids g WHERE g.community_code = c.code)),
                'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(c.geom, @tol), 6)::json) AS f
              FROM communities c JOIN regions r ON r.code = c.region_code
              WHERE c.geom IS NOT NULL) s
        """;

    private const string RegionsSql = """
        SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(f ORDER BY code), '[]'::json))::text
        FROM (SELECT r.code, json_build_object(
                'type', 'Feature', 'id', r.code,
                'properties', json_build_object('code', r.code, 'name', r.name,
                    'communities', (SELECT count(*) FROM communities c WHERE c.region_code = r.code),
                    'grids', (SELECT count(*) FROM grids g WHERE g.region_code = r.code),
                    'population', (SELECT coalesce(sum(population), 0) FROM grids g WHERE g.region_code = r.code)),
                'geometry', ST_AsGeoJSON(ST_SimplifyPreserveTopology(r.geom, @tol), 6)::json) AS f
              FROM regions r
              WHERE r.geom IS NOT NULL) s
        """;
}
