namespace CommandCenter.Core.Cases;

/// <summary>Vocabulary of 矛盾纠纷调解, matching the CHECK constraints of the <c>mediations</c> table.</summary>
public static class Mediation
{
    public const string Success = "调解成功";
    public const string Partial = "部分达成";
    public const string Failed = "调解失败";

    public static IReadOnlyList<string> Outcomes { get; } = [Success, Partial, Failed];
    public static IReadOnlyList<string> FailureRoutes { get; } = ["转诉讼", "转信访"];
    /// <summary>小事不出网格，大事不出社区: the level where the dispute was handled.</summary>
    public static IReadOnlyList<string> Levels { get; } = ["网格", "社区", "街道", "区"];
    public static IReadOnlyList<string> MediatorTypes { get; } =
        ["人民调解员", "红管家", "一律两员三官五老", "行业调委会", "民主议事厅"];
}
