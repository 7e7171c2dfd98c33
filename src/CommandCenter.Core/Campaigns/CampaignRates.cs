namespace CommandCenter.Core.Campaigns;

/// <summary>The one definition of a campaign's rates and of a grid's colour on the wall's campaign layer, used by
/// the desk page, the CSV, /trends and the wall alike. Every counter after the first counts a subset of the first
/// (the households found): its rate is its total over the first's, as in seed 002 — 878 群租户 认定, 713 约谈
/// (约谈率 81%), 387 自行整改 (整改率 44% = 387 / 878, not / 713).</summary>
public static class CampaignRates
{
    /// <summary>Counter <paramref name="ord"/>'s rate, or null for the base itself and while the base is 0.</summary>
    public static double? Rate(IReadOnlyList<int> totals, int ord) =>
        ord <= 0 || ord >= totals.Count || totals[0] == 0 ? null : (double)totals[ord] / totals[0];

    /// <summary>The campaign's headline figure for a grid: the last counter's rate (整改率: how far the task got);
    /// with a single counter, its share of the per-grid target; null when neither can be worked out.</summary>
    public static double? Headline(IReadOnlyList<int> totals, IReadOnlyList<CampaignCounter> counters)
    {
        if (counters.Count > 1) return Rate(totals, counters.Count - 1);
        return counters.Count == 1 && counters[0].GridTarget is { } t && totals.Count > 0 ? Math.Min(1.0, (double)totals[0] / t) : null;
    }

    /// <summary>Share of a per-grid target reached, capped at 100 %; null without a target.</summary>
    public static double? TargetShare(int total, int? target) => target is { } t and > 0 ? Math.Min(1.0, (double)total / t) : null;

    /// <summary>The layer colour band of a grid. <paramref name="reports"/> = 0: nothing reported yet.</summary>
    public static string Band(IReadOnlyList<int> totals, IReadOnlyList<CampaignCounter> counters, int reports)
    {
        if (reports == 0) return CampaignBands.None;
        if (totals.Count > 0 && totals[0] == 0 && counters.Count > 1) return CampaignBands.Empty;
        return Headline(totals, counters) switch
        {
            null => CampaignBands.Low,
            < 0.3 => CampaignBands.Low,
            < 0.6 => CampaignBands.Mid,
            < 0.9 => CampaignBands.High,
            _ => CampaignBands.Done,
        };
    }

    /// <summary>What <see cref="Headline"/> is called: "整改率", or "目标完成率" for a single counter.</summary>
    public static string HeadlineLabel(IReadOnlyList<CampaignCounter> counters) =>
        counters.Count > 1 ? counters[^1].RateLabel : "目标完成率";

    /// <summary>The wall layer: every target grid's band.</summary>
    public static IReadOnlyDictionary<string, string> Bands(Campaign campaign, IEnumerable<CampaignGridRow> grids) =>
        grids.ToDictionary(g => g.GridCode, g => Band(g.Totals, campaign.Counters, g.Reports), StringComparer.Ordinal);

    /// <summary>A rate as the pages show it: "81.2%", or "—" when there is none.</summary>
    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";
}

/// <summary>The colour bands of the campaign layer, with the legend's words. The wall's map script knows the same codes.</summary>
public static class CampaignBands
{
    public const string None = "none", Empty = "empty", Low = "low", Mid = "mid", High = "high", Done = "done";

    /// <summary>In legend order, with what the band means for a campaign whose headline is <paramref name="headline"/>.</summary>
    public static IReadOnlyList<(string Band, string Label)> Legend(string headline) =>
    [
        (Done, $"{headline} ≥ 90%"),
        (High, $"{headline} 60%–90%"),
        (Mid, $"{headline} 30%–60%"),
        (Low, $"{headline} < 30%"),
        (Empty, "已排查，无对象"),
        (None, "未上报"),
    ];
}
