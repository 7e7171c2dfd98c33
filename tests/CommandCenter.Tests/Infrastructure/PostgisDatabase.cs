using CommandCenter.Core.Data.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommandCenter.Tests.Infrastructure;

/// <summary>A fresh, migrated PostGIS database for one test class (use as <c>IClassFixture</c>).
/// Cloned from a template database that is migrated once per schema version, so a class gets its
/// own isolated data in well under a second and never sees rows other classes made.</summary>
public class PostgisDatabase : IAsyncLifetime
{
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? _template;

    public string Name { get; } = $"cc_test_{Guid.NewGuid():N}"[..24];
    public string ConnectionString => TestCluster.ConnectionStringFor(Name);
    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        var template = await EnsureTemplateAsync();
        await using (var admin = new NpgsqlConnection(TestCluster.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\" TEMPLATE \"{template}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        DataSource = CommandCenter.Core.Data.DataExtensions.CreateDataSource(ConnectionString, "CommandCenter.Tests");
    }

    public virtual async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestCluster.AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Creates an empty database with only PostGIS (for tests of the migration runner itself).</summary>
    public static async Task<string> CreateEmptyAsync(string name)
    {
        await using var admin = new NpgsqlConnection(TestCluster.AdminConnectionString);
        await admin.OpenAsync();
        await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin))
            await create.ExecuteNonQueryAsync();
        return TestCluster.ConnectionStringFor(name);
    }

    public static async Task DropAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestCluster.AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<string> EnsureTemplateAsync()
    {
        if (_template is not null) return _template;
        await TemplateGate.WaitAsync();
        try
        {
            if (_template is not null) return _template;
            var migrations = Migration.Embedded();
            // Named after the schema it holds: a changed migration makes a new template, never a stale one.
            var hash = string.Concat(migrations.Select(m => m.Checksum)).GetHashCode(StringComparison.Ordinal);
            var name = $"cc_template_{migrations[^1].Version}_{(uint)hash:x8}";
            await using var admin = new NpgsqlConnection(TestCluster.AdminConnectionString);
            await admin.OpenAsync();
            // Several test processes may run at once (one per test project): take turns.
            await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_lock(4242)", admin))
                await lockCmd.ExecuteNonQueryAsync();
            try
            {
                await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", admin);
                exists.Parameters.AddWithValue("n", name);
                if (await exists.ExecuteScalarAsync() is null)
                {
                    await using (var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin))
                        await create.ExecuteNonQueryAsync();
                    await using var ds = NpgsqlDataSource.Create(TestCluster.ConnectionStringFor(name));
                    await new MigrationRunner(ds, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
                }
            }
            finally
            {
                await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(4242)", admin);
                await unlock.ExecuteNonQueryAsync();
            }
            NpgsqlConnection.ClearAllPools(); // a template must have no open connections when cloned
            return _template = name;
        }
        finally
        {
            TemplateGate.Release();
        }
    }
}
