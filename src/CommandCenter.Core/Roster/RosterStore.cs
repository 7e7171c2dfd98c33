using CommandCenter.Core.Security;
using Npgsql;

namespace CommandCenter.Core.Roster;

/// <summary>The roster (网格员与 1+1+N 队伍) in <c>roster_people</c>. An import is all or nothing: it is judged as a
/// whole (every line checked, grids looked up, worker ids unique in the file and against the database) and is
/// stored in one transaction only when no line was refused, so a file is never half in.</summary>
public sealed class RosterStore(NpgsqlDataSource db, AuditLog audit)
{
    public async Task<IReadOnlyList<RosterPerson>> ListAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT id, worker_id, name, phone, team_role, grid_codes, active_from, active_to FROM roster_people
            ORDER BY array_position(ARRAY['专职网格员', '机关干部', '社区干部', '志愿者'], team_role), grid_codes[1], name
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<RosterPerson>();
        while (await r.ReadAsync(ct))
            list.Add(new RosterPerson(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.GetString(4), r.GetFieldValue<string[]>(5), r.GetFieldValue<DateOnly>(6), r.IsDBNull(7) ? null : r.GetFieldValue<DateOnly>(7)));
        return list;
    }

    /// <summary>Stores <paramref name="rows"/> if none of them is refused against the database (unknown grid, a worker
    /// id already on the roster); returns the refusals otherwise, and stores nothing.</summary>
    public async Task<IReadOnlyList<RosterProblem>> ImportAsync(IReadOnlyList<RosterRow> rows, string fileName, AuditActor actor, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Serialise imports: two administrators' files cannot both pass the uniqueness check.
        await using (var lk = new NpgsqlCommand("LOCK TABLE roster_people IN SHARE ROW EXCLUSIVE MODE", conn, tx)) await lk.ExecuteNonQueryAsync(ct);
        var grids = new Dictionary<string, string>(StringComparer.Ordinal);   // code or name → code
        await using (var cmd = new NpgsqlCommand("SELECT code, name FROM grids", conn, tx))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) { grids[r.GetString(0)] = r.GetString(0); grids.TryAdd(r.GetString(1), r.GetString(0)); }
        var known = new HashSet<string>(StringComparer.Ordinal);
        await using (var cmd = new NpgsqlCommand("SELECT worker_id FROM roster_people WHERE worker_id IS NOT NULL", conn, tx))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) known.Add(r.GetString(0));

        var problems = new List<RosterProblem>();
        var resolved = new List<(RosterRow Row, string[] Grids)>();
        foreach (var row in rows)
        {
            var unknown = row.GridCodes.Where(g => !grids.ContainsKey(g)).ToList();
            if (unknown.Count > 0) { problems.Add(new RosterProblem(row.Line, $"网格「{string.Join("、", unknown)}」不存在（填网格代码或网格名称）", row.Name)); continue; }
            if (row.WorkerId is { } w && known.Contains(w)) { problems.Add(new RosterProblem(row.Line, $"工号 {w} 已在名册中", row.Name)); continue; }
            resolved.Add((row, row.GridCodes.Select(g => grids[g]).Distinct(StringComparer.Ordinal).ToArray()));
        }
        if (problems.Count > 0) return problems;

        foreach (var (row, codes) in resolved)
        {
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO roster_people (worker_id, name, phone, team_role, grid_codes, active_from, active_to)
                VALUES (@worker, @name, @phone, @role, @grids, @from, @to)
                """, conn, tx);
            cmd.Parameters.AddWithValue("worker", (object?)row.WorkerId ?? DBNull.Value);
            cmd.Parameters.AddWithValue("name", row.Name);
            cmd.Parameters.AddWithValue("phone", (object?)row.Phone ?? DBNull.Value);
            cmd.Parameters.AddWithValue("role", row.TeamRole);
            cmd.Parameters.AddWithValue("grids", codes);
            cmd.Parameters.AddWithValue("from", row.ActiveFrom);
            cmd.Parameters.AddWithValue("to", (object?)row.ActiveTo ?? DBNull.Value);
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await audit.AppendAsync(conn, tx, new AuditEntry(actor.Name, actor.Role, AuditActions.RosterImported, $"名册 {fileName}", actor.Ip,
            Details: new Dictionary<string, string?> { ["rows"] = rows.Count.ToString(System.Globalization.CultureInfo.InvariantCulture) }), ct);
        await tx.CommitAsync(ct);
        return [];
    }
}
