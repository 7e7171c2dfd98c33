namespace CommandCenter.Ingest.Validation;

/// <summary>The three kinds of record ingest takes; the name is the API path and the rejects' stream.</summary>
public enum IngestStream
{
    Incidents,
    Patrols,
    Mediations,
}
