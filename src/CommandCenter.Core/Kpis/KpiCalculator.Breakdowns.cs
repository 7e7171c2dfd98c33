using Dapper;

namespace CommandCenter.Core.Kpis;

// Breakdowns of the same KPIs (by category, by grid, worker by worker), written with the same
// predicates as the snapshot so a breakdown always adds up to its tile.
public sealed partial class KpiCalculator
{
    private const string CategorySql = $"""
        WITH {ScopeCte}
        SELECT cat.name AS Name, cat.group_name AS GroupName, count(*)::int AS Count
        FROM c JOIN categories cat ON cat.code = c.category_code
        WHERE {AcceptedInPeriod}
        GROUP BY cat.name, cat.group_name, cat.sort_order
        ORDER BY count(*) DESC, cat.sort_order
        """;


    /// <summary>受理量 of the period split by category (largest first), with the same definition as
    /// <see cref="KpiSnapshot.Accepted"/>: the slices always add up to the tile.</summary>
    public async Task<IReadOnlyList<CategoryCount>> AcceptedByCategoryAsync(KpiPeriod period, DateTimeOffset now,
        KpiScope scope, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<CategoryCount>(new CommandDefinition(CategorySql, Parameters(period, now, scope), cancellationToken: ct));
        return rows.AsList();
    }

    private const string GridLoadSql = $"""
        WITH {ScopeCte}
        SELECT g.code AS GridCode,
               (SELECT count(*) FROM cases c WHERE c.grid_code = g.code AND {OpenAtNow})::int AS Open,
               (SELECT count(*) FROM cases c WHERE c.grid_code = g.code AND {OpenAtNow} AND c.deadline_at < @now)::int AS Overdue,
               (SELECT count(*) FROM cases c WHERE c.grid_code = g.code AND {OpenAtNow} AND c.priority = 1)::int AS Urgent,
               (SELECT count(*) FROM cases c WHERE c.grid_code = g.code AND {OpenAtNow} AND c.supervise_level > 0)::int AS Supervised,
               EXISTS (SELECT 1 FROM patrol_events p WHERE p.grid_code = g.code AND p.kind IN ('check-in', 'visit')
                       AND p.at >= @from AND p.at < @to AND p.at <= @now) AS Patrolled
        FROM grids g WHERE g.code IN (SELECT code FROM scope)
        ORDER BY g.code
        """;

    private const string WorkersSql = $"""
        WITH {WorkersCte}
        SELECT w.worker_id AS WorkerId, w.worker_name AS WorkerName, w.last_grid AS GridCode,
               w.lon AS Lon, w.lat AS Lat, w.last_at AS LastSeen
        FROM workers w
        WHERE {OnDuty}
        ORDER BY w.worker_id
        """;

    /// <summary>Per grid in scope: open, overdue, urgent and 督办 cases at now, and whether it was
    /// patrolled in the period — the live map's colours and the trends' hotspot grids.</summary>
    public async Task<IReadOnlyList<GridLoad>> GridLoadAsync(KpiPeriod period, DateTimeOffset now, KpiScope scope, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<GridLoad>(new CommandDefinition(GridLoadSql, Parameters(period, now, scope), cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary>The 在岗网格员 one by one (the count is <see cref="KpiSnapshot.WorkersOnDuty"/> for the whole subdistrict).</summary>
    public async Task<IReadOnlyList<WorkerOnDuty>> WorkersOnDutyAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<WorkerRow>(new CommandDefinition(WorkersSql,
            Parameters(KpiPeriod.Today(now), now, KpiScope.All), cancellationToken: ct));
        return rows.Select(r => new WorkerOnDuty(r.WorkerId, r.WorkerName, r.GridCode, r.Lon, r.Lat,
            new DateTimeOffset(DateTime.SpecifyKind(r.LastSeen, DateTimeKind.Utc)))).ToList();
    }

    private sealed record WorkerRow(string WorkerId, string WorkerName, string? GridCode, double? Lon, double? Lat, DateTime LastSeen);
}
