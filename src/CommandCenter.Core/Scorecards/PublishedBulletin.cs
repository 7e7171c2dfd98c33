namespace CommandCenter.Core.Scorecards;

/// <summary>A published 通报: the content text exactly as stored at publishing, and who published it when.</summary>
public sealed record PublishedBulletin(string Month, int ScorecardVersion, string ContentJson, string Sha256, DateTimeOffset PublishedAt,
    string PublishedBy)
{
    public BulletinContent Content => BulletinContent.FromJson(ContentJson);
}
