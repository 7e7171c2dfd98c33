using Npgsql;

namespace CommandCenter.Core.Cases;

/// <summary>The small reference lists the duty screens choose from: categories, 片区 / 村居 / grids,
/// departments and the sources seen so far.</summary>
public sealed record CaseLookups(
    IReadOnlyList<CaseLookups.Item> Categories,
    IReadOnlyList<CaseLookups.Item> Regions,
    IReadOnlyList<CaseLookups.Item> Communities,
    IReadOnlyList<CaseLookups.Item> Grids,
    IReadOnlyList<CaseLookups.Item> Departments,
    IReadOnlyList<string> Sources)
{
    /// <summary>A code and its name; <paramref name="Parent"/> is the region of a community, the community of a grid.</summary>
    public sealed record Item(string Code, string Name, string? Parent = null);

    public static async Task<CaseLookups> LoadAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return new CaseLookups(
            await ItemsAsync(conn, "SELECT code, name, NULL FROM categories WHERE active ORDER BY sort_order, code", ct),
            await ItemsAsync(conn, "SELECT code, name, NULL FROM regions ORDER BY code", ct),
            await ItemsAsync(conn, "SELECT code, name, region_code FROM communities ORDER BY region_code, code", ct),
            await ItemsAsync(conn, "SELECT code, name, community_code FROM grids ORDER BY code", ct),
            await ItemsAsync(conn, "SELECT code, name, kind FROM departments WHERE active ORDER BY kind, sort_order, code", ct),
            (await ItemsAsync(conn, "SELECT DISTINCT source, source, NULL FROM cases ORDER BY 1", ct)).Select(i => i.Code).ToList());
    }

    /// <summary>Every grid outline as one GeoJSON FeatureCollection (code and name as properties), for the
    /// map an officer clicks on when registering a case.</summary>
    public static async Task<string> GridsGeoJsonAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT json_build_object('type', 'FeatureCollection', 'features', coalesce(json_agg(json_build_object(
                'type', 'Feature', 'properties', json_build_object('code', code, 'name', name),
                'geometry', ST_AsGeoJSON(geom, 6)::json) ORDER BY code), '[]'::json))::text
            FROM grids
            """);
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task<List<Item>> ItemsAsync(NpgsqlConnection conn, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<Item>();
        while (await r.ReadAsync(ct)) list.Add(new Item(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));
        return list;
    }
}
