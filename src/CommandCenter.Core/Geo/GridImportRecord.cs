namespace CommandCenter.Core.Geo;

/// <summary>A row of <c>grid_imports</c> for the import history.</summary>
public sealed record GridImportRecord(DateTimeOffset ImportedAt, string FileName, int GridCount, string Sha256);
