namespace CommandCenter.Features.Admin;

/// <summary>The audit page's search form. Times are Beijing wall-clock: a day and an optional time of day
/// (a 起 without a time starts at 00:00, a 止 without a time covers its whole day).</summary>
public sealed class AuditFilter
{
    public DateOnly? FromDay { get; set; }
    public TimeSpan? FromTime { get; set; }
    public DateOnly? ToDay { get; set; }
    public TimeSpan? ToTime { get; set; }
    public string? Actor { get; set; }
    public string? Action { get; set; }
    public string? Text { get; set; }
    /// <summary>"ok", "failed" or null for both.</summary>
    public string? Outcome { get; set; }

    public DateTime? From => FromDay?.ToDateTime(TimeOnly.MinValue) + (FromTime ?? TimeSpan.Zero);

    public DateTime? To => ToDay is { } d ? d.ToDateTime(TimeOnly.MinValue) + (ToTime ?? TimeSpan.FromDays(1)) : null;
}
