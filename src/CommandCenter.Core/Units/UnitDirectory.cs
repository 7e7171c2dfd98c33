using Npgsql;

namespace CommandCenter.Core.Units;

/// <summary>Every unit a case can go to, from the three tables that hold them (departments, communities,
/// grids): what the admin binds an account to and what /work names in its header.</summary>
public sealed class UnitDirectory(NpgsqlDataSource db)
{
    private const string Sql = """
        SELECT code, name, '部门' AS kind, 0 AS rank, sort_order FROM departments WHERE active
        UNION ALL SELECT code, name, '村居', 1, 0 FROM communities
        UNION ALL SELECT code, name, '网格', 2, 0 FROM grids
        ORDER BY rank, sort_order, code
        """;

    public async Task<IReadOnlyList<UnitInfo>> ListAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(Sql);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<UnitInfo>();
        while (await r.ReadAsync(ct)) list.Add(new UnitInfo(r.GetString(0), r.GetString(1), r.GetString(2)));
        return list;
    }

    /// <summary>One unit by code, disabled departments included (an account may still be bound to one).</summary>
    public async Task<UnitInfo?> FindAsync(string code, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT code, name, '部门' FROM departments WHERE code = @code
            UNION ALL SELECT code, name, '村居' FROM communities WHERE code = @code
            UNION ALL SELECT code, name, '网格' FROM grids WHERE code = @code
            LIMIT 1
            """);
        cmd.Parameters.AddWithValue("code", code);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new UnitInfo(r.GetString(0), r.GetString(1), r.GetString(2)) : null;
    }
}
