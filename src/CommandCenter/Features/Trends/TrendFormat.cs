using System.Globalization;
using CommandCenter.Core.Trends;

namespace CommandCenter.Features.Trends;

/// <summary>How trend numbers read on the page, the report and in CSV: rates as percentages with one
/// decimal ("—" when there is nothing to rate), changes as arrows.</summary>
public static class TrendFormat
{
    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    /// <summary>A rate as a plain number of percent for CSV ("" when undefined), so Excel can compute with it.</summary>
    public static string PercentNumber(double? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) : "";

    public static string Number(double? value, string format = "0.0") =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";

    public static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Bucket(DateOnly d, TrendGranularity g) => g switch
    {
        TrendGranularity.Month => d.ToString("yyyy年M月", CultureInfo.InvariantCulture),
        TrendGranularity.Week => d.ToString("M月d日", CultureInfo.InvariantCulture) + "周",
        _ => d.ToString("M月d日", CultureInfo.InvariantCulture),
    };

    public static string Time(DateTimeOffset? t) =>
        t is { } v ? Core.Time.Shanghai.ToLocal(v).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    /// <summary>▲ / ▼ / ＝ comparing this period's value with the last one's.</summary>
    public static string Arrow(double? now, double? before) =>
        now is null || before is null ? "" : now > before + 1e-9 ? "▲" : now < before - 1e-9 ? "▼" : "＝";

    /// <summary>Rank movement: a smaller rank number is a higher place (more cases).</summary>
    public static string RankArrow(int rank, int previous) =>
        rank < previous ? $"▲{previous - rank}" : rank > previous ? $"▼{rank - previous}" : "＝";

    public static string Level(AreaLevel level) => level switch
    {
        AreaLevel.Region => "片区",
        AreaLevel.Community => "村居",
        _ => "网格",
    };
}
