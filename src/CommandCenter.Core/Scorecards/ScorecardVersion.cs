namespace CommandCenter.Core.Scorecards;

/// <summary>One saved version of the scorecard (versions are never changed; a save makes the next one).</summary>
public sealed record ScorecardVersion(int Version, ScorecardDefinition Definition, string Note, DateTimeOffset CreatedAt, string CreatedBy);
