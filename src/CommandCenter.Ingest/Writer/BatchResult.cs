using CommandCenter.Core.Ingest;

namespace CommandCenter.Ingest.Writer;

/// <summary>The committed outcome of one batch: per record (in line order) and the change-log position
/// of the batch (null when nothing changed, e.g. a repeated delivery).</summary>
public sealed class BatchResult(IReadOnlyList<RecordOutcome> outcomes, long? changePosition)
{
    public IReadOnlyList<RecordOutcome> Outcomes { get; } = outcomes.OrderBy(o => o.Line).ToList();
    public long? ChangePosition { get; } = changePosition;
    public int Accepted => Outcomes.Count(o => o.Status == RecordStatus.Accepted);
    public int Duplicate => Outcomes.Count(o => o.Status == RecordStatus.Duplicate);
    public int Rejected => Outcomes.Count(o => o.Status == RecordStatus.Rejected);
}
