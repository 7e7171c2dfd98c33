using Npgsql;

namespace CommandCenter.Core.Patrols;

/// <summary>A grid nobody patrolled for at least the threshold: when it was last patrolled and by whom (null: never).</summary>
public sealed record UnpatrolledGrid(string Code, string Name, string? CommunityName, DateTimeOffset? LastPatrolAt, WorkerRef? LastWorker)
{
    /// <summary>Whole days since the last patrol at <paramref name="now"/>; null when the grid was never patrolled.</summary>
    public int? DaysSince(DateTimeOffset now) => LastPatrolAt is { } at ? (int)Math.Floor((now - at).TotalDays) : null;
}

/// <summary>抄底式排查 coverage: the grids nobody checked in or visited (the wall's 巡查覆盖率 counts the same kinds;
/// a start or end alone is not a patrol of the grid) for <c>days</c> days up to now, never-patrolled ones first, then
/// the longest unvisited. One probe per grid on
/// patrol_events_grid_at_idx (0020), so it stays cheap at a year of patrols.</summary>
public sealed class PatrolCoverage(NpgsqlDataSource db)
{
    private const string Sql = """
        SELECT g.code, g.name, m.name, p.at, p.worker_name, p.worker_id, w.name
        FROM grids g
        LEFT JOIN communities m ON m.code = g.community_code
        LEFT JOIN LATERAL (SELECT e.at, e.worker_name, e.worker_id FROM patrol_events e
                           WHERE e.grid_code = g.code AND e.at <= @now AND e.kind IN ('check-in', 'visit') ORDER BY e.at DESC LIMIT 1) p ON true
        LEFT JOIN roster_people w ON w.worker_id = p.worker_id
        WHERE p.at IS NULL OR p.at <= @since
        ORDER BY p.at NULLS FIRST, g.code
        """;

    public async Task<IReadOnlyList<UnpatrolledGrid>> UnpatrolledAsync(int days, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, 1);
        await using var cmd = db.CreateCommand(Sql);
        cmd.Parameters.AddWithValue("now", now.ToUniversalTime());
        cmd.Parameters.AddWithValue("since", (now - TimeSpan.FromDays(days)).ToUniversalTime());
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<UnpatrolledGrid>();
        while (await r.ReadAsync(ct))
            list.Add(new UnpatrolledGrid(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                r.IsDBNull(3) ? null : r.GetFieldValue<DateTimeOffset>(3), r.IsDBNull(5) ? null : new WorkerRef(r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(4))));
        return list;
    }
}
