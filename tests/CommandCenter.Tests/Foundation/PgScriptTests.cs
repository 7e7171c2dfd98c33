using System.Net;
using System.Net.Sockets;
using CommandCenter.Tests.Infrastructure;
using Npgsql;

namespace CommandCenter.Tests.Foundation;

/// <summary>scripts/pg.sh, the local PostGIS that run.sh and test.sh start: a real cluster in a
/// folder of its own, started, reused, refused on a busy port, and stopped.</summary>
public sealed class PgScriptTests : IDisposable
{
    private readonly string _dir = Path.Combine(TestCluster.RepoRoot, ".data", $"pgscript-{Guid.NewGuid():N}"[..18]);

    public void Dispose()
    {
        Run("stop", _dir);
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static PgScriptResult Run(params string[] args) => PgScript.ExecAsync(args).GetAwaiter().GetResult();

    [Fact]
    public async Task Start_creates_a_postgis_database_reuses_it_on_a_second_start_and_stop_ends_it()
    {
        var first = Run("start", _dir, "auto");
        Assert.True(first.Code == 0, first.Err);

        await using (var conn = new NpgsqlConnection(first.Out))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("SELECT postgis_version()", conn);
            Assert.StartsWith("3.", (string)(await cmd.ExecuteScalarAsync())!);
        }

        var second = Run("start", _dir, "auto");
        Assert.Equal(0, second.Code);
        Assert.Equal(first.Out, second.Out);
        Assert.Contains("reusing", second.Err);

        Assert.StartsWith("running", Run("status", _dir).Out);
        Assert.Equal(0, Run("stop", _dir).Code);
        var status = Run("status", _dir);
        Assert.Equal(3, status.Code);
        Assert.Equal("stopped", status.Out);
    }

    [Fact]
    public void Start_on_a_busy_port_says_which_port_and_fails()
    {
        using var blocker = new TcpListener(IPAddress.Loopback, 0);
        blocker.Start();
        var port = ((IPEndPoint)blocker.LocalEndpoint).Port;

        var result = Run("start", _dir, port.ToString());

        Assert.NotEqual(0, result.Code);
        Assert.Contains($"port {port}", result.Err);
        Assert.Contains("already in use", result.Err);
    }

    // Issue 12, finding 5: a restarted cluster came back on a new free port, so the services that were
    // pointed at the old one lost their database.
    [Fact]
    public void A_stopped_cluster_started_again_without_a_port_comes_back_on_the_port_it_had()
    {
        var first = Run("start", _dir, "auto");
        Assert.True(first.Code == 0, first.Err);
        Assert.Equal(0, Run("stop", _dir).Code);

        var again = Run("start", _dir);

        Assert.True(again.Code == 0, again.Err);
        Assert.Equal(first.Out, again.Out);
    }

    [Fact]
    public void A_cluster_whose_old_port_is_taken_says_so_instead_of_moving_silently()
    {
        var first = Run("start", _dir, "auto");
        Assert.True(first.Code == 0, first.Err);
        Assert.Equal(0, Run("stop", _dir).Code);
        var port = new NpgsqlConnectionStringBuilder(first.Out).Port;
        using var blocker = new TcpListener(IPAddress.Loopback, port);
        blocker.Start();

        var again = Run("start", _dir);

        Assert.NotEqual(0, again.Code);
        Assert.Contains($"port {port}", again.Err);
    }
}
