namespace CommandCenter.Core.Photos;

/// <summary>The answer to attaching photos to a case: the new photo ids, or why none were stored
/// (unknown case, or the per-case limit). All or nothing: a partial set is never attached.</summary>
public sealed record PhotoUpload(IReadOnlyList<long> Ids, string? Refusal)
{
    public bool Stored => Refusal is null;
}
