namespace CommandCenter.Ingest.Validation;

/// <summary>A record that will not be stored as data: kept verbatim in <c>rejects</c> with its reason.</summary>
public sealed record RejectedRecord(int Line, string? ExternalId, string Raw, string Reason);
