namespace CommandCenter.Ingest.Validation;

/// <summary>One batch after validation: the valid records in line order and the rejected ones.</summary>
public sealed class ParsedBatch<T>
{
    public List<ParsedRecord<T>> Valid { get; } = [];
    public List<RejectedRecord> Rejected { get; } = [];
    public int Count => Valid.Count + Rejected.Count;
}
