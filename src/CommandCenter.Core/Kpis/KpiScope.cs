namespace CommandCenter.Core.Kpis;

/// <summary>Which part of the subdistrict a KPI covers: everything, one 片区 (region), one 村居
/// (community) or one grid. <see cref="All"/> also counts cases located outside every grid.</summary>
public sealed record KpiScope(string? RegionCode = null, string? CommunityCode = null, string? GridCode = null)
{
    public static KpiScope All { get; } = new();

    public static KpiScope Region(string code) => new(RegionCode: code);
    public static KpiScope Community(string code) => new(CommunityCode: code);
    public static KpiScope Grid(string code) => new(GridCode: code);

    public bool IsAll => RegionCode is null && CommunityCode is null && GridCode is null;
}
