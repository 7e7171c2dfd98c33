namespace CommandCenter.Features.Mobile;

/// <summary>What the ingest service said about the one record /m sent: accepted (or already there, for
/// a retry of a post whose answer was lost) with the row id, rejected with the reason in Chinese, or not
/// reached at all — then nothing was stored and the same record can be sent again.</summary>
public sealed record IngestVerdict(IngestVerdictKind Kind, long? Id, string Message)
{
    public bool Stored => Kind == IngestVerdictKind.Accepted;
}
