namespace CommandCenter.Core.Notices;

/// <summary><c>notices.kind</c> codes (checked by the 0080 migration) and their Chinese labels.</summary>
public static class NoticeKinds
{
    public const string Urge = "urge";
    public const string Supervise = "supervise";
    public const string DueSoon = "due-soon";
    public const string Instruction = "instruction";
    /// <summary>To the center: a unit did not sign for a case in time (the case escalated by itself).</summary>
    public const string SignOverdue = "sign-overdue";
    /// <summary>To the unit: a leader took personal charge of its case (领导包案).</summary>
    public const string Lead = "lead";

    public static string Label(string kind) => kind switch
    {
        Urge => "催办",
        Supervise => "督办",
        DueSoon => "临期",
        Instruction => "批示",
        SignOverdue => "超时未签收",
        Lead => "领导包案",
        _ => kind,
    };
}
