using CommandCenter.Core.Cases;
using CommandCenter.Core.Time;

namespace CommandCenter.Features.Cases;

/// <summary>How times and deadlines read on the duty screens (Asia/Shanghai).</summary>
public static class CaseText
{
    public static string Time(DateTimeOffset at) => Shanghai.ToLocal(at).ToString("MM-dd HH:mm");

    public static string FullTime(DateTimeOffset at) => Shanghai.ToLocal(at).ToString("yyyy-MM-dd HH:mm:ss");

    /// <summary>"剩 5时20分" / "超期 3时" for cases being handled; empty otherwise.</summary>
    public static string Remaining(DateTimeOffset? deadline, DateTimeOffset now, string status)
    {
        if (deadline is not { } d || status is not (CaseStatus.Dispatched or CaseStatus.InProgress)) return "";
        var left = d - now;
        return left >= TimeSpan.Zero ? "剩 " + Span(left) : "超期 " + Span(-left);
    }

    public static string Span(TimeSpan t) =>
        t.TotalDays >= 1 ? $"{(int)t.TotalDays}天{t.Hours}时" : t.TotalHours >= 1 ? $"{(int)t.TotalHours}时{t.Minutes}分" : $"{t.Minutes}分{t.Seconds}秒";
}
