using CommandCenter.Core.Geo;

namespace CommandCenter.Ingest.Writer;

/// <summary>A valid record of a batch with its line, its grid assignment (null when it has no
/// coordinates), an optional warning for the sender (stored, but flagged) and the bytes it came from
/// (empty for records built in-process, e.g. by the simulator), kept for the rejects table in case the
/// database refuses the record as stale.</summary>
public sealed record ParsedRecord<T>(int Line, T Record, GridAssignment? Location, string? Warning = null,
    ReadOnlyMemory<byte> Raw = default)
{
    public string RawText() => Raw.IsEmpty
        ? System.Text.Json.JsonSerializer.Serialize(Record, Api.IngestJson.Options)
        : Api.RawText.From(Raw.Span);
}

/// <summary>A record that will not be stored as data: kept verbatim in <c>rejects</c> with its reason.</summary>
public sealed record RejectedRecord(int Line, string? ExternalId, string Raw, string Reason);

/// <summary>One batch after validation: the valid records in line order and the rejected ones.</summary>
public sealed class ParsedBatch<T>
{
    public List<ParsedRecord<T>> Valid { get; } = [];
    public List<RejectedRecord> Rejected { get; } = [];
    public int Count => Valid.Count + Rejected.Count;
}
