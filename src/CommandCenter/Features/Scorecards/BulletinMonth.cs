using CommandCenter.Core.Scorecards;
using CommandCenter.Core.Time;

namespace CommandCenter.Features.Scorecards;

/// <summary>The bulletin's month from the address (yyyy-MM); default and fallback: last month.</summary>
public static class BulletinMonth
{
    public static ScorePeriod Parse(string? text, TimeProvider clock, out string? problem)
    {
        problem = null;
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(clock.GetUtcNow()).Date);
        var last = ScorePeriod.Containing(ScorePeriodKind.Month, today).Previous;
        if (string.IsNullOrWhiteSpace(text)) return last;
        if (ScorePeriod.TryParseMonth(text, out var month)) return month;
        problem = $"参数 month=「{text}」不是 yyyy-MM 格式的月份（例如 {last.First:yyyy-MM}）。";
        return last;
    }
}
