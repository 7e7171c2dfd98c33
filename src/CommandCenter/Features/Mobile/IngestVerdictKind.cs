namespace CommandCenter.Features.Mobile;

public enum IngestVerdictKind
{
    /// <summary>Committed (new, or a duplicate of a record committed before).</summary>
    Accepted,
    /// <summary>Read but refused: the record is kept in the rejects list; correct it and send again.</summary>
    Rejected,
    /// <summary>The service or its database was not reached or answered with an error: nothing stored.</summary>
    Unavailable,
}
