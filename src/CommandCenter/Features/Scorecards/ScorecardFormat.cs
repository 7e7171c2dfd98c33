using System.Globalization;
using CommandCenter.Core.Scorecards;

namespace CommandCenter.Features.Scorecards;

/// <summary>How scores read on the pages, the bulletin and in CSV.</summary>
public static class ScorecardFormat
{
    public static string Points(decimal points) => points.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>"+2.50" / "-1.00" / "0.00" against last period; "新上榜" when the unit was not ranked then.</summary>
    public static string Change(decimal? change) => change switch
    {
        null => "新上榜",
        > 0 => "+" + Points(change.Value),
        _ => Points(change.Value),
    };

    /// <summary>▲2 / ▼1 / ＝ places (positive = moved up).</summary>
    public static string RankChange(int? change) => change switch
    {
        null => "—",
        > 0 => $"▲{change}",
        < 0 => $"▼{-change}",
        _ => "＝",
    };

    /// <summary>An item's value as read: a rate in percent, the 签收 time in hours, a count as a number.</summary>
    public static string Value(string metric, double? value) => value switch
    {
        null => "—",
        { } v when metric is ScoreMetric.OnTimeRate or ScoreMetric.SatisfactionRate or ScoreMetric.ClosureRate =>
            (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%",
        { } v when metric == ScoreMetric.SignHours => v.ToString("0.0", CultureInfo.InvariantCulture) + " 小时",
        { } v => v.ToString("0", CultureInfo.InvariantCulture),
    };
}
