namespace CommandCenter.Bench;

/// <summary>The trend page's queries written over the raw tables, as they would be without rollups: the
/// baseline the rollup queries are measured against in the same run (same results, by definition).
/// Parameters: @from/@to (timestamptz, Shanghai midnights), @prev (start of the previous period), @region.</summary>
internal static class TrendsBenchRawSql
{
    private static string Week(string column) => $"date_trunc('week', {column} AT TIME ZONE 'Asia/Shanghai')::date";

    private static string SeriesFor(string scope) => $"""
        SELECT w, sum(a) AS accepted, sum(ac) AS accepted_closed, sum(r) AS reports, sum(rep) AS repeats, sum(c) AS closed,
               sum(ot) AS on_time, sum(dn) AS dispatch_n, sum(ds) AS dispatch_s, sum(cn) AS close_n, sum(cs) AS close_s,
               sum(cb) AS callbacks, sum(sat) AS satisfied
        FROM (
            SELECT {Week("accepted_at")} AS w, count(*) FILTER (WHERE merged_into IS NULL) AS a,
                   count(*) FILTER (WHERE merged_into IS NULL AND closed_at IS NOT NULL) AS ac, count(*) AS r,
                   count(*) FILTER (WHERE merged_into IS NOT NULL OR reopened_count > 0) AS rep,
                   0 AS c, 0 AS ot, 0 AS dn, 0 AS ds, 0 AS cn, 0 AS cs, 0 AS cb, 0 AS sat
            FROM cases WHERE accepted_at >= @from AND accepted_at < @to {scope} GROUP BY 1
            UNION ALL
            SELECT {Week("closed_at")}, 0, 0, 0, 0, count(*), count(*) FILTER (WHERE deadline_at IS NULL OR closed_at <= deadline_at),
                   count(dispatched_at), sum(extract(epoch FROM dispatched_at - accepted_at)), count(accepted_at),
                   sum(extract(epoch FROM closed_at - accepted_at)), 0, 0
            FROM cases WHERE merged_into IS NULL AND closed_at >= @from AND closed_at < @to {scope} GROUP BY 1
            UNION ALL
            SELECT {Week("callback_at")}, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, count(*), count(*) FILTER (WHERE satisfaction IN ('满意', '基本满意'))
            FROM cases WHERE merged_into IS NULL AND satisfaction IS NOT NULL AND callback_at >= @from AND callback_at < @to {scope} GROUP BY 1
        ) x GROUP BY w;
        SELECT {Week("ended_at")}, count(*), count(*) FILTER (WHERE outcome = '调解成功'), count(*) FILTER (WHERE outcome = '部分达成'),
               count(*) FILTER (WHERE outcome = '调解成功' AND level IN ('网格', '社区'))
        FROM mediations WHERE outcome IS NOT NULL AND ended_at >= @from AND ended_at < @to {scope} GROUP BY 1
        """;

    public static readonly string Series = SeriesFor("");

    public static readonly string RegionSeries = SeriesFor("AND grid_code IN (SELECT code FROM grids WHERE region_code = @region)");

    public static readonly string ByCategory = $"""
        SELECT {Week("accepted_at")}, category_code, count(*) FROM cases
        WHERE merged_into IS NULL AND accepted_at >= @from AND accepted_at < @to GROUP BY 1, 2
        """;

    public static readonly string ByChannel = $"""
        SELECT {Week("accepted_at")}, channel, count(*) FROM cases
        WHERE merged_into IS NULL AND accepted_at >= @from AND accepted_at < @to GROUP BY 1, 2
        """;

    /// <summary>Per grid, this period against the previous one (hotspots, the map, the grid comparison).</summary>
    public static readonly string Grids = """
        SELECT grid_code, cur, sum(a), sum(ac), sum(c), sum(ot), sum(cb), sum(sat) FROM (
            SELECT grid_code, accepted_at >= @from AS cur, count(*) FILTER (WHERE merged_into IS NULL) AS a,
                   count(*) FILTER (WHERE merged_into IS NULL AND closed_at IS NOT NULL) AS ac, 0 AS c, 0 AS ot, 0 AS cb, 0 AS sat
            FROM cases WHERE accepted_at >= @prev AND accepted_at < @to GROUP BY 1, 2
            UNION ALL
            SELECT grid_code, closed_at >= @from, 0, 0, count(*), count(*) FILTER (WHERE deadline_at IS NULL OR closed_at <= deadline_at), 0, 0
            FROM cases WHERE merged_into IS NULL AND closed_at >= @prev AND closed_at < @to GROUP BY 1, 2
            UNION ALL
            SELECT grid_code, callback_at >= @from, 0, 0, 0, 0, count(*), count(*) FILTER (WHERE satisfaction IN ('满意', '基本满意'))
            FROM cases WHERE merged_into IS NULL AND satisfaction IS NOT NULL AND callback_at >= @prev AND callback_at < @to GROUP BY 1, 2
        ) x GROUP BY 1, 2
        """;

    public static readonly string Regions = $"""
        SELECT g.region_code, x.cur, sum(x.accepted) FROM ({Grids.Replace("sum(a), sum(ac)", "sum(a) AS accepted, sum(ac)")}) x
        JOIN grids g ON g.code = x.grid_code GROUP BY 1, 2
        """;

    public static readonly string Departments = """
        SELECT assignee_code, sum(c), sum(ot), sum(cb), sum(sat) FROM (
            SELECT assignee_code, count(*) AS c, count(*) FILTER (WHERE deadline_at IS NULL OR closed_at <= deadline_at) AS ot, 0 AS cb, 0 AS sat
            FROM cases WHERE merged_into IS NULL AND closed_at >= @from AND closed_at < @to GROUP BY 1
            UNION ALL
            SELECT assignee_code, 0, 0, count(*), count(*) FILTER (WHERE satisfaction IN ('满意', '基本满意'))
            FROM cases WHERE merged_into IS NULL AND satisfaction IS NOT NULL AND callback_at >= @from AND callback_at < @to GROUP BY 1
        ) x GROUP BY 1
        """;

    public static readonly string CommunitiesOfRegion = $"""
        SELECT g.community_code, x.cur, sum(x.accepted) FROM ({Grids.Replace("sum(a), sum(ac)", "sum(a) AS accepted, sum(ac)")}) x
        JOIN grids g ON g.code = x.grid_code WHERE g.region_code = @region GROUP BY 1, 2
        """;
}
