using CommandCenter.Core.Time;
using Npgsql;

namespace CommandCenter.Ingest.Simulator;

/// <summary>Puts the simulator's 专职网格员 on the roster (roster_people) with their worker ids and grids, once: a worker
/// id already there — seeded before, or edited by the administrator since — is left as it is. Written straight to the
/// table like the simulator's other helpers (it runs beside the database); a real deployment imports its roster.</summary>
public static class SimRoster
{
    public static async Task<int> EnsureAsync(NpgsqlDataSource db, IReadOnlyList<PatrolSchedule.Worker> workers, TimeProvider clock, CancellationToken ct)
    {
        var since = DateOnly.FromDateTime(Shanghai.ToLocal(clock.GetUtcNow()).Date).AddYears(-1);
        await using var cmd = db.CreateCommand("""
            INSERT INTO roster_people (worker_id, name, phone, team_role, grid_codes, active_from)
            SELECT w, n, p, '专职网格员', string_to_array(g, ','), @since
            FROM unnest(@ids, @names, @phones, @grids) AS x(w, n, p, g)
            ON CONFLICT (worker_id) DO NOTHING
            """);
        cmd.Parameters.AddWithValue("since", since);
        cmd.Parameters.AddWithValue("ids", workers.Select(w => w.Id).ToArray());
        cmd.Parameters.AddWithValue("names", workers.Select(w => w.Name).ToArray());
        // Plausible mobile numbers, fixed per worker (shown masked everywhere).
        cmd.Parameters.AddWithValue("phones", workers.Select((_, i) => $"1390572{i + 1:D4}").ToArray());
        cmd.Parameters.AddWithValue("grids", workers.Select(w => string.Join(',', w.Grids.Select(g => g.Code))).ToArray());
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
