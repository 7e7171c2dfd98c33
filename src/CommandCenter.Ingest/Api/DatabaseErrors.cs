using System.Net.Sockets;
using Npgsql;

namespace CommandCenter.Ingest.Api;

/// <summary>Tells "the database is not there right now" (answer 503, the sender retries, nothing was
/// committed) from a genuine error.</summary>
public static class DatabaseErrors
{
    public static bool IsUnavailable(Exception ex) => ex switch
    {
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal)      // connection exception
                                || pg.SqlState.StartsWith("57P", StringComparison.Ordinal)   // admin/crash shutdown, cannot connect now
                                || pg.SqlState.StartsWith("53", StringComparison.Ordinal)    // insufficient resources (too many connections)
                                || pg.SqlState is "40001" or "40P01",                        // serialization failure, deadlock: retry
        NpgsqlException => true,   // socket closed, connect refused, timeout: not a statement error
        SocketException or TimeoutException => true,
        _ => ex.InnerException is not null && IsUnavailable(ex.InnerException),
    };
}
