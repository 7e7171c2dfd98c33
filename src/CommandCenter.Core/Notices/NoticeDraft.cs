namespace CommandCenter.Core.Notices;

/// <summary>A notice to write. <paramref name="OnceKey"/> makes an automatic notice idempotent (written at most once).</summary>
public sealed record NoticeDraft(long CaseId, string? UnitCode, string Kind, string Text, string CreatedBy, string? OnceKey = null);
