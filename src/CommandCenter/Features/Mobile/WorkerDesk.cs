using CommandCenter.Core.Privacy;
using CommandCenter.Core.Security;
using Npgsql;

namespace CommandCenter.Features.Mobile;

/// <summary>The reads behind /m: the worker's grids, the open cases in them, the case a report created.</summary>
public sealed class WorkerDesk(NpgsqlDataSource db)
{
    /// <summary>Open cases of the worker's grids or dispatched to their team: urgent first, then newest.
    /// At most <paramref name="limit"/>: a phone on a slow network gets a page, not the backlog.</summary>
    public async Task<IReadOnlyList<WorkerCaseRow>> OpenCasesAsync(UnitBinding binding, int limit, CancellationToken ct)
    {
        const string Sql = """
            SELECT c.id, c.title, k.name, c.status, c.priority, g.name, c.reported_at, c.reporter_name, c.deadline_at,
                   (SELECT count(*) FROM case_photos p WHERE p.case_id = c.id)::int,
                   coalesce(c.assignee_code = ANY(@scope), false)
                     OR EXISTS (SELECT 1 FROM case_summons s WHERE s.case_id = c.id AND s.department_code = ANY(@scope))
            FROM cases c
            JOIN categories k ON k.code = c.category_code
            LEFT JOIN grids g ON g.code = c.grid_code
            WHERE c.closed_at IS NULL AND c.merged_into IS NULL AND c.status <> 'closed'
              AND (c.grid_code = ANY(@grids) OR c.assignee_code = ANY(@scope))
            ORDER BY c.priority, c.reported_at DESC, c.id DESC
            LIMIT @limit
            """;
        await using var cmd = db.CreateCommand(Sql);
        cmd.Parameters.AddWithValue("grids", binding.GridCodes.ToArray());
        cmd.Parameters.AddWithValue("scope", binding.Scope.ToArray());
        cmd.Parameters.AddWithValue("limit", limit);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<WorkerCaseRow>();
        while (await r.ReadAsync(ct))
            rows.Add(new WorkerCaseRow(r.GetInt64(0), Masking.FreeText(r.GetString(1)) ?? "", r.GetString(2), r.GetString(3), r.GetInt16(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.GetFieldValue<DateTimeOffset>(6),
                r.IsDBNull(7) ? null : Masking.Name(r.GetString(7)), r.IsDBNull(8) ? null : r.GetFieldValue<DateTimeOffset>(8), r.GetInt32(9), r.GetBoolean(10)));
        return rows;
    }

    /// <summary>The worker's grids with a point inside each (for a report when the phone cannot locate:
    /// the case then lands in the grid the worker picked, marked as picked in its address).</summary>
    public async Task<IReadOnlyList<WorkerGrid>> GridsAsync(UnitBinding binding, CancellationToken ct)
    {
        const string Sql = """
            SELECT code, name, ST_X(p), ST_Y(p) FROM (SELECT code, name, ST_PointOnSurface(geom) AS p FROM grids WHERE code = ANY(@grids)) g
            ORDER BY code
            """;
        await using var cmd = db.CreateCommand(Sql);
        cmd.Parameters.AddWithValue("grids", binding.GridCodes.ToArray());
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<WorkerGrid>();
        while (await r.ReadAsync(ct)) list.Add(new WorkerGrid(r.GetString(0), r.GetString(1), r.GetDouble(2), r.GetDouble(3)));
        return list;
    }

    /// <summary>The case ingest created for a report of source <paramref name="source"/>.</summary>
    public async Task<long?> CaseIdAsync(string source, string externalId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT id FROM cases WHERE source = @source AND external_id = @id");
        cmd.Parameters.AddWithValue("source", source);
        cmd.Parameters.AddWithValue("id", externalId);
        return await cmd.ExecuteScalarAsync(ct) as long?;
    }
}
