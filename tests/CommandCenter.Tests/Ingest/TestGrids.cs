using Npgsql;

namespace CommandCenter.Tests.Ingest;

/// <summary>Four 0.01° square grids meeting at (119.91, 31.01), with their region and community, and a
/// grid_imports row so the grid assigner loads them.</summary>
public static class TestGrids
{
    public static async Task InsertAsync(NpgsqlDataSource db)
    {
        const string Sql = """
            INSERT INTO regions (code, name) VALUES ('TR', '测试片区');
            INSERT INTO communities (code, name, kind, region_code) VALUES ('TC', '测试社区', '社区', 'TR');
            INSERT INTO grids (code, name, community_code, region_code, geom)
            SELECT code, '测试网格' || code, 'TC', 'TR',
                   ST_Multi(ST_MakeEnvelope(x, y, x + 0.01, y + 0.01, 4326))
            FROM (VALUES ('T01', 119.90, 31.00), ('T02', 119.91, 31.00), ('T03', 119.90, 31.01), ('T04', 119.91, 31.01))
                 AS g(code, x, y);
            INSERT INTO grid_imports (file_name, sha256, grid_count) VALUES ('test-grids', 'test', 4);
            """;
        await using var cmd = db.CreateCommand(Sql);
        await cmd.ExecuteNonQueryAsync();
    }
}
