using System.Globalization;
using CommandCenter.Core.Trends;

namespace CommandCenter.Features.Trends;

/// <summary>Reads /trends/report's kind=month&amp;month=yyyy-MM or kind=year&amp;year=yyyy. Null for the weekly
/// report (no kind, or kind=week). Unreadable or future values fall back — 月报 to the last complete month,
/// 年报 to this year — and <paramref name="problem"/> says so in Chinese.</summary>
public static class ReportPeriodQuery
{
    public static ReportPeriod? Parse(string? kind, string? month, string? year, DateOnly today, out string? problem)
    {
        problem = null;
        switch (kind?.Trim().ToLowerInvariant())
        {
            case null or "" or "week":
                return null;
            case "month":
                var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
                var m = lastMonth;
                if (!string.IsNullOrWhiteSpace(month))
                {
                    if (!DateOnly.TryParseExact(month.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out m) || m.Year < 2000)
                    {
                        problem = $"参数 month=「{month}」不是 yyyy-MM 格式的月份，已显示上一个完整月。";
                        m = lastMonth;
                    }
                    else if (m > today)
                    {
                        problem = $"{m:yyyy年M月}尚未开始，已显示上一个完整月。";
                        m = lastMonth;
                    }
                }
                return ReportPeriod.Month(m.Year, m.Month, today);
            case "year":
                var y = today.Year;
                if (!string.IsNullOrWhiteSpace(year))
                {
                    if (!int.TryParse(year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out y) || y < 2000)
                    {
                        problem = $"参数 year=「{year}」不是四位年份，已显示今年。";
                        y = today.Year;
                    }
                    else if (y > today.Year)
                    {
                        problem = $"{y} 年尚未开始，已显示今年。";
                        y = today.Year;
                    }
                }
                return ReportPeriod.Year(y, today);
            default:
                problem = $"参数 kind=「{kind}」无法识别（可选 week、month、year），已显示周报。";
                return null;
        }
    }
}
