using CommandCenter.Core.Geo;

namespace CommandCenter.Ingest.Validation;

/// <summary>A valid record of a batch with its line, its grid assignment (null when it has no
/// coordinates), an optional warning for the sender (stored, but flagged) and the bytes it came from
/// (empty for records built in-process, e.g. by the simulator), kept for the rejects table in case the
/// database refuses the record as stale.</summary>
public sealed record ParsedRecord<T>(int Line, T Record, GridAssignment? Location, string? Warning = null,
    ReadOnlyMemory<byte> Raw = default)
{
    public string RawText() => Raw.IsEmpty
        ? System.Text.Json.JsonSerializer.Serialize(Record, IngestJson.Options)
        : global::CommandCenter.Ingest.Validation.RawText.From(Raw.Span);
}
