using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommandCenter.Core.Data.Migrations;

/// <summary>Applies the numbered SQL migrations, each in its own transaction, recorded in
/// <c>schema_migrations</c>. Several processes may start at once (web, ingest, a second node): a
/// session advisory lock makes them take turns, and the later ones find nothing left to do.</summary>
public sealed class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    // Arbitrary constant shared by every process of this product: "CCMIGRAT".
    private const long LockKey = 0x43434D4947524154;

    public Task<int> ApplyAsync(CancellationToken ct) => ApplyAsync(Migration.Embedded(), ct);

    /// <returns>the number of migrations applied by this call (0 when the schema was current).</returns>
    public async Task<int> ApplyAsync(IReadOnlyList<Migration> migrations, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await Exec(conn, "SELECT pg_advisory_lock(@k)", ct, LockKey);
        try
        {
            await Exec(conn, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, ct);
            var applied = new Dictionary<int, (string Name, string Checksum)>();
            await using (var cmd = new NpgsqlCommand("SELECT version, name, checksum FROM schema_migrations", conn))
            await using (var r = await cmd.ExecuteReaderAsync(ct))
                while (await r.ReadAsync(ct))
                    applied[r.GetInt32(0)] = (r.GetString(1), r.GetString(2));

            var count = 0;
            foreach (var m in migrations.OrderBy(x => x.Version))
            {
                if (applied.TryGetValue(m.Version, out var done))
                {
                    if (done.Checksum != m.Checksum)
                        throw new MigrationException(
                            $"Migration {m.FileName} was changed after it was applied to this database. " +
                            "Applied migrations are never edited: put the change in a new numbered file.");
                    continue;
                }
                await ApplyOneAsync(conn, m, ct);
                count++;
            }
            // The data source loaded its type list when it first connected, possibly before a migration
            // created PostGIS: without a reload the geometry columns would not map to NetTopologySuite.
            if (count > 0) await conn.ReloadTypesAsync(ct);
            return count;
        }
        finally
        {
            await Exec(conn, "SELECT pg_advisory_unlock(@k)", CancellationToken.None, LockKey);
        }
    }

    private async Task ApplyOneAsync(NpgsqlConnection conn, Migration m, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            await using (var cmd = new NpgsqlCommand(m.Sql, conn, tx))
                await cmd.ExecuteNonQueryAsync(ct);
            await using (var rec = new NpgsqlCommand(
                "INSERT INTO schema_migrations (version, name, checksum) VALUES (@v, @n, @c)", conn, tx))
            {
                rec.Parameters.AddWithValue("v", m.Version);
                rec.Parameters.AddWithValue("n", m.Name);
                rec.Parameters.AddWithValue("c", m.Checksum);
                await rec.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
            logger.LogInformation("Applied migration {Migration}", m.FileName);
        }
        catch (PostgresException ex)
        {
            await tx.RollbackAsync(CancellationToken.None);
            var where = ex.Position > 0 ? $" (at character {ex.Position})" : "";
            throw new MigrationException(
                $"Migration {m.FileName} failed and was rolled back; the database is as it was before it. " +
                $"PostgreSQL said: {ex.MessageText}{where}", ex);
        }
    }

    private static async Task Exec(NpgsqlConnection conn, string sql, CancellationToken ct, long? key = null)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        if (key is { } k) cmd.Parameters.AddWithValue("k", k);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
