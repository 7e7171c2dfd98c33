using CommandCenter.Core.Data.Migrations;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CommandCenter.Tests.Foundation;

public sealed class MigrationRunnerTests : IAsyncLifetime
{
    private readonly string _name = $"cc_mig_{Guid.NewGuid():N}"[..20];
    private NpgsqlDataSource _db = null!;

    public async Task InitializeAsync() => _db = NpgsqlDataSource.Create(await PostgisDatabase.CreateEmptyAsync(_name));

    public async Task DisposeAsync()
    {
        await _db.DisposeAsync();
        await PostgisDatabase.DropAsync(_name);
    }

    private MigrationRunner Runner() => new(_db, NullLogger<MigrationRunner>.Instance);

    private async Task<long> CountAsync(string sql)
    {
        await using var cmd = _db.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Applying_the_shipped_migrations_twice_changes_nothing_the_second_time()
    {
        var first = await Runner().ApplyAsync(CancellationToken.None);
        var second = await Runner().ApplyAsync(CancellationToken.None);

        Assert.Equal(Migration.Embedded().Count, first);
        Assert.Equal(0, second);
        Assert.Equal(first, await CountAsync("SELECT count(*) FROM schema_migrations"));
        Assert.True(await CountAsync("SELECT count(*) FROM categories") > 0, "seed rows are inserted once");
        Assert.Equal(await CountAsync("SELECT count(*) FROM categories"),
            await CountAsync("SELECT count(DISTINCT code) FROM categories"));
    }

    [Fact]
    public async Task A_failing_migration_is_rolled_back_and_named_in_the_error()
    {
        var migrations = new[]
        {
            new Migration(1, "good", "CREATE TABLE good_one (id int);"),
            new Migration(2, "broken", "CREATE TABLE half_done (id int); SELECT * FROM no_such_table;"),
            new Migration(3, "after", "CREATE TABLE never_reached (id int);"),
        };

        var ex = await Assert.ThrowsAsync<MigrationException>(() => Runner().ApplyAsync(migrations, CancellationToken.None));

        Assert.Contains("0002_broken.sql", ex.Message);
        Assert.Contains("no_such_table", ex.Message);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM schema_migrations"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM pg_tables WHERE tablename = 'good_one'"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM pg_tables WHERE tablename IN ('half_done', 'never_reached')"));
    }

    [Fact]
    public async Task An_applied_migration_that_was_edited_is_refused()
    {
        await Runner().ApplyAsync([new Migration(1, "first", "CREATE TABLE t1 (id int);")], CancellationToken.None);

        var ex = await Assert.ThrowsAsync<MigrationException>(() =>
            Runner().ApplyAsync([new Migration(1, "first", "CREATE TABLE t1 (id bigint);")], CancellationToken.None));

        Assert.Contains("0001_first.sql", ex.Message);
        Assert.Contains("changed after it was applied", ex.Message);
    }

    [Fact]
    public async Task Two_processes_migrating_at_once_apply_each_file_once()
    {
        var migrations = new[]
        {
            new Migration(1, "slow", "CREATE TABLE slow (id int); SELECT pg_sleep(0.3);"),
            new Migration(2, "next", "CREATE TABLE next_one (id int);"),
        };

        var results = await Task.WhenAll(
            Runner().ApplyAsync(migrations, CancellationToken.None),
            Runner().ApplyAsync(migrations, CancellationToken.None));

        Assert.Equal(2, results.Sum());
        Assert.Equal(2, await CountAsync("SELECT count(*) FROM schema_migrations"));
    }
}
