namespace CommandCenter.Core.Ingest;

/// <summary>A refused ingest record as the rejects page shows it (the raw text with personal data masked).</summary>
public sealed record RejectRow(long Id, DateTimeOffset ReceivedAt, string? Source, string Stream, int? Line, string Reason, string Raw);
