namespace CommandCenter.Core.Notices;

/// <summary>A row of <c>notices</c> with its case's title. <see cref="UnitCode"/> null: a notice to the center.</summary>
public sealed record Notice(
    long Id,
    long CaseId,
    string CaseTitle,
    string? UnitCode,
    string Kind,
    string Text,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? ReadAt,
    string? ReadBy)
{
    public bool IsRead => ReadAt is not null;
}
