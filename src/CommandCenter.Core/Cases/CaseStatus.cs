namespace CommandCenter.Core.Cases;

/// <summary>The status codes stored in <c>cases.status</c>, in the order of the closed loop
/// 受理 → 分流 → 督办 → 反馈 → 考核. The rank is what "never moves backwards" compares for updates
/// from source systems (an officer's explicit reopen after 不满意 is a separate, audited transition).</summary>
public static class CaseStatus
{
    public const string Pending = "pending";         // 待受理
    public const string Accepted = "accepted";       // 已受理
    public const string Dispatched = "dispatched";   // 已分流
    public const string InProgress = "in_progress";  // 处置中
    public const string Feedback = "feedback";       // 已反馈
    public const string Callback = "callback";       // 待回访
    public const string Closed = "closed";           // 已办结

    public static IReadOnlyList<string> All { get; } =
        [Pending, Accepted, Dispatched, InProgress, Feedback, Callback, Closed];

    private static readonly Dictionary<string, string> Labels = new()
    {
        [Pending] = "待受理",
        [Accepted] = "已受理",
        [Dispatched] = "已分流",
        [InProgress] = "处置中",
        [Feedback] = "已反馈",
        [Callback] = "待回访",
        [Closed] = "已办结",
    };

    public static bool IsKnown(string status) => Labels.ContainsKey(status);

    /// <summary>Chinese label for display; unknown codes are shown as they are.</summary>
    public static string Label(string status) => Labels.GetValueOrDefault(status, status);

    /// <summary>Position in the loop (0 = 待受理 … 6 = 已办结); -1 for an unknown code.</summary>
    public static int Rank(string status) => status switch
    {
        Pending => 0,
        Accepted => 1,
        Dispatched => 2,
        InProgress => 3,
        Feedback => 4,
        Callback => 5,
        Closed => 6,
        _ => -1,
    };

    public static bool IsOpen(string status) => status != Closed;
}
