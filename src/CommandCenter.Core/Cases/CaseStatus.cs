namespace CommandCenter.Core.Cases;

/// <summary>The status codes stored in <c>cases.status</c>, their Chinese labels, and the rank that
/// stops a case from moving backwards (the same rank as SQL's <c>case_status_rank</c>, migration 0020).
/// Ingest and the duty officers' state machine both build on these.</summary>
public static class CaseStatus
{
    public const string Pending = "pending";
    public const string Accepted = "accepted";
    public const string Dispatched = "dispatched";
    public const string InProgress = "in_progress";
    public const string Feedback = "feedback";
    public const string Callback = "callback";
    public const string Closed = "closed";

    /// <summary>Every status, in loop order (lowest rank first).</summary>
    public static IReadOnlyList<string> All { get; } =
        [Pending, Accepted, Dispatched, InProgress, Feedback, Callback, Closed];

    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [Pending] = "待受理",
        [Accepted] = "已受理",
        [Dispatched] = "已分流",
        [InProgress] = "处置中",
        [Feedback] = "已反馈",
        [Callback] = "待回访",
        [Closed] = "已办结",
    };

    public static bool IsKnown(string? status) => status is not null && Labels.ContainsKey(status);

    /// <summary>The Chinese label, e.g. 已分流 for <c>dispatched</c>; the code itself when unknown.</summary>
    public static string Label(string status) => Labels.GetValueOrDefault(status, status);

    /// <summary>Position in the loop (pending 0 … closed 6); -1 when unknown.</summary>
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

    /// <summary>True when going from <paramref name="from"/> to <paramref name="to"/> would move the case backwards.</summary>
    public static bool IsBackwards(string from, string to) => Rank(to) < Rank(from);

    public static bool IsOpen(string status) => status != Closed;
}
