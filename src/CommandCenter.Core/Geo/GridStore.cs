using NetTopologySuite.Geometries;
using Npgsql;

namespace CommandCenter.Core.Geo;

/// <summary>Reads the imported grids back from PostgreSQL for in-process use; geometry arrives as NTS
/// types through the data source's NetTopologySuite plugin.</summary>
public static class GridStore
{
    /// <summary>The grid import currently in the tables (grid_imports.id, 0 when none).</summary>
    public static async Task<long> CurrentVersionAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT coalesce(max(id), 0) FROM grid_imports");
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Every grid's code and outline, and the import they came from, read in one snapshot.</summary>
    public static async Task<(IReadOnlyList<GridShape> Grids, long Version)> LoadAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        const string Sql = """
            SELECT code, geom, (SELECT coalesce(max(id), 0) FROM grid_imports)
            FROM grids ORDER BY code
            """;
        await using var conn = await db.OpenConnectionAsync(ct);
        // One statement sees one snapshot, so the version matches the rows even during an import.
        await using var cmd = new NpgsqlCommand(Sql, conn);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<GridShape>();
        long version = 0;
        while (await r.ReadAsync(ct))
        {
            list.Add(new GridShape(r.GetString(0), r.GetFieldValue<Geometry>(1)));
            version = r.GetInt64(2);
        }
        if (list.Count == 0) version = await CurrentVersionAsync(db, ct);
        return (list, version);
    }

    /// <summary>The latest imports, newest first, for the administrator's import history.</summary>
    public static async Task<IReadOnlyList<GridImportRecord>> RecentImportsAsync(NpgsqlDataSource db, int limit, CancellationToken ct)
    {
        const string Sql = """
            SELECT imported_at, file_name, grid_count, sha256 FROM grid_imports ORDER BY id DESC LIMIT @limit
            """;
        await using var cmd = db.CreateCommand(Sql);
        cmd.Parameters.AddWithValue("limit", limit);
        var rows = new List<GridImportRecord>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            rows.Add(new GridImportRecord(r.GetFieldValue<DateTimeOffset>(0), r.GetString(1), r.GetInt32(2), r.GetString(3)));
        return rows;
    }
}
