using System.Globalization;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Trends;
using Microsoft.AspNetCore.WebUtilities;

namespace CommandCenter.Features.Trends;

/// <summary>What a leader asked for, as it travels in the URL (so a view can be bookmarked, printed and
/// exported as shown): a date range with a granularity, and a drill-down scope 片区 → 村居 → 网格. The
/// "focus week" — the week of the requested end day <paramref name="End"/> (the range itself is widened to
/// whole buckets, a month range may end in the future) — is what the cards and tables compare with the
/// week before.</summary>
public sealed record TrendFilter(TrendRange Range, KpiScope Scope, DateOnly End)
{
    public const int DefaultWeeks = 12;

    public TrendFilter(TrendRange range, KpiScope scope) : this(range, scope, range.To) { }

    public DateOnly FocusWeek => TrendRange.BucketOf(End, TrendGranularity.Week);
    public DateOnly FocusWeekEnd => FocusWeek.AddDays(6);
    public DateOnly PreviousWeek => FocusWeek.AddDays(-7);

    /// <summary>Reads from/to (yyyy-MM-dd), gran (day|week|month), region, community, grid. Missing or
    /// unreadable values fall back to the last <see cref="DefaultWeeks"/> weeks up to <paramref name="today"/>;
    /// <paramref name="problem"/> says what was ignored.</summary>
    public static TrendFilter Parse(string? from, string? to, string? gran, string? region, string? community,
        string? grid, DateOnly today, out string? problem)
    {
        problem = null;
        var granularity = gran?.ToLowerInvariant() switch
        {
            "day" => TrendGranularity.Day,
            "month" => TrendGranularity.Month,
            _ => TrendGranularity.Week,
        };
        var end = Date(to, "结束日期", ref problem) ?? today;
        var start = Date(from, "开始日期", ref problem) ?? end.AddDays(-7 * DefaultWeeks + 1);
        if (start > end)
        {
            problem = $"开始日期 {start:yyyy-MM-dd} 晚于结束日期 {end:yyyy-MM-dd}，已对调。";
            (start, end) = (end, start);
        }
        if (end.DayNumber - start.DayNumber > 366 * 5)
        {
            problem = "日期范围超过五年，已截取最近五年。";
            start = end.AddYears(-5);
        }
        var scope = new KpiScope(Blank(region), Blank(community), Blank(grid));
        return new TrendFilter(new TrendRange(start, end, granularity), scope, end);
    }

    public static string GranularityName(TrendGranularity g) => g switch
    {
        TrendGranularity.Day => "day",
        TrendGranularity.Month => "month",
        _ => "week",
    };

    /// <summary>Query string for this filter with another scope (drill-down links) or path.</summary>
    public string Url(string path, KpiScope? scope = null)
    {
        var s = scope ?? Scope;
        var q = new Dictionary<string, string?>
        {
            ["from"] = Range.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["gran"] = GranularityName(Range.Granularity),
        };
        if (s.RegionCode is not null) q["region"] = s.RegionCode;
        if (s.CommunityCode is not null) q["community"] = s.CommunityCode;
        if (s.GridCode is not null) q["grid"] = s.GridCode;
        return QueryHelpers.AddQueryString(path, q);
    }

    private static DateOnly? Date(string? text, string label, ref string? problem)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        problem = $"{label}「{text}」不是 yyyy-MM-dd 格式的日期，已使用默认值。";
        return null;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
