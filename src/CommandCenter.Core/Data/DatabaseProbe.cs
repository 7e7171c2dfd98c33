using Npgsql;

namespace CommandCenter.Core.Data;

/// <summary>Answers "can we use this database?" with a sentence an operator can act on: which host and
/// port, and what is missing (the server, the database, PostGIS).</summary>
public sealed class DatabaseProbe(NpgsqlDataSource dataSource)
{
    public async Task<DatabaseStatus> CheckAsync(CancellationToken ct)
    {
        var csb = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        var where = $"{csb.Host}:{csb.Port}/{csb.Database}";
        try
        {
            await using var conn = await dataSource.OpenConnectionAsync(ct);
            await using var cmd = new NpgsqlCommand("""
                SELECT (SELECT extversion FROM pg_extension WHERE extname = 'postgis'),
                       (SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis') > 0,
                       to_regclass('public.schema_migrations') IS NOT NULL
                """, conn);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var postgis = reader.IsDBNull(0) ? null : reader.GetString(0);
            var available = reader.GetBoolean(1);
            var hasSchema = reader.GetBoolean(2);
            await reader.CloseAsync();
            int? version = null;
            if (hasSchema)
            {
                await using var v = new NpgsqlCommand("SELECT max(version) FROM schema_migrations", conn);
                var o = await v.ExecuteScalarAsync(ct);
                version = o is int i ? i : null;
            }
            string? problem = postgis is not null ? null
                : available ? $"the database {where} does not have the PostGIS extension yet (CREATE EXTENSION postgis needs a superuser once)"
                : $"the server at {csb.Host}:{csb.Port} has no PostGIS installed (install postgresql-XX-postgis-3 there)";
            return new DatabaseStatus(true, where, postgis, available, version, problem);
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return new DatabaseStatus(false, where, null, false, null,
                $"cannot reach PostgreSQL at {where}: {ex.Message}");
        }
    }
}

public sealed record DatabaseStatus(bool Reachable, string Where, string? PostGisVersion, bool PostGisAvailable,
    int? SchemaVersion, string? Problem)
{
    public bool Healthy => Reachable && Problem is null;
}
