namespace CommandCenter.Core.Data.Migrations;

/// <summary>A migration could not be applied; the message names the file and the database is left as
/// it was before that file.</summary>
public sealed class MigrationException(string message, Exception? inner = null) : Exception(message, inner);
