using CommandCenter.Core.Privacy;
using CommandCenter.Core.Time;
using Npgsql;

namespace CommandCenter.Core.Roster;

/// <summary>The people of one grid as a wall or a desk may show them, masked: its 1+1+N team from the roster
/// (机关干部 and 社区干部 by masked name and phone, 志愿者 only counted — they are residents), its 专职网格员 and
/// whether one of them is on patrol now, and today's patrol there (Shanghai day).</summary>
public sealed record GridPeople(
    IReadOnlyList<GridMember> Cadres,
    int Volunteers,
    IReadOnlyList<GridWorker> Workers,
    GridPatrolToday Patrol,
    bool FromRoster);

/// <summary>A 机关干部 or 社区干部, masked.</summary>
public sealed record GridMember(string Role, string Name, string? Phone);

/// <summary>A 专职网格员 covering the grid; <see cref="OnPatrol"/> when their last patrol event today is not an end.</summary>
public sealed record GridWorker(string Name, string? Phone, bool OnPatrol);

/// <summary>Today's patrol events in the grid: check-ins, household visits, and the last one's time and (masked) worker.</summary>
public sealed record GridPatrolToday(int CheckIns, int Visits, DateTimeOffset? LastAt, string? LastWorker)
{
    public bool Patrolled => CheckIns + Visits > 0 || LastAt is not null;
}

public sealed class GridPeopleReader(NpgsqlDataSource db, TimeProvider clock)
{
    // Team members active today whose grids include this one; a grid with no team rows on the roster falls back to
    // the team stored with the grid's own record (the grid import's columns), so nothing disappears before the
    // roster is filled in.
    private const string TeamSql = """
        SELECT team_role, name, phone, worker_id FROM roster_people
        WHERE @grid = ANY (grid_codes) AND active_from <= @day AND (active_to IS NULL OR active_to >= @day)
        ORDER BY array_position(ARRAY['机关干部', '社区干部', '专职网格员', '志愿者'], team_role), name
        """;

    private const string GridTeamSql = """
        SELECT team->>'cadre', team->>'community',
               CASE WHEN jsonb_typeof(team->'volunteers') = 'array' THEN jsonb_array_length(team->'volunteers') ELSE 0 END
        FROM grids WHERE code = @grid
        """;

    // Uses patrol_events_grid_at_idx (grid_code, at).
    private const string PatrolSql = """
        SELECT count(*) FILTER (WHERE kind = 'check-in'), count(*) FILTER (WHERE kind = 'visit'),
               max(at), (array_agg(worker_name ORDER BY at DESC))[1]
        FROM patrol_events WHERE grid_code = @grid AND at >= @since AND at <= @now
        """;

    // Per worker id: is the latest of today's events (anywhere) not an end? Then they are out on patrol now.
    private const string OnPatrolSql = """
        SELECT DISTINCT ON (worker_id) worker_id, kind <> 'end'
        FROM patrol_events WHERE worker_id = ANY (@workers) AND at >= @since AND at <= @now
        ORDER BY worker_id, at DESC
        """;

    public async Task<GridPeople> LoadAsync(string gridCode, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var since = Shanghai.StartOfDay(now).ToUniversalTime();
        var day = DateOnly.FromDateTime(Shanghai.ToLocal(now).DateTime);
        await using var conn = await db.OpenConnectionAsync(ct);

        var cadres = new List<GridMember>();
        var workers = new List<(string Name, string? Phone, string WorkerId)>();
        var volunteers = 0;
        await using (var cmd = new NpgsqlCommand(TeamSql, conn))
        {
            cmd.Parameters.AddWithValue("grid", gridCode);
            cmd.Parameters.AddWithValue("day", day);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                var (role, name, phone) = (r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2));
                switch (role)
                {
                    case "志愿者": volunteers++; break;
                    case "专职网格员": workers.Add((name, phone, r.GetString(3))); break;
                    default: cadres.Add(new GridMember(role, Masking.Name(name)!, Masking.Phone(phone))); break;
                }
            }
        }

        // The team (cadres and volunteers) falls back as a whole: a grid whose only roster row is its 专职网格员 still
        // shows the team kept with the grid.
        var fromRoster = cadres.Count + volunteers > 0;
        if (!fromRoster)
        {
            await using var cmd = new NpgsqlCommand(GridTeamSql, conn);
            cmd.Parameters.AddWithValue("grid", gridCode);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct))
            {
                if (!r.IsDBNull(0)) cadres.Add(new GridMember("机关干部", Masking.Name(r.GetString(0))!, null));
                if (!r.IsDBNull(1)) cadres.Add(new GridMember("社区干部", Masking.Name(r.GetString(1))!, null));
                volunteers = r.GetInt32(2);
            }
        }

        GridPatrolToday patrol;
        await using (var cmd = new NpgsqlCommand(PatrolSql, conn))
        {
            cmd.Parameters.AddWithValue("grid", gridCode);
            cmd.Parameters.AddWithValue("since", since);
            cmd.Parameters.AddWithValue("now", now);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            patrol = new GridPatrolToday((int)r.GetInt64(0), (int)r.GetInt64(1),
                r.IsDBNull(2) ? null : r.GetFieldValue<DateTimeOffset>(2), r.IsDBNull(3) ? null : Masking.Name(r.GetString(3)));
        }

        var onPatrol = new HashSet<string>(StringComparer.Ordinal);
        if (workers.Count > 0)
        {
            await using var cmd = new NpgsqlCommand(OnPatrolSql, conn);
            cmd.Parameters.AddWithValue("workers", workers.Select(w => w.WorkerId).ToArray());
            cmd.Parameters.AddWithValue("since", since);
            cmd.Parameters.AddWithValue("now", now);
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                if (r.GetBoolean(1)) onPatrol.Add(r.GetString(0));
        }

        return new GridPeople(cadres, volunteers,
            workers.Select(w => new GridWorker(Masking.Name(w.Name)!, Masking.Phone(w.Phone), onPatrol.Contains(w.WorkerId))).ToList(),
            patrol, fromRoster);
    }
}
