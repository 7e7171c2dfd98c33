namespace CommandCenter.Core.Ingest;

/// <summary>What happened to one record of a batch, as the sender is told.</summary>
public enum RecordStatus
{
    /// <summary>Stored (a new row, or a newer state of an existing one).</summary>
    Accepted,
    /// <summary>Already stored exactly in this version: nothing changed.</summary>
    Duplicate,
    /// <summary>Not stored as data; kept verbatim in the rejects table with <see cref="RecordOutcome.Reason"/>.</summary>
    Rejected,
}

/// <summary>The per-record answer: 1-based line (NDJSON line, or the line where a JSON-array element
/// starts), the record's external id when readable, and the reason for a rejection. A warning marks an
/// accepted record that was stored with a flag (e.g. coordinates that look swapped).</summary>
public sealed record RecordOutcome(int Line, string? ExternalId, RecordStatus Status, string? Reason = null,
    long? Id = null, string? Warning = null);
