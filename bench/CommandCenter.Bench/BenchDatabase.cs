using CommandCenter.Core.Data;
using CommandCenter.Core.Data.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommandCenter.Bench;

public static class BenchDatabase
{
    /// <summary>Drops and recreates a database named <paramref name="name"/>, migrated to the current schema.</summary>
    public static async Task<NpgsqlDataSource> CreateFreshAsync(BenchContext context, string name, CancellationToken ct)
    {
        await using (var admin = new NpgsqlConnection(context.AdminConnectionString))
        {
            await admin.OpenAsync(ct);
            await using (var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin))
                await drop.ExecuteNonQueryAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync(ct);
        }
        var ds = DataExtensions.CreateDataSource(context.ConnectionStringFor(name), "CommandCenter.Bench");
        await new MigrationRunner(ds, NullLogger<MigrationRunner>.Instance).ApplyAsync(ct);
        return ds;
    }
}
