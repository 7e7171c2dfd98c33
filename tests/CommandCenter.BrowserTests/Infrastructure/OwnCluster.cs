using CommandCenter.Core.Data.Migrations;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommandCenter.BrowserTests.Infrastructure;

/// <summary>A PostgreSQL cluster of its own (scripts/pg.sh in a folder of the checkout) for a test that
/// stops and restarts the database server; it comes back on the same port, as a real restart would.</summary>
public sealed class OwnCluster : IAsyncDisposable
{
    private readonly string _dir = Path.Combine(TestCluster.RepoRoot, ".data", $"browser-pg-{Guid.NewGuid():N}"[..24]);
    private int _port;

    public string ConnectionString { get; private set; } = "";

    public async Task StartAsync()
    {
        var cs = await PgShAsync("start", _dir, _port == 0 ? "auto" : _port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        ConnectionString = new NpgsqlConnectionStringBuilder(cs.Trim().Split('\n')[^1]) { Pooling = true }.ConnectionString;
        _port = new NpgsqlConnectionStringBuilder(ConnectionString).Port;
    }

    public async Task MigrateAsync()
    {
        await using var ds = NpgsqlDataSource.Create(ConnectionString);
        await new MigrationRunner(ds, NullLogger<MigrationRunner>.Instance).ApplyAsync(CancellationToken.None);
    }

    public Task StopAsync() => PgShAsync("stop", _dir);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static Task<string> PgShAsync(params string[] args) => PgScript.RunAsync(args);
}
