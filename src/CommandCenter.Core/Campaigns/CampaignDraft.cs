namespace CommandCenter.Core.Campaigns;

/// <summary>What the desk's create form sends. <see cref="Scope"/> picks the target grids: every grid, the grids of
/// <see cref="RegionCodes"/> (片区), or <see cref="GridCodes"/>.</summary>
public sealed record CampaignDraft(
    string? Title,
    string? Description,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    CampaignScope Scope,
    IReadOnlyList<string> RegionCodes,
    IReadOnlyList<string> GridCodes,
    IReadOnlyList<CampaignCounterDraft> Counters);

public sealed record CampaignCounterDraft(string? Label, int? GridTarget);

public enum CampaignScope { All, Regions, Grids }

/// <summary>A progress report for one grid: counts by counter label, each the change since the last report
/// (本次新增; negative to correct a mistake). <see cref="AllowedGrids"/>: the grids the reporter may report for
/// (a worker's own), null for an ingest source.</summary>
public sealed record CampaignReportDraft(
    long CampaignId,
    string GridCode,
    IReadOnlyDictionary<string, int> Counts,
    DateTimeOffset ReportedAt,
    string ReportedBy,
    string Source,
    string ExternalId,
    string? Note,
    IReadOnlyCollection<string>? AllowedGrids = null);

/// <summary>The answer to a report: accepted (with the grid's new totals), a repeat of one already stored, or refused
/// with a Chinese reason that names the field.</summary>
public sealed record CampaignReportOutcome(CampaignReportStatus Status, string? Reason = null, long? Id = null, IReadOnlyList<int>? Totals = null)
{
    public static CampaignReportOutcome Refused(string reason) => new(CampaignReportStatus.Refused, reason);
}

public enum CampaignReportStatus { Accepted, Duplicate, Refused }
