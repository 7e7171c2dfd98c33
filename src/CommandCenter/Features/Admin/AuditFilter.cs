namespace CommandCenter.Features.Admin;

/// <summary>The audit page's search form.</summary>
public sealed class AuditFilter
{
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }
    public string? Actor { get; set; }
    public string? Action { get; set; }
    public string? Text { get; set; }
    /// <summary>"ok", "failed" or null for both.</summary>
    public string? Outcome { get; set; }
}
