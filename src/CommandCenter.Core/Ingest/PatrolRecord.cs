namespace CommandCenter.Core.Ingest;

/// <summary>One validated grid-worker patrol event (网格巡查). Immutable once stored: a second delivery
/// of the same (source, external id) is a duplicate.</summary>
public sealed record PatrolRecord
{
    public const string Start = "start";
    public const string CheckIn = "check-in";
    public const string Visit = "visit";
    public const string End = "end";
    public static IReadOnlyList<string> Kinds { get; } = [Start, CheckIn, Visit, End];

    public required string ExternalId { get; init; }
    public required string WorkerId { get; init; }
    public required string WorkerName { get; init; }
    public required string Kind { get; init; }
    public required DateTimeOffset At { get; init; }
    public double? Longitude { get; init; }
    public double? Latitude { get; init; }
    public string? Note { get; init; }
}
