using System.Collections.Concurrent;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommandCenter.Tests.ChangeFeed;

public sealed class ChangeFeedListenerTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    private async Task<long> AppendAsync(string kind)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var pos = await ChangeLog.AppendAsync(conn, tx, kind, "{}", CancellationToken.None);
        await tx.CommitAsync();
        return pos;
    }

    private static async Task WaitUntil(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (timeout.IsCancellationRequested) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }

    private ChangeFeedListener NewListener() => new(
        NpgsqlDataSource.Create(db.ConnectionString + ";Application Name=cc-feed-test"),
        Options.Create(new ChangeFeedOptions { PollInterval = TimeSpan.FromSeconds(30), ReconnectDelay = TimeSpan.FromMilliseconds(50) }),
        TimeProvider.System,
        NullLogger<ChangeFeedListener>.Instance);

    [Fact]
    public async Task Subscribers_get_new_changes_pushed_and_catch_up_after_the_connection_is_killed()
    {
        await AppendAsync("before-start"); // already in the log: not replayed to a new process
        var listener = NewListener();
        var got = new ConcurrentQueue<ChangeEntry>();
        using var sub = listener.Subscribe((entries, _) => { foreach (var e in entries) got.Enqueue(e); return Task.CompletedTask; });
        await listener.StartAsync(CancellationToken.None);
        await listener.Started;
        await WaitUntil(() => listener.Connected, "the listener to connect");

        var first = await AppendAsync("pushed");
        await WaitUntil(() => got.Any(e => e.Position == first), "the NOTIFY-driven delivery");

        // Kill the LISTEN connection, then commit while it is down.
        await using (var cmd = db.DataSource.CreateCommand(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'cc-feed-test' AND datname = current_database()"))
            await cmd.ExecuteNonQueryAsync();
        var missed = new List<long>();
        for (var i = 0; i < 5; i++) missed.Add(await AppendAsync("while-down"));

        await WaitUntil(() => missed.All(p => got.Any(e => e.Position == p)), "the catch-up after reconnect");
        await listener.StopAsync(CancellationToken.None);

        var positions = got.Select(e => e.Position).ToList();
        Assert.DoesNotContain(got, e => e.Kind == "before-start");
        Assert.Equal(positions.Distinct().Count(), positions.Count);
        Assert.Equal(positions.OrderBy(p => p), positions);
    }

    [Fact]
    public async Task A_failing_subscriber_does_not_stop_the_others()
    {
        var listener = NewListener();
        var got = new ConcurrentQueue<long>();
        using var bad = listener.Subscribe((_, _) => throw new InvalidOperationException("boom"));
        using var good = listener.Subscribe((entries, _) => { foreach (var e in entries) got.Enqueue(e.Position); return Task.CompletedTask; });
        await listener.StartAsync(CancellationToken.None);
        await listener.Started;

        var a = await AppendAsync("a");
        var b = await AppendAsync("b");

        await WaitUntil(() => got.Contains(a) && got.Contains(b), "both changes at the healthy subscriber");
        await listener.StopAsync(CancellationToken.None);
    }
}
