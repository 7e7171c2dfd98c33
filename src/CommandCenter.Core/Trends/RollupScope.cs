using CommandCenter.Core.Kpis;
using Dapper;

namespace CommandCenter.Core.Trends;

/// <summary>How a <see cref="KpiScope"/> reads the rollups: each scope has its own rows (area level and
/// code), so a query reads one row per day whatever the scope. The whole subdistrict's rows also hold
/// cases outside every grid, as <see cref="KpiCalculator"/> counts them. A scope naming several levels
/// reads its most specific one (grid, then 村居, then 片区).</summary>
internal static class RollupScope
{
    public const string Area = "t.area_level = @level::\"char\" AND t.area_code = @code";

    public static (string Level, string Code) Of(KpiScope scope) => scope switch
    {
        { GridCode: { } g } => ("G", g),
        { CommunityCode: { } c } => ("C", c),
        { RegionCode: { } r } => ("R", r),
        _ => ("*", "*"),
    };

    public static string LevelOf(AreaLevel level) => level switch
    {
        AreaLevel.Region => "R",
        AreaLevel.Community => "C",
        _ => "G",
    };

    public static DynamicParameters Parameters(KpiScope scope, DateOnly first, DateOnly last)
    {
        var (level, code) = Of(scope);
        var p = new DynamicParameters();
        p.Add("level", level);
        p.Add("code", code);
        p.Add("region", scope.RegionCode, System.Data.DbType.String);
        p.Add("community", scope.CommunityCode, System.Data.DbType.String);
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
