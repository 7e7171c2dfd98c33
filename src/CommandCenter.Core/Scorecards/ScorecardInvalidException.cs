namespace CommandCenter.Core.Scorecards;

/// <summary>A scorecard that cannot be saved, with every reason in Chinese.</summary>
public sealed class ScorecardInvalidException(IReadOnlyList<string> problems) : Exception(string.Join("；", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
