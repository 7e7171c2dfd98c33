namespace CommandCenter.Core.ChangeFeed;

/// <summary><see cref="ChangeKinds.Categories"/>: the category codes an administrator changed.</summary>
public sealed record CategoriesChange(IReadOnlyList<string> Codes) : ChangePayload;
