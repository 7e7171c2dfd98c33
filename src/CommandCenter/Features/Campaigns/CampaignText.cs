using CommandCenter.Core.Campaigns;

namespace CommandCenter.Features.Campaigns;

/// <summary>How the desk pages and the CSV word a campaign's figures.</summary>
public static class CampaignText
{
    /// <summary>"排查户数 878 · 约谈 713（约谈率 81.2%）· 整改 387（整改率 44.1%）".</summary>
    public static string Progress(IReadOnlyList<CampaignCounter> counters, IReadOnlyList<int> totals) =>
        string.Join(" · ", counters.Select(c => c.Ord == 0
            ? $"{c.Label} {totals[c.Ord]}"
            : $"{c.Label} {totals[c.Ord]}（{c.RateLabel} {CampaignRates.Percent(CampaignRates.Rate(totals, c.Ord))}）"));
}
