namespace CommandCenter.Core.Cases;

/// <summary>民意访评 results of a 回访 (callback) to the resident.</summary>
public static class Satisfaction
{
    public const string Satisfied = "满意";
    public const string Basic = "基本满意";
    public const string Unsatisfied = "不满意";

    public static IReadOnlyList<string> All { get; } = [Satisfied, Basic, Unsatisfied];
}
