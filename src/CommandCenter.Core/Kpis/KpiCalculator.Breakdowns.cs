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

    // One pass over the open cases grouped by grid, not four correlated counts per grid: the same
    // predicates (OpenAtNow, deadline, priority, 督办), 133× fewer scans — what makes /replay's jumps to any
    // moment of 90 days fast, and the live wall's refresh cheaper. OpenAtNow is read as its two halves so the
    // present's open cases come from the index-only scan of cases_open_wall_idx (issue 17).
    private const string GridLoadSql = $"""
        WITH {ScopeCte},
        open_cases AS (
            SELECT o.grid_code,
                   count(*) AS open,
                   count(*) FILTER (WHERE o.deadline_at < @now) AS overdue,
                   count(*) FILTER (WHERE o.priority = 1) AS urgent,
                   count(*) FILTER (WHERE o.supervise_level > 0) AS supervised
            FROM (SELECT c.grid_code, c.deadline_at, c.priority, c.supervise_level FROM cases c WHERE {OpenNotClosed}
                  UNION ALL
                  SELECT c.grid_code, c.deadline_at, c.priority, c.supervise_level FROM cases c WHERE {OpenClosedLater}) o
            WHERE o.grid_code IN (SELECT code FROM scope)
            GROUP BY o.grid_code),
        patrolled AS (
            SELECT DISTINCT p.grid_code FROM patrol_events p
            WHERE p.kind IN ('check-in', 'visit') AND p.at >= @from AND p.at < @to AND p.at <= @now)
        SELECT g.code AS GridCode,
               coalesce(o.open, 0)::int AS Open,
               coalesce(o.overdue, 0)::int AS Overdue,
               coalesce(o.urgent, 0)::int AS Urgent,
               coalesce(o.supervised, 0)::int AS Supervised,
               pt.grid_code IS NOT NULL AS Patrolled
        FROM grids g
        LEFT JOIN open_cases o ON o.grid_code = g.code
        LEFT JOIN patrolled pt ON pt.grid_code = g.code
        WHERE g.code IN (SELECT code FROM scope)
        ORDER BY g.code
        """;

    // 受理量 and 办结量 per Shanghai day, with the snapshot's own predicates (AcceptedInPeriod and closed_in's),
    // in one indexed read: the wall's 7-day trend without one whole snapshot per day.
    private const string DailySql = $"""
        WITH {ScopeCte},
        days AS (
            SELECT d AS day_start, d + interval '1 day' AS day_end
            FROM generate_series(@from::timestamptz AT TIME ZONE 'Asia/Shanghai', (@to::timestamptz AT TIME ZONE 'Asia/Shanghai') - interval '1 day', interval '1 day') AS s(local_day),
                 LATERAL (SELECT local_day AT TIME ZONE 'Asia/Shanghai' AS d) x)
        SELECT d.day_start AS DayStart,
               (SELECT count(*) FROM c WHERE c.merged_into IS NULL AND c.accepted_at >= d.day_start AND c.accepted_at < d.day_end AND c.accepted_at <= @now)::int AS Accepted,
               (SELECT count(*) FROM c WHERE c.merged_into IS NULL AND c.closed_at >= d.day_start AND c.closed_at < d.day_end AND c.closed_at <= @now)::int AS Closed
        FROM days d
        ORDER BY d.day_start
        """;

    /// <summary>受理量 and 办结量 of each Shanghai day in <paramref name="period"/> (whole days), as
    /// <see cref="ComputeAsync"/> counts them for that day at <paramref name="now"/>.</summary>
    public async Task<IReadOnlyList<(DateOnly Day, int Accepted, int Closed)>> AcceptedAndClosedByDayAsync(KpiPeriod period, DateTimeOffset now,
        KpiScope scope, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<DailyRow>(new CommandDefinition(DailySql, Parameters(period, now, scope), cancellationToken: ct));
        return [.. rows.Select(r => (DateOnly.FromDateTime(Time.Shanghai.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(r.DayStart, DateTimeKind.Utc))).Date), r.Accepted, r.Closed))];
    }

    private sealed record DailyRow(DateTime DayStart, int Accepted, int Closed);

    private const string WorkersSql = $"""
        WITH {WorkersCte}
        SELECT w.worker_id AS WorkerId, coalesce(rp.name, w.worker_name) AS WorkerName, w.last_grid AS GridCode,
               w.lon AS Lon, w.lat AS Lat, w.last_at AS LastSeen
        FROM workers w
        -- The roster's name where the worker id is on it (issue 15); else the name the grid app sent.
        LEFT JOIN roster_people rp ON rp.worker_id = w.worker_id
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
