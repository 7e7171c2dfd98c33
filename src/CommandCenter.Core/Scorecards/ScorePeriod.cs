using System.Globalization;

namespace CommandCenter.Core.Scorecards;

public enum ScorePeriodKind
{
    Week,
    Month,
    Quarter,
    Year,
}

/// <summary>A 考核 period of whole Shanghai days: a Monday-to-Sunday week, a month, a quarter or a year.</summary>
public sealed record ScorePeriod
{
    private ScorePeriod(ScorePeriodKind kind, DateOnly first)
    {
        Kind = kind;
        First = first;
        Last = kind switch
        {
            ScorePeriodKind.Week => first.AddDays(6),
            ScorePeriodKind.Month => first.AddMonths(1).AddDays(-1),
            ScorePeriodKind.Quarter => first.AddMonths(3).AddDays(-1),
            _ => first.AddYears(1).AddDays(-1),
        };
    }

    public ScorePeriodKind Kind { get; }
    public DateOnly First { get; }
    public DateOnly Last { get; }

    /// <summary>The period of <paramref name="kind"/> containing <paramref name="day"/>.</summary>
    public static ScorePeriod Containing(ScorePeriodKind kind, DateOnly day) => new(kind, kind switch
    {
        ScorePeriodKind.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        ScorePeriodKind.Month => new DateOnly(day.Year, day.Month, 1),
        ScorePeriodKind.Quarter => new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1),
        _ => new DateOnly(day.Year, 1, 1),
    });

    public ScorePeriod Previous => Containing(Kind, First.AddDays(-1));
    public ScorePeriod Next => Containing(Kind, Last.AddDays(1));

    public string Label => Kind switch
    {
        ScorePeriodKind.Week => $"{First:yyyy-MM-dd} 至 {Last:yyyy-MM-dd}",
        ScorePeriodKind.Month => $"{First.Year}年{First.Month}月",
        ScorePeriodKind.Quarter => $"{First.Year}年第{(First.Month + 2) / 3}季度",
        _ => $"{First.Year}年",
    };

    public static string KindLabel(ScorePeriodKind kind) => kind switch
    {
        ScorePeriodKind.Week => "周",
        ScorePeriodKind.Month => "月",
        ScorePeriodKind.Quarter => "季度",
        _ => "年",
    };

    public string Code => Kind.ToString().ToLowerInvariant();

    public static ScorePeriodKind? ParseKind(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "week" => ScorePeriodKind.Week,
        "month" => ScorePeriodKind.Month,
        "quarter" => ScorePeriodKind.Quarter,
        "year" => ScorePeriodKind.Year,
        _ => null,
    };

    public static bool TryParseDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>A month written yyyy-MM (the bulletin's address).</summary>
    public static bool TryParseMonth(string? text, out ScorePeriod month)
    {
        month = null!;
        if (!DateOnly.TryParseExact(text?.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            return false;
        month = Containing(ScorePeriodKind.Month, first);
        return true;
    }
}
