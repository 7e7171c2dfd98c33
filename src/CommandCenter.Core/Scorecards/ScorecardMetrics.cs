using CommandCenter.Core.Time;
using CommandCenter.Core.Trends;
using Dapper;
using Npgsql;

namespace CommandCenter.Core.Scorecards;

/// <summary>Reads every unit's <see cref="UnitMetrics"/> for a period and the period before it from the rollups
/// only (trend_assignee_daily and trend_unit_event_daily, one index range each): a year's ranking of every
/// unit reads at most a few hundred thousand small rows at any history length, never the cases.</summary>
public sealed class ScorecardMetrics(NpgsqlDataSource db, TimeProvider clock, TrendFold? fold = null)
{
    // Writers leave their rollup parts pending (migration 0160): fold them before reading.
    private readonly TrendFold _fold = fold ?? TrendFold.For(db);

    // 超期件 counts deadline days before today only: a case due later today is not late yet (see 0110).
    private const string Sql = """
        SELECT t.assignee_code AS Code, t.day >= @first AS Current,
               sum(t.accepted)::bigint AS Accepted, sum(t.accepted_closed)::bigint AS AcceptedClosed,
               sum(t.closed)::bigint AS Closed, sum(t.closed_on_time)::bigint AS ClosedOnTime,
               sum(t.callbacks)::bigint AS Callbacks, sum(t.satisfied)::bigint AS Satisfied,
               coalesce(sum(t.overdue) FILTER (WHERE t.day < @today), 0)::bigint AS Overdue
        FROM trend_assignee_daily t
        WHERE t.day BETWEEN @prevFirst AND @last AND t.assignee_code <> ''
        GROUP BY 1, 2;
        SELECT t.assignee_code AS Code, t.day >= @first AS Current,
               sum(t.returns)::bigint AS Returns, sum(t.reworks)::bigint AS Reworks,
               sum(t.supervisions)::bigint AS Supervisions, sum(t.signed)::bigint AS Signed,
               sum(t.sign_us)::float8 AS SignMicroseconds, sum(t.jfb)::bigint AS Jfb
        FROM trend_unit_event_daily t
        WHERE t.day BETWEEN @prevFirst AND @last AND t.assignee_code <> ''
        GROUP BY 1, 2;
        SELECT code AS Code, name AS Name, 0 AS Kind FROM departments
        UNION ALL SELECT code, name, 1 FROM communities
        UNION ALL SELECT code, name, 2 FROM grids
        ORDER BY 3, 1;
        """;

    /// <summary>Every unit of <paramref name="kind"/> with its metrics in <paramref name="period"/> and in the
    /// period before it (zero where nothing happened).</summary>
    public async Task<IReadOnlyList<(string Code, string Name, UnitMetrics Current, UnitMetrics Previous)>> LoadAsync(
        ScorePeriod period, UnitKind kind, CancellationToken ct) =>
        (await LoadAllAsync(period, ct)).Where(u => u.Kind == kind).Select(u => (u.Code, u.Name, u.Current, u.Previous)).ToList();

    /// <summary>As <see cref="LoadAsync"/> for every kind at once (one round trip for a bulletin).</summary>
    public async Task<IReadOnlyList<(string Code, string Name, UnitKind Kind, UnitMetrics Current, UnitMetrics Previous)>> LoadAllAsync(
        ScorePeriod period, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(clock.GetUtcNow()).Date);
        var p = new DynamicParameters();
        p.Add("first", period.First.ToDateTime(TimeOnly.MinValue), System.Data.DbType.Date);
        p.Add("last", period.Last.ToDateTime(TimeOnly.MinValue), System.Data.DbType.Date);
        p.Add("prevFirst", period.Previous.First.ToDateTime(TimeOnly.MinValue), System.Data.DbType.Date);
        p.Add("today", today.ToDateTime(TimeOnly.MinValue), System.Data.DbType.Date);
        await _fold.EnsureAsync(ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var grid = await conn.QueryMultipleAsync(new CommandDefinition(Sql, p, cancellationToken: ct));
        var cases = (await grid.ReadAsync<Row>()).ToList();
        var events = (await grid.ReadAsync<Row>()).ToList();
        var names = (await grid.ReadAsync<NameRow>()).ToList();
        var byKey = new Dictionary<(string, bool), UnitMetrics>();
        foreach (var r in cases.Concat(events))
            byKey[(r.Code, r.Current)] = byKey.TryGetValue((r.Code, r.Current), out var m) ? m.Add(r.ToMetrics()) : r.ToMetrics();
        // A code that is both a department and a grid cannot happen (different shapes), but a code is never counted twice.
        return names.DistinctBy(n => n.Code)
            .Select(n => (n.Code, n.Name, (UnitKind)n.Kind,
                byKey.GetValueOrDefault((n.Code, true)) ?? UnitMetrics.None,
                byKey.GetValueOrDefault((n.Code, false)) ?? UnitMetrics.None))
            .ToList();
    }

    private sealed class Row
    {
        public string Code { get; set; } = "";
        public bool Current { get; set; }
        public long Accepted { get; set; }
        public long AcceptedClosed { get; set; }
        public long Closed { get; set; }
        public long ClosedOnTime { get; set; }
        public long Callbacks { get; set; }
        public long Satisfied { get; set; }
        public long Overdue { get; set; }
        public long Returns { get; set; }
        public long Reworks { get; set; }
        public long Supervisions { get; set; }
        public long Signed { get; set; }
        public double SignMicroseconds { get; set; }
        public long Jfb { get; set; }

        public UnitMetrics ToMetrics() => new()
        {
            Accepted = Accepted, AcceptedClosed = AcceptedClosed, Closed = Closed, ClosedOnTime = ClosedOnTime,
            Callbacks = Callbacks, Satisfied = Satisfied, Overdue = Overdue, Returns = Returns, Reworks = Reworks,
            Supervisions = Supervisions, Signed = Signed, SignMicroseconds = SignMicroseconds, Jfb = Jfb,
        };
    }

    private sealed class NameRow
    {
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public int Kind { get; set; }
    }
}
