namespace CommandCenter.Ingest.Validation;

/// <summary>One record's bytes as received, with its 1-based line number in the request body or file.</summary>
public readonly record struct RawRecord(int Line, ReadOnlyMemory<byte> Bytes);
