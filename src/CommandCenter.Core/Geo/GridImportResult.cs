namespace CommandCenter.Core.Geo;

public enum GridImportOutcome
{
    /// <summary>The file replaced the grids (one transaction).</summary>
    Imported,
    /// <summary>The same file (by SHA-256) is already the live one: nothing was written.</summary>
    Unchanged,
    /// <summary>The file has problems (see the report); the previous grids are untouched.</summary>
    Refused,
}

/// <summary>What <see cref="GridImporter"/> did with a file, and the check report behind it.</summary>
public sealed record GridImportResult(GridImportOutcome Outcome, GridFileReport Report, string Sha256, long ImportId);
