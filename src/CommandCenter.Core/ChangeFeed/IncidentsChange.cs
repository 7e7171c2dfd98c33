using System.Text.Json.Serialization;

namespace CommandCenter.Core.ChangeFeed;

/// <summary><see cref="ChangeKinds.Incidents"/>: the cases an ingest batch created or updated.</summary>
/// <param name="CreatedCaseIds">the cases this batch created (a subset of <paramref name="CaseIds"/>), so a reader
/// by position (the hub) can tell new cases from updated ones. Optional and null in entries written before it
/// existed, so those still deserialize and reach every other reader.</param>
public sealed record IncidentsChange(
    IReadOnlyList<long> CaseIds,
    IReadOnlyList<string> Grids,
    string Source,
    int Created,
    int Updated,
    IReadOnlyList<long> UrgentCaseIds,
    // Left out when null, so an entry without it keeps the first version's wire shape.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<long>? CreatedCaseIds = null) : ChangePayload
{
    public override bool TouchesCase(long caseId) => CaseIds.Contains(caseId);
}
