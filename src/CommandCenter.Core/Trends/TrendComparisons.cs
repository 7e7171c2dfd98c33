using CommandCenter.Core.Kpis;
using Dapper;
using Npgsql;

namespace CommandCenter.Core.Trends;

/// <summary>Comparisons the leaders rank by, read from the rollups: 片区 / 村居 / grids this period
/// against the previous one (the drill-down tables and the hotspots), and the 考核 of the units cases
/// were dispatched to.</summary>
public sealed class TrendComparisons(NpgsqlDataSource db, TimeProvider clock, TrendFold? fold = null)
{
    // Writers leave their rollup parts pending (migration 0160): fold them before reading.
    private readonly TrendFold _fold = fold ?? TrendFold.For(db);

    // Areas of the level inside the parent (a region for communities, a community or region for grids).
    // Joined rather than filtered with ANY(...): for many areas the planner then reads one contiguous range
    // of the day-first totals index, for a few it probes each area's rows by primary key.
    private static string AreaSql(AreaLevel level) => $"""
        SELECT t.area_code AS Key, t.day >= @first AS Current, {RollupTotals.CaseSums}
        FROM trend_case_daily t JOIN ({NamesSql(level)}) n ON n.Key = t.area_code
        WHERE t.area_level = @areaLevel::"char" AND t.category_code = '*' AND t.channel = '*'
          AND t.day BETWEEN @prevFirst AND @last AND (t.day >= @first OR t.day <= @prevLast)
        GROUP BY 1, 2;
        SELECT t.area_code AS Key, t.day >= @first AS Current, {RollupTotals.MediationSums}
        FROM trend_mediation_daily t JOIN ({NamesSql(level)}) n ON n.Key = t.area_code
        WHERE t.area_level = @areaLevel::"char"
          AND t.day BETWEEN @prevFirst AND @last AND (t.day >= @first OR t.day <= @prevLast)
        GROUP BY 1, 2;
        {NamesSql(level)}
        """;

    private static string NamesSql(AreaLevel level) => level switch
    {
        AreaLevel.Region => "SELECT code AS Key, name AS Name FROM regions WHERE @region::text IS NULL OR code = @region",
        AreaLevel.Community => """
            SELECT code AS Key, name AS Name FROM communities
            WHERE (@region::text IS NULL OR region_code = @region) AND (@community::text IS NULL OR code = @community)
            """,
        _ => """
            SELECT code AS Key, name AS Name FROM grids
            WHERE (@region::text IS NULL OR region_code = @region) AND (@community::text IS NULL OR community_code = @community)
            """,
    };

    // Summed per assignee first (a few hundred rows a week), then named and grouped into units.
    private static readonly string DepartmentSql = $"""
        WITH a AS (
            SELECT t.assignee_code, sum(t.closed) AS closed, sum(t.closed_on_time) AS closed_on_time,
                   sum(t.callbacks) AS callbacks, sum(t.satisfied) AS satisfied, sum(t.unsatisfied) AS unsatisfied
            FROM trend_assignee_daily t
            WHERE t.day BETWEEN @first AND @last
            GROUP BY 1)
        SELECT {UnitSql.Key("a.assignee_code")} AS Key, {UnitSql.Name("a.assignee_code")} AS Name,
               sum(a.closed)::bigint AS Closed, sum(a.closed_on_time)::bigint AS ClosedOnTime,
               sum(a.callbacks)::bigint AS Callbacks, sum(a.satisfied)::bigint AS Satisfied,
               sum(a.unsatisfied)::bigint AS Unsatisfied
        FROM a {UnitSql.Joins("a.assignee_code")}
        GROUP BY 1, 2
        """;

    /// <summary>Every area of <paramref name="level"/> inside <paramref name="parent"/> (its region or
    /// community; <see cref="KpiScope.All"/> for all), for days <paramref name="first"/>..<paramref name="last"/>
    /// and the equally long period just before, ranked by 受理量.</summary>
    public async Task<IReadOnlyList<AreaRow>> AreasAsync(AreaLevel level, KpiScope parent, DateOnly first, DateOnly last,
        CancellationToken ct)
    {
        var length = last.DayNumber - first.DayNumber + 1;
        var (prevFirst, prevLast) = (first.AddDays(-length), first.AddDays(-1));
        var p = RollupScope.Parameters(parent, first, last);
        p.Add("prevFirst", prevFirst.ToDateTime(TimeOnly.MinValue), System.Data.DbType.Date);
        p.Add("prevLast", prevLast.ToDateTime(TimeOnly.MinValue), System.Data.DbType.Date);
        p.Add("areaLevel", RollupScope.LevelOf(level));

        await _fold.EnsureAsync(ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var grid = await conn.QueryMultipleAsync(new CommandDefinition(AreaSql(level), p, cancellationToken: ct));
        var cases = (await grid.ReadAsync<RollupTotals>()).ToDictionary(r => (r.Key, r.Current));
        foreach (var m in await grid.ReadAsync<RollupTotals>())
        {
            if (!cases.TryGetValue((m.Key, m.Current), out var c)) cases[(m.Key, m.Current)] = c = new RollupTotals { Key = m.Key };
            c.AddMediations(m);
        }
        var names = (await grid.ReadAsync<NameRow>()).ToList();

        var asOf = clock.GetUtcNow();
        var current = TrendRange.DayPeriod(first, last);
        var previous = TrendRange.DayPeriod(prevFirst, prevLast);
        var rows = names.Select(n => (n.Key, n.Name,
            Cur: (cases.GetValueOrDefault((n.Key, true)) ?? new RollupTotals()).ToSnapshot(current, asOf),
            Prev: (cases.GetValueOrDefault((n.Key, false)) ?? new RollupTotals()).ToSnapshot(previous, asOf))).ToList();
        return rows
            .Select(r => new AreaRow(level, r.Key, r.Name, r.Cur, r.Prev,
                Rank: 1 + rows.Count(o => o.Cur.Accepted > r.Cur.Accepted),
                PreviousRank: 1 + rows.Count(o => o.Prev.Accepted > r.Prev.Accepted)))
            .OrderBy(r => r.Rank).ThenBy(r => r.Code, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>考核 of every unit with closures or 回访 in days <paramref name="first"/>..<paramref name="last"/>,
    /// most closures first.</summary>
    public async Task<IReadOnlyList<DepartmentRow>> DepartmentsAsync(DateOnly first, DateOnly last, CancellationToken ct)
    {
        await _fold.EnsureAsync(ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<RollupTotals>(new CommandDefinition(DepartmentSql,
            RollupScope.Parameters(KpiScope.All, first, last), cancellationToken: ct));
        var period = TrendRange.DayPeriod(first, last);
        var asOf = clock.GetUtcNow();
        return rows
            .Where(r => r.Closed != 0 || r.Callbacks != 0)
            .Select(r => new DepartmentRow(r.Key, r.Name, new KpiSnapshot
            {
                From = period.From,
                To = period.To,
                AsOf = asOf,
                Closed = (int)r.Closed,
                ClosedOnTime = (int)r.ClosedOnTime,
                Callbacks = (int)r.Callbacks,
                Satisfied = (int)r.Satisfied,
            }, r.Unsatisfied))
            .OrderByDescending(r => r.Kpis.Closed).ThenBy(r => r.Code, StringComparer.Ordinal)
            .ToList();
    }

    private sealed class NameRow
    {
        public string Key { get; set; } = "";
        public string Name { get; set; } = "";
    }
}
