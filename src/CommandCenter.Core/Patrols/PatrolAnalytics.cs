using CommandCenter.Core.Trends;
using Dapper;
using Npgsql;

namespace CommandCenter.Core.Patrols;

/// <summary>巡查分析 for a range of days (Asia/Shanghai): coverage day by day and each grid worker's figures. Both read the
/// <c>patrol_daily</c> rollup (0150; one row per day, worker and grid), never <c>patrol_events</c> row by row, so a year is a
/// few tens of thousands of rows; cases reported use <c>cases_reporter_worker_idx</c>, on-time rates the grid rows of
/// <c>trend_case_daily</c>.</summary>
public sealed class PatrolAnalytics(NpgsqlDataSource db, TrendFold? fold = null)
{
    // The worker figures read trend_case_daily, whose writers leave parts pending (migration 0160): fold first.
    private readonly TrendFold _fold = fold ?? TrendFold.For(db);

    // One range of patrol_daily's primary key (day first), grouped by day, then the days without any patrol filled in.
    private const string CoverageSql = """
        WITH p AS (
            SELECT day, count(DISTINCT grid_code)::int AS patrolled FROM patrol_daily
            WHERE day BETWEEN @from::date AND @to::date AND checkins + visits > 0 AND grid_code IN (SELECT code FROM grids)
            GROUP BY day)
        SELECT d::date AS Day, coalesce(p.patrolled, 0) AS Patrolled
        FROM generate_series(@from::date, @to::date, interval '1 day') d
        LEFT JOIN p ON p.day = d::date
        ORDER BY d
        """;

    private const string WorkersSql = """
        WITH roster AS (
            SELECT worker_id, name, grid_codes FROM roster_people
            WHERE worker_id IS NOT NULL AND team_role = '专职网格员'
              AND active_from <= @to AND (active_to IS NULL OR active_to >= @from)),
        days AS (
            SELECT worker_id, day, sum(checkins) AS checkins, sum(visits) AS visits, min(first_at) AS first_at, max(last_at) AS last_at
            FROM patrol_daily WHERE day BETWEEN @from AND @to GROUP BY worker_id, day),
        pat AS (
            SELECT worker_id, count(*)::int AS patrol_days, sum(extract(epoch FROM last_at - first_at))::float8 AS seconds,
                   sum(checkins)::int AS checkins, sum(visits)::int AS visits
            FROM days GROUP BY worker_id),
        -- The range's rows joined by worker (hash), grids as a filter: probing patrol_daily per (worker, grid) would
        -- rescan the day range each time (its key leads with the day).
        own AS (
            SELECT r.worker_id, count(*)::int AS own_days
            FROM patrol_daily p JOIN roster r ON r.worker_id = p.worker_id
            WHERE p.day BETWEEN @from AND @to AND p.checkins + p.visits > 0 AND p.grid_code = ANY (r.grid_codes)
            GROUP BY r.worker_id),
        rep AS (
            SELECT reporter_worker_id AS worker_id, count(*)::int AS reported FROM cases
            WHERE reporter_worker_id IS NOT NULL AND reported_at >= @fromAt AND reported_at < @toAt
            GROUP BY reporter_worker_id),
        -- Each grid by equality (unnest), so every probe is one range of trend_case_daily's key; "= ANY (array)" as a
        -- join condition lets the planner scan the whole rollup instead.
        ontime AS (
            SELECT r.worker_id, sum(t.closed)::int AS closed, sum(t.closed_on_time)::int AS on_time
            FROM roster r CROSS JOIN LATERAL unnest(r.grid_codes) AS g(code)
            JOIN trend_case_daily t ON t.area_level = 'G' AND t.area_code = g.code
                AND t.category_code = '*' AND t.channel = '*' AND t.day BETWEEN @from AND @to
            GROUP BY r.worker_id),
        ids AS (SELECT worker_id FROM roster UNION SELECT worker_id FROM pat UNION SELECT worker_id FROM rep)
        SELECT i.worker_id AS WorkerId, r.name AS RosterName, coalesce(r.grid_codes, '{}') AS Grids,
               -- The name the grid app sent, for an id the roster does not know (one probe on patrol_events_worker_idx).
               CASE WHEN r.name IS NULL THEN (SELECT e.worker_name FROM patrol_events e WHERE e.worker_id = i.worker_id
                                              ORDER BY e.at DESC LIMIT 1) END AS ReportedName,
               coalesce(p.patrol_days, 0) AS PatrolDays, coalesce(p.seconds, 0) AS Seconds,
               coalesce(p.checkins, 0) AS CheckIns, coalesce(p.visits, 0) AS Visits,
               coalesce(rep.reported, 0) AS Reported, coalesce(o.closed, 0) AS Closed, coalesce(o.on_time, 0) AS OnTime,
               coalesce(own.own_days, 0) AS OwnDays
        FROM ids i
        LEFT JOIN roster r ON r.worker_id = i.worker_id
        LEFT JOIN pat p ON p.worker_id = i.worker_id
        LEFT JOIN own ON own.worker_id = i.worker_id
        LEFT JOIN rep ON rep.worker_id = i.worker_id
        LEFT JOIN ontime o ON o.worker_id = i.worker_id
        ORDER BY r.name IS NULL, i.worker_id
        """;

    /// <summary>Coverage of each day from <paramref name="from"/> to <paramref name="to"/>, stopping at <paramref name="today"/>
    /// (a day still to come has no coverage yet, not zero).</summary>
    public async Task<IReadOnlyList<PatrolDay>> CoverageAsync(DateOnly from, DateOnly to, DateOnly today, CancellationToken ct)
    {
        var last = to < today ? to : today;
        if (last < from) return [];
        await using var conn = await db.OpenConnectionAsync(ct);
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition("SELECT count(*)::int FROM grids", cancellationToken: ct));
        var rows = await conn.QueryAsync<(DateTime Day, int Patrolled)>(new CommandDefinition(CoverageSql,
            new { from = from.ToDateTime(TimeOnly.MinValue), to = last.ToDateTime(TimeOnly.MinValue) }, cancellationToken: ct));
        return [.. rows.Select(r => new PatrolDay(DateOnly.FromDateTime(r.Day), r.Patrolled, total))];
    }

    /// <summary>Every 专职网格员 on the roster in the period and every worker id that patrolled or reported in it.</summary>
    public async Task<IReadOnlyList<WorkerPatrolRow>> WorkersAsync(DateOnly from, DateOnly to, DateOnly today, CancellationToken ct)
    {
        var elapsed = Math.Max(0, (to < today ? to : today).DayNumber - from.DayNumber + 1);
        await _fold.EnsureAsync(ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<Row>(new CommandDefinition(WorkersSql, new
        {
            from = from.ToDateTime(TimeOnly.MinValue), to = to.ToDateTime(TimeOnly.MinValue),
            fromAt = Time.Shanghai.StartOfDay(from).UtcDateTime, toAt = Time.Shanghai.StartOfDay(to.AddDays(1)).UtcDateTime,
        }, cancellationToken: ct));
        return [.. rows.Select(r => new WorkerPatrolRow(new WorkerRef(r.WorkerId, r.RosterName, r.ReportedName), r.Grids,
            r.PatrolDays, r.Seconds / 3600, r.CheckIns, r.Visits, r.Reported, r.Closed, r.OnTime, r.OwnDays, elapsed * r.Grids.Length))];
    }

    // Properties, not a constructor: Npgsql reports a text[] column as System.Array, which Dapper's constructor matching refuses.
    private sealed class Row
    {
        public string WorkerId { get; init; } = "";
        public string? RosterName { get; init; }
        public string[] Grids { get; init; } = [];
        public string? ReportedName { get; init; }
        public int PatrolDays { get; init; }
        public double Seconds { get; init; }
        public int CheckIns { get; init; }
        public int Visits { get; init; }
        public int Reported { get; init; }
        public int Closed { get; init; }
        public int OnTime { get; init; }
        public int OwnDays { get; init; }
    }
}
