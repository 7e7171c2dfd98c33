namespace CommandCenter.Core.Ingest;

/// <summary>The rejects page's filters; all optional.</summary>
public sealed class RejectsQuery
{
    public string? Source { get; set; }
    public string? Stream { get; set; }
    public string? Text { get; set; }
}
