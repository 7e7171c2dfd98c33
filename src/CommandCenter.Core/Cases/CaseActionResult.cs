namespace CommandCenter.Core.Cases;

public enum CaseActionOutcome { Done, Refused, Conflict, NotFound }

/// <summary>What happened to an officer's action: done (with the case's new version), refused by a rule,
/// lost to a concurrent update, or aimed at a case that does not exist. The message is for the officer.</summary>
public sealed record CaseActionResult(CaseActionOutcome Outcome, string Message, int Version = 0)
{
    public const string ConflictMessage = "该事件已被其他值班员更新，请刷新后重试";

    public bool Done => Outcome == CaseActionOutcome.Done;

    public static CaseActionResult Conflict() => new(CaseActionOutcome.Conflict, ConflictMessage);
    public static CaseActionResult NotFound(long id) => new(CaseActionOutcome.NotFound, $"找不到事件 #{id}");
    public static CaseActionResult Refused(string message) => new(CaseActionOutcome.Refused, message);
}
