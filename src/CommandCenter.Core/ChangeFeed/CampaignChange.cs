namespace CommandCenter.Core.ChangeFeed;

/// <summary><see cref="ChangeKinds.Campaign"/>: a 专项任务 was created (<see cref="Created"/>), ended (<see cref="Ended"/>),
/// put on or taken off the walls (<see cref="Wall"/>), or a grid reported progress (<see cref="Progress"/>, with the grid).
/// Readers reload the campaign's few rows rather than trust the payload.</summary>
public sealed record CampaignChange(string Event, long CampaignId, IReadOnlyList<string> GridCodes) : ChangePayload
{
    public const string Created = "created";
    public const string Ended = "ended";
    public const string Wall = "wall";
    public const string Progress = "progress";
}
