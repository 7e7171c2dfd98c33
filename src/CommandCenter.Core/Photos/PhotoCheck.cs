namespace CommandCenter.Core.Photos;

/// <summary>The verdict on one upload: the processed photo, or the reason (in Chinese, for the person
/// who chose the file) it was refused.</summary>
public sealed record PhotoCheck(string FileName, ProcessedPhoto? Photo, string? Reason)
{
    public bool Accepted => Photo is not null;
    public static PhotoCheck Refused(string fileName, string reason) => new(fileName, null, reason);
}
