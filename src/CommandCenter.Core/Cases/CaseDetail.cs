using CommandCenter.Core.Privacy;

namespace CommandCenter.Core.Cases;

/// <summary>Everything the case page shows: the case, where it is, its timeline, 吹哨 departments,
/// mediations and the duplicates merged into it.</summary>
public sealed record CaseDetail
{
    public required CaseState State { get; init; }
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    public required string CategoryName { get; init; }
    /// <summary>The grid worker who reported the case (网格员巡查上报), named from the roster; null when no worker did.</summary>
    public Patrols.WorkerRef? ReportingWorker { get; init; }
    public required string Source { get; init; }
    public required string ExternalId { get; init; }
    public required string Channel { get; init; }
    public string? Address { get; init; }
    public double? Longitude { get; init; }
    public double? Latitude { get; init; }
    public string? LocationFlag { get; init; }
    public string? GridName { get; init; }
    public string? CommunityName { get; init; }
    public string? RegionName { get; init; }
    /// <summary>The grid outline as GeoJSON geometry text, for the small map.</summary>
    public string? GridGeoJson { get; init; }
    public string? ReporterName { get; init; }
    public string? ReporterPhone { get; init; }
    public DateTimeOffset ReportedAt { get; init; }
    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];
    public IReadOnlyList<MediationEntry> Mediations { get; init; } = [];
    public IReadOnlyList<long> Duplicates { get; init; } = [];

    /// <summary>The same case as anyone who has not asked to see personal data may read it: reporter,
    /// phone and every phone or ID number written into the title, address, description, notes, reports
    /// and agreements masked (design invariant 6).</summary>
    public CaseDetail Masked() => this with
    {
        Title = Masking.FreeText(Title) ?? "",
        Description = Masking.FreeText(Description) ?? "",
        Address = Masking.FreeText(Address),
        ReporterName = Masking.Name(ReporterName),
        ReporterPhone = Masking.Phone(ReporterPhone),
        State = State with { Summons = [.. State.Summons.Select(m => m with { Report = Masking.FreeText(m.Report) })] },
        Timeline = [.. Timeline.Select(e => e with { Note = Masking.FreeText(e.Note) })],
        Mediations = [.. Mediations.Select(m => m with { Agreement = Masking.FreeText(m.Agreement) })],
    };

    public sealed record TimelineEntry(DateTimeOffset At, string Actor, string Action, string? FromStatus, string? ToStatus, string? Note);

    public sealed record MediationEntry(string MediatorType, string Level, string? Outcome, string? FailureRoute, string? Agreement,
        DateTimeOffset StartedAt, DateTimeOffset? EndedAt);
}
