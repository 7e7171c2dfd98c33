using System.Diagnostics;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Trends;
using Dapper;
using Npgsql;

namespace CommandCenter.Features.Trends;

/// <summary>Loads a <see cref="TrendView"/>: every query the page issues, run concurrently (each on its own
/// pooled connection), all but the case list and the overdue ranking read from rollups. With a read replica
/// configured every query of one load goes to it (<see cref="TrendReadSource"/>).</summary>
public sealed class TrendDashboard(TrendReadSource source)
{
    private const string PathSql = """
        SELECT 'R' AS Level, code AS Code, name AS Name FROM regions
        WHERE code IN (@region, (SELECT region_code FROM communities WHERE code = @community), (SELECT region_code FROM grids WHERE code = @grid))
        UNION ALL
        SELECT 'C', code, name FROM communities WHERE code IN (@community, (SELECT community_code FROM grids WHERE code = @grid))
        UNION ALL
        SELECT 'G', code, name FROM grids WHERE code = @grid
        """;

    public async Task<TrendView> LoadAsync(TrendFilter filter, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        var (db, trends, comparisons, cases) = await source.ForReadAsync(ct);
        var scope = filter.Scope;
        var (week, weekEnd, prev) = (filter.FocusWeek, filter.FocusWeekEnd, filter.PreviousWeek);
        var childLevel = ChildLevel(scope);

        var path = PathAsync(db, scope, ct);
        var current = trends.SnapshotAsync(week, weekEnd, scope, ct);
        var previous = trends.SnapshotAsync(prev, prev.AddDays(6), scope, ct);
        var series = trends.SeriesAsync(filter.Range, scope, ct);
        var categories = trends.ByCategoryAsync(filter.Range, scope, ct);
        var channels = trends.ByChannelAsync(filter.Range, scope, ct);
        var children = childLevel is { } level
            ? comparisons.AreasAsync(level, scope, week, weekEnd, ct)
            : Task.FromResult<IReadOnlyList<AreaRow>>([]);
        var grids = comparisons.AreasAsync(AreaLevel.Grid, scope, week, weekEnd, ct);
        var departments = comparisons.DepartmentsAsync(week, weekEnd, ct);
        var overdue = cases.OverdueRankingAsync(scope, ct);
        var list = scope.GridCode is not null
            ? cases.ListAsync(scope, week, weekEnd, ct)
            : Task.FromResult<IReadOnlyList<CaseListRow>>([]);
        await Task.WhenAll(path, current, previous, series, categories, channels, children, grids, departments, overdue, list);

        var hotspots = grids.Result.Where(g => g.Current.Accepted > 0).Take(10).ToList();
        return new TrendView(filter, path.Result, current.Result, previous.Result, overdue.Result.Sum(o => o.Overdue),
            series.Result, categories.Result, channels.Result, childLevel, children.Result, hotspots, departments.Result,
            overdue.Result, scope.GridCode is not null ? list.Result : null, sw.Elapsed);
    }

    /// <summary>All grids of the scope with this week's 受理量 (the heat layer colours every grid).</summary>
    public async Task<IReadOnlyList<AreaRow>> GridsAsync(TrendFilter filter, CancellationToken ct) =>
        await (await source.ForReadAsync(ct)).Comparisons.AreasAsync(AreaLevel.Grid, filter.Scope, filter.FocusWeek, filter.FocusWeekEnd, ct);

    /// <summary>The level a comparison table shows under a scope; null under a grid (its case list instead).</summary>
    public static AreaLevel? ChildLevel(KpiScope scope) => scope switch
    {
        { GridCode: not null } => null,
        { CommunityCode: not null } => AreaLevel.Grid,
        { RegionCode: not null } => AreaLevel.Community,
        _ => AreaLevel.Region,
    };

    private static async Task<IReadOnlyList<Crumb>> PathAsync(NpgsqlDataSource db, KpiScope scope, CancellationToken ct)
    {
        var crumbs = new List<Crumb> { new("全街道", KpiScope.All) };
        if (scope.IsAll) return crumbs;
        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = (await conn.QueryAsync<PathRow>(new CommandDefinition(PathSql,
            new { region = scope.RegionCode, community = scope.CommunityCode, grid = scope.GridCode }, cancellationToken: ct))).ToList();
        string? region = rows.FirstOrDefault(r => r.Level == "R")?.Code, community = rows.FirstOrDefault(r => r.Level == "C")?.Code;
        foreach (var r in rows)
        {
            crumbs.Add(r.Level switch
            {
                "R" => new Crumb(r.Name, KpiScope.Region(r.Code)),
                "C" => new Crumb(r.Name, new KpiScope(region, r.Code)),
                _ => new Crumb(r.Name, new KpiScope(region, community, r.Code)),
            });
        }
        var wanted = RollupScope(scope);
        if (!rows.Any(r => r.Level == wanted.Level && r.Code == wanted.Code))
            crumbs.Add(new Crumb($"未找到{wanted.Label}「{wanted.Code}」", scope, Unknown: true));
        return crumbs;
    }

    // The most specific area a scope names: the one its numbers are for.
    private static (string Level, string Code, string Label) RollupScope(KpiScope scope) => scope switch
    {
        { GridCode: { } g } => ("G", g, "网格"),
        { CommunityCode: { } c } => ("C", c, "村居"),
        _ => ("R", scope.RegionCode!, "片区"),
    };

    private sealed class PathRow
    {
        public string Level { get; set; } = "";
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
    }
}
