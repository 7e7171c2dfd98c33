using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Ingest;

/// <summary>Limits of the ingest API and its validation (shared by Api, Validation and Writer, so it lives at the root), bound from the <c>Ingest</c> configuration section.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Largest accepted request body; larger ones get 413 before anything is parsed.</summary>
    [Range(1024, 1L << 31)]
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Most records in one request (one transaction). Split bigger deliveries.</summary>
    [Range(1, 1_000_000)]
    public int MaxRecordsPerBatch { get; set; } = 20_000;

    /// <summary>How far a timestamp may lie in the future (sender clocks drift); later ones are rejected.</summary>
    [Range(0, 24 * 60)]
    public int MaxFutureMinutes { get; set; } = 10;

    /// <summary>The Retry-After the API sends with 503 while the database is unreachable.</summary>
    [Range(1, 3600)]
    public int RetryAfterSeconds { get; set; } = 5;
}
