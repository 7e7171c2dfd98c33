namespace CommandCenter.Core.Photos;

/// <summary>One stored photo of a case, without its bytes (those are fetched by URL).</summary>
public sealed record PhotoInfo(long Id, long CaseId, DateTimeOffset UploadedAt, string UploadedBy, int Width, int Height);
