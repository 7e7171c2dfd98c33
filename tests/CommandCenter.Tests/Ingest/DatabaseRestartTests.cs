using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;
using CommandCenter.Core.Data.Migrations;
using CommandCenter.Core.Ingest;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static CommandCenter.Tests.Ingest.Records;

namespace CommandCenter.Tests.Ingest;

/// <summary>The database goes away in the middle of a stream and comes back: while it is down the API
/// answers 503 with Retry-After; afterwards every acknowledged record is there, none twice. Runs on a
/// cluster of its own, because it stops and starts it.</summary>
public sealed class DatabaseRestartTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(TestCluster.RepoRoot, ".data", "test-pg-restart");
    private readonly int _port = FreePortOutsideEphemeralRange();
    private string _connectionString = "";

    public async Task InitializeAsync()
    {
        var url = (await PgAsync("start", _dir, _port.ToString())).Trim().Split('\n').Last();
        _connectionString = new NpgsqlConnectionStringBuilder(url) { Timeout = 3, CommandTimeout = 30 }.ConnectionString;
        await using var ds = NpgsqlDataSource.Create(_connectionString);
        // A cluster left over from an earlier run may hold old data: start from an empty schema.
        await using (var drop = ds.CreateCommand("DROP SCHEMA public CASCADE; CREATE SCHEMA public; CREATE EXTENSION postgis"))
            await drop.ExecuteNonQueryAsync();
        await new MigrationRunner(ds, NullLogger<MigrationRunner>.Instance).ApplyAsync(default);
        await TestGrids.InsertAsync(ds);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await PgAsync("stop", _dir);
    }

    [Fact]
    public async Task A_restart_mid_stream_loses_no_acknowledged_record_and_duplicates_none()
    {
        await using var host = await IngestHost.StartAsync(_connectionString, new Dictionary<string, string?> { ["Ingest:RetryAfterSeconds"] = "2" });
        var key = (await new ApiKeyStore(host.Services.GetRequiredService<NpgsqlDataSource>()).CreateAsync("restart-src", null, default)).Key;
        var acked = new ConcurrentBag<string>();
        TimeSpan? retryAfter = null;
        using var stop = new CancellationTokenSource();
        var fixture = new Poster(host, key);

        var writer = Task.Run(async () =>
        {
            for (var batchNo = 0; !stop.IsCancellationRequested; batchNo++)
            {
                var ids = Enumerable.Range(0, 50).Select(i => $"r{batchNo:D5}-{i:D2}").ToArray();
                var body = Ndjson(ids.Select(id => Incident(id)).ToArray());
                while (true)   // the sender's duty: resend the same batch until it is acknowledged
                {
                    var (status, after) = await fixture.PostAsync(body);
                    if (status == 200) { foreach (var id in ids) acked.Add(id); break; }
                    if (status == 503) retryAfter ??= after;
                    if (stop.IsCancellationRequested) return;
                    await Task.Delay(100);
                }
            }
        });

        await WaitUntilAsync(() => acked.Count >= 500, "500 records acknowledged before the restart");
        await PgAsync("stop", _dir);
        await WaitUntilAsync(() => retryAfter is not null, "a 503 with Retry-After while the database is down");
        var beforeRestart = acked.Count;
        await PgAsync("start", _dir, _port.ToString());
        await WaitUntilAsync(() => acked.Count >= beforeRestart + 500, "500 more records acknowledged after the restart");
        await stop.CancelAsync();
        await writer;

        Assert.Equal(TimeSpan.FromSeconds(2), retryAfter);
        await using var ds = NpgsqlDataSource.Create(_connectionString);
        var stored = new HashSet<string>();
        await using (var cmd = ds.CreateCommand("SELECT external_id FROM cases WHERE source = 'restart-src'"))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) Assert.True(stored.Add(r.GetString(0)), $"{r.GetString(0)} stored twice");
        var missing = acked.Where(id => !stored.Contains(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged records missing, e.g. {string.Join(", ", missing.Take(5))}");
        // A batch committed just before the connection broke is resent: it must not be announced twice.
        await using var announced = ds.CreateCommand(
            "SELECT count(*) - count(DISTINCT id) FROM change_log, jsonb_array_elements(payload -> 'caseIds') AS id WHERE kind = 'incidents'");
        Assert.Equal(0L, await announced.ExecuteScalarAsync());
    }

    private sealed class Poster(IngestHost host, string key)
    {
        public async Task<(int Status, TimeSpan? RetryAfter)> PostAsync(string body)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/incidents") { Content = new StringContent(body) };
                request.Headers.Add(ApiKeyStore.Header, key);
                using var response = await host.Client.SendAsync(request);
                return ((int)response.StatusCode, response.Headers.RetryAfter?.Delta);
            }
            catch (HttpRequestException)
            {
                return (0, null);
            }
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(90)) throw new TimeoutException("timed out waiting for " + what);
            await Task.Delay(50);
        }
    }

    private static Task<string> PgAsync(params string[] args) => PgScript.RunAsync(args);

    // Ports in Linux's ephemeral range (32768–60999) can be taken by any outgoing connection between
    // our check and the server's bind; a restart needs the same port twice, so stay below it.
    private static int FreePortOutsideEphemeralRange()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = Random.Shared.Next(20000, 32000);
            try
            {
                using var probe = new TcpListener(System.Net.IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
        throw new InvalidOperationException("no free port between 20000 and 32000");
    }
}
