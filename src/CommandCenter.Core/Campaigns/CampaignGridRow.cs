namespace CommandCenter.Core.Campaigns;

/// <summary>A target grid's current totals (zeros and <see cref="Reports"/> = 0 until it reports).</summary>
public sealed record CampaignGridRow(
    string GridCode,
    string GridName,
    string? RegionName,
    IReadOnlyList<int> Totals,
    int Reports,
    DateTimeOffset? LastReportAt,
    string? LastReportedBy);

/// <summary>A campaign with its totals over all target grids.</summary>
public sealed record CampaignSummary(Campaign Campaign, IReadOnlyList<int> Totals, int GridsReported)
{
    public double? Rate(int ord) => CampaignRates.Rate(Totals, ord);
}

/// <summary>One report in the history: what it changed and the grid's totals after it.</summary>
public sealed record CampaignReportLine(
    long Id,
    string GridCode,
    string GridName,
    IReadOnlyList<int> Deltas,
    IReadOnlyList<int> Totals,
    DateTimeOffset ReportedAt,
    string ReportedBy,
    string Source,
    string Note);
