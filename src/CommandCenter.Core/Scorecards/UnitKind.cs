namespace CommandCenter.Core.Scorecards;

/// <summary>The three kinds of 承办单位 a scorecard ranks, each among its own kind: a grid team is not
/// compared with 公安.</summary>
public enum UnitKind
{
    Department,
    Community,
    GridTeam,
}

public static class UnitKinds
{
    public static readonly IReadOnlyList<UnitKind> All = [UnitKind.Department, UnitKind.Community, UnitKind.GridTeam];

    public static string Label(UnitKind kind) => kind switch
    {
        UnitKind.Department => "部门",
        UnitKind.Community => "村居",
        _ => "网格团队",
    };

    public static string Code(UnitKind kind) => kind switch
    {
        UnitKind.Department => "department",
        UnitKind.Community => "community",
        _ => "grid",
    };

    public static UnitKind? Parse(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "department" => UnitKind.Department,
        "community" => UnitKind.Community,
        "grid" => UnitKind.GridTeam,
        _ => null,
    };
}
