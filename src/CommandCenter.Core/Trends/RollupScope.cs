using CommandCenter.Core.Kpis;
using Dapper;

namespace CommandCenter.Core.Trends;

/// <summary>How a <see cref="KpiScope"/> reads the rollups: the whole subdistrict is the '*' rows (which
/// also hold cases outside every grid, as <see cref="KpiCalculator"/> counts them); a 片区 / 村居 / grid
/// is its grids' rows, the grid list resolved once per query so each grid is an exact index range.</summary>
internal static class RollupScope
{
    public const string Grids = """
        t.grid_code = ANY(CASE WHEN @all THEN ARRAY['*'] ELSE ARRAY(
            SELECT g.code FROM grids g
            WHERE (@region::text IS NULL OR g.region_code = @region)
              AND (@community::text IS NULL OR g.community_code = @community)
              AND (@grid::text IS NULL OR g.code = @grid)) END)
        """;

    public static DynamicParameters Parameters(KpiScope scope, DateOnly first, DateOnly last)
    {
        var p = new DynamicParameters();
        p.Add("all", scope.IsAll);
        p.Add("region", scope.RegionCode, System.Data.DbType.String);
        p.Add("community", scope.CommunityCode, System.Data.DbType.String);
        p.Add("grid", scope.GridCode, System.Data.DbType.String);
        p.Add("first", first.ToDateTime(TimeOnly.MinValue), System.Data.DbType.Date);
        p.Add("last", last.ToDateTime(TimeOnly.MinValue), System.Data.DbType.Date);
        return p;
    }

    /// <summary>SQL for the first day of the bucket a rollup row's day falls in.</summary>
    public static string Bucket(TrendGranularity granularity) => granularity switch
    {
        TrendGranularity.Week => "date_trunc('week', t.day)::date",
        TrendGranularity.Month => "date_trunc('month', t.day)::date",
        _ => "t.day",
    };
}
