using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;
using Npgsql;

namespace CommandCenter.Tests.Security;

public sealed class AuditLogTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    private AuditLog Log => new(db.DataSource, TimeProvider.System);

    private async Task<long> AppendAsync(string actor, string action = AuditActions.LoginSucceeded, string? target = null)
    {
        await Log.AppendAsync(new AuditEntry(actor, Roles.Officer, action, target, "10.1.2.3"), default);
        await using var cmd = db.DataSource.CreateCommand("SELECT max(id) FROM audit_log WHERE actor = @a");
        cmd.Parameters.AddWithValue("a", actor);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_database_refuses_to_update_an_audit_line()
    {
        var id = await AppendAsync("audit-update");

        var ex = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var cmd = db.DataSource.CreateCommand($"UPDATE audit_log SET actor = 'someone-else' WHERE id = {id}");
            await cmd.ExecuteNonQueryAsync();
        });

        Assert.Contains("append-only", ex.MessageText);
    }

    [Fact]
    public async Task The_database_refuses_to_delete_or_truncate_recent_audit_lines()
    {
        var id = await AppendAsync("audit-delete");

        await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var cmd = db.DataSource.CreateCommand($"DELETE FROM audit_log WHERE id = {id}");
            await cmd.ExecuteNonQueryAsync();
        });
        await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var cmd = db.DataSource.CreateCommand("TRUNCATE audit_log");
            await cmd.ExecuteNonQueryAsync();
        });
        await using var count = db.DataSource.CreateCommand($"SELECT count(*) FROM audit_log WHERE id = {id}");
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Lines_older_than_the_retention_period_may_be_purged()
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await AuditLog.AppendAsync(conn, null, new AuditEntry("audit-old", null, AuditActions.LoginSucceeded),
            DateTimeOffset.UtcNow.AddDays(-200), default);
        await AuditLog.AppendAsync(conn, null, new AuditEntry("audit-old", null, AuditActions.LoginSucceeded),
            DateTimeOffset.UtcNow.AddDays(-170), default);

        await using var purge = new NpgsqlCommand("DELETE FROM audit_log WHERE actor = 'audit-old' AND at < now() - interval '180 days'", conn);
        var purged = await purge.ExecuteNonQueryAsync();
        var tooYoung = await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var cmd = new NpgsqlCommand("DELETE FROM audit_log WHERE actor = 'audit-old'", conn);
            await cmd.ExecuteNonQueryAsync();
        });

        Assert.Equal(1, purged);
        Assert.Contains("append-only", tooYoung.MessageText);
    }

    [Fact]
    public async Task Search_filters_by_actor_action_text_and_time_newest_first()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await AppendAsync($"searcher-{tag}", AuditActions.LoginSucceeded, "first");
        await AppendAsync($"searcher-{tag}", AuditActions.KioskCreated, $"screen-{tag}");
        await AppendAsync($"searcher-{tag}", AuditActions.LoginSucceeded, "third");

        var (byActor, total) = await Log.SearchAsync(new AuditQuery(Actor: $"searcher-{tag}"), default);
        var (byAction, _) = await Log.SearchAsync(new AuditQuery(Actor: tag, Action: AuditActions.KioskCreated), default);
        var (byText, _) = await Log.SearchAsync(new AuditQuery(Text: $"screen-{tag}"), default);
        var (future, _) = await Log.SearchAsync(new AuditQuery(Actor: tag, From: DateTimeOffset.UtcNow.AddMinutes(5)), default);
        var (paged, pagedTotal) = await Log.SearchAsync(new AuditQuery(Actor: tag, Offset: 2, Limit: 2), default);

        Assert.Equal(3, total);
        Assert.Equal(["third", $"screen-{tag}", "first"], byActor.Select(l => l.Target));
        Assert.Single(byAction);
        Assert.Single(byText);
        Assert.Empty(future);
        Assert.Equal("first", Assert.Single(paged).Target);
        Assert.Equal(3, pagedTotal);
    }

    [Fact]
    public async Task Like_wildcards_in_a_search_are_taken_literally()
    {
        await AppendAsync("percent-%-actor");

        var (hits, _) = await Log.SearchAsync(new AuditQuery(Actor: "%"), default);

        Assert.All(hits, h => Assert.Contains("%", h.Actor));
    }
}
