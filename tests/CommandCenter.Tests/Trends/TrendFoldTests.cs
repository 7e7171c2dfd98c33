using CommandCenter.Core.Kpis;
using CommandCenter.Core.Time;
using CommandCenter.Core.Trends;
using Npgsql;

namespace CommandCenter.Tests.Trends;

/// <summary>Writers leave their rollup parts pending and one folder at a time moves them into the rollups
/// (migration 0160, <see cref="TrendFold"/>): exact with concurrent writers, folders and a rebuild; readers see
/// every write committed before their read; a fold that dies leaves its parts pending.</summary>
public sealed class TrendFoldTests
{
    private const string RollupTables = "trend_case_daily, trend_assignee_daily, trend_mediation_daily, trend_unit_event_daily";

    [Fact]
    public async Task Concurrent_writers_and_folders_leave_rollups_equal_to_a_recount_and_to_a_rebuild()
    {
        await using var db = await OwnDatabase.CreateAsync();
        var ds = db.DataSource;
        await TrendData.GridsAsync(ds);
        await TrendData.AddCasesAsync(ds, "seed", 600, days: 5, seed: 31);

        using var stop = new CancellationTokenSource();
        // Two folders (two nodes' background services) take turns with the writers the whole time.
        var folders = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            var folds = 0;
            while (!stop.IsCancellationRequested)
            {
                await using var cmd = ds.CreateCommand("SELECT trend_fold(false)");
                if ((long)(await cmd.ExecuteScalarAsync())! >= 0) folds++;
            }
            return folds;
        })).ToList();
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var batch = 0; batch < 10; batch++)
            {
                await using var conn = await ds.OpenConnectionAsync();
                await using var tx = await conn.BeginTransactionAsync();
                await ExecAsync(conn, tx, $"""
                    INSERT INTO cases (source, external_id, channel, category_code, title, grid_code, status, reported_at, accepted_at, assignee_code)
                    SELECT 'w{w}', 'b{batch}-' || i, '12345热线', (ARRAY['noise', 'dog', 'sewer'])[1 + i % 3], '并发',
                           'G' || lpad((1 + i % 40)::text, 3, '0'), 'dispatched', now() - interval '{w} days',
                           now() - interval '{w} days' - i * interval '1 second', (ARRAY['zhujian', 'gongan'])[1 + i % 2]
                    FROM generate_series(1, 50) i
                    """);
                await ExecAsync(conn, tx, $"UPDATE cases SET closed_at = now(), status = 'closed', satisfaction = '满意', callback_at = now() WHERE source = 'seed' AND id % 4 = {w} AND id % 10 = {batch} AND closed_at IS NULL");
                await ExecAsync(conn, tx, $"""
                    INSERT INTO case_events (case_id, at, actor, action, data)
                    SELECT id, now(), 'test', (ARRAY['supervise', 'return', 'rework'])[1 + id % 3]::text,
                           jsonb_build_object('returnedBy', 'zhujian')
                    FROM cases WHERE source = 'w{w}' AND external_id LIKE 'b{batch}-%' AND id % 5 = 0
                    """);
                await ExecAsync(conn, tx, $"""
                    INSERT INTO mediations (source, external_id, grid_code, mediator_type, level, outcome, started_at, ended_at)
                    SELECT 'm{w}', 'b{batch}-' || i, 'G' || lpad((1 + i % 40)::text, 3, '0'), '人民调解员', '网格',
                           (ARRAY['调解成功', '部分达成'])[1 + i % 2], now() - interval '2 days', now() - i * interval '1 hour'
                    FROM generate_series(1, 5) i
                    """);
                await tx.CommitAsync();
                if (w == 0 && batch == 5)
                    await TrendData.ExecAsync(ds, "SELECT trend_rebuild(100)");   // a repair while the others write
            }
        })).ToList();
        await Task.WhenAll(writers);
        await stop.CancelAsync();
        Assert.All(await Task.WhenAll(folders), folds => Assert.True(folds > 0));

        Assert.Empty(await RollupRecount.DifferencesAsync(ds));
        Assert.Equal(0L, await PendingAsync(ds));
        // The event and unit rollups too: what the folds built equals a rebuild from the raw rows.
        var before = await SnapshotAsync(ds);
        await TrendData.ExecAsync(ds, "SELECT trend_rebuild()");
        Assert.Equal(before, await SnapshotAsync(ds));
        Assert.Contains(before, row => row.StartsWith("unit:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reader_counts_every_case_committed_before_its_read_without_a_background_folder()
    {
        await using var db = await OwnDatabase.CreateAsync();
        var ds = db.DataSource;
        await TrendData.GridsAsync(ds);
        var clock = TimeProvider.System;
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(clock.GetUtcNow()).Date);
        var queries = new TrendQueries(ds, clock);
        var before = (await queries.SnapshotAsync(today, today, KpiScope.All, CancellationToken.None)).Accepted;

        await TrendData.ExecAsync(ds, """
            INSERT INTO cases (source, external_id, channel, category_code, title, grid_code, status, reported_at, accepted_at)
            SELECT 'read', 'r' || i, '来访', 'noise', '读前写入', 'G001', 'accepted', now(), now() FROM generate_series(1, 7) i
            """);
        Assert.True(await PendingAsync(ds) > 0, "the write should leave its parts pending");

        var after = await queries.SnapshotAsync(today, today, KpiScope.All, CancellationToken.None);
        Assert.Equal(before + 7, after.Accepted);
        Assert.Equal(0L, await PendingAsync(ds));
    }

    [Fact]
    public async Task Concurrent_readers_each_see_their_own_write_when_they_share_folds()
    {
        await using var db = await OwnDatabase.CreateAsync();
        var ds = db.DataSource;
        await TrendData.GridsAsync(ds);
        var fold = TrendFold.For(ds);

        // Each reader writes a case on a channel of its own, then asks for a fold: a fold that had started
        // before the write committed must not satisfy it.
        var seen = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(async () =>
        {
            await TrendData.ExecAsync(ds, $"""
                INSERT INTO cases (source, external_id, channel, category_code, title, grid_code, status, reported_at, accepted_at)
                VALUES ('share', 's{i}', 'ch{i}', 'noise', '共享折叠', 'G002', 'accepted', now(), now())
                """);
            await fold.EnsureAsync(CancellationToken.None);
            return await TrendData.ScalarAsync<long>(ds, $"""
                SELECT coalesce(sum(reports), 0)::bigint FROM trend_case_daily
                WHERE area_level = '*' AND category_code = '*' AND channel = 'ch{i}'
                """);
        })));

        Assert.All(seen, n => Assert.Equal(1L, n));
    }

    [Fact]
    public async Task A_fold_that_dies_before_commit_leaves_its_parts_pending_and_the_next_fold_is_exact()
    {
        await using var db = await OwnDatabase.CreateAsync();
        var ds = db.DataSource;
        await TrendData.GridsAsync(ds);
        await TrendData.AddCasesAsync(ds, "crash", 800, days: 10, seed: 41);
        await TrendData.AddMediationsAsync(ds, "crash", 100, days: 10, seed: 42);
        var pending = await PendingAsync(ds);
        Assert.True(pending > 0);
        var rollupsBefore = await SnapshotAsync(ds);

        // A folder's session dies mid-fold: the DELETE and the upserts ran, the commit never came.
        await using (var folder = await ds.OpenConnectionAsync())
        {
            var pid = folder.ProcessID;
            await using var tx = await folder.BeginTransactionAsync();
            await using (var cmd = new NpgsqlCommand("SELECT trend_fold()", folder, tx))
                Assert.Equal(pending, (long)(await cmd.ExecuteScalarAsync())!);
            await TrendData.ExecAsync(ds, $"SELECT pg_terminate_backend({pid})");
            await Assert.ThrowsAnyAsync<Exception>(() => tx.CommitAsync());
        }

        Assert.Equal(pending, await PendingAsync(ds));
        Assert.Equal(rollupsBefore, await SnapshotAsync(ds));
        Assert.Empty(await RollupRecount.DifferencesAsync(ds));   // folds again, now for good
        Assert.Equal(0L, await PendingAsync(ds));
    }

    [Fact]
    public async Task Truncating_cases_drops_their_pending_parts_with_the_rollups()
    {
        await using var db = await OwnDatabase.CreateAsync();
        var ds = db.DataSource;
        await TrendData.GridsAsync(ds);
        await TrendData.AddCasesAsync(ds, "trunc", 300, days: 4, seed: 51);
        await RollupRecount.FoldAsync(ds);
        await TrendData.AddCasesAsync(ds, "trunc2", 300, days: 4, seed: 52);   // left pending

        await TrendData.ExecAsync(ds, "TRUNCATE cases CASCADE");

        Assert.Equal(0L, await PendingAsync(ds));
        Assert.Empty(await RollupRecount.DifferencesAsync(ds));
        Assert.Equal(0L, await TrendData.ScalarAsync<long>(ds, "SELECT count(*) FROM trend_case_daily"));
    }

    [Fact]
    public async Task The_background_folder_folds_on_its_interval_without_any_reader()
    {
        await using var db = await OwnDatabase.CreateAsync();
        var ds = db.DataSource;
        await TrendData.GridsAsync(ds);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var options = Microsoft.Extensions.Options.Options.Create(new TrendFoldOptions { FoldInterval = TimeSpan.FromSeconds(1) });
        using var folder = new TrendFolder(TrendFold.For(ds), options, clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<TrendFolder>.Instance);
        await folder.StartAsync(CancellationToken.None);
        await TrendData.AddCasesAsync(ds, "bg", 400, days: 6, seed: 61);
        Assert.True(await PendingAsync(ds) > 0);

        clock.Advance(TimeSpan.FromSeconds(1));
        // Wait on the state (the fold runs on the folder's own task), bounded.
        for (var i = 0; i < 600 && await PendingAsync(ds) > 0; i++) await Task.Delay(50);

        Assert.Equal(0L, await PendingAsync(ds));
        await folder.StopAsync(CancellationToken.None);
        Assert.Empty(await RollupRecount.DifferencesAsync(ds));
    }

    private static async Task<long> PendingAsync(NpgsqlDataSource ds) => await TrendData.ScalarAsync<long>(ds, """
        SELECT (SELECT count(*) FROM trend_pending_case) + (SELECT count(*) FROM trend_pending_event)
             + (SELECT count(*) FROM trend_pending_mediation)
        """);

    /// <summary>Every non-zero row of the four rollup tables as text, sorted (zero rows equal missing ones).</summary>
    private static async Task<List<string>> SnapshotAsync(NpgsqlDataSource ds)
    {
        const string Sql = """
            SELECT 'case:' || t::text FROM trend_case_daily t
            WHERE (reports, repeats, accepted, accepted_closed, closed, closed_on_time, dispatch_n, dispatch_us, close_n,
                   close_us, callbacks, satisfied, unsatisfied) <> (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            UNION ALL SELECT 'unit:' || t::text FROM trend_unit_event_daily t
            WHERE (returns, reworks, supervisions, signed, sign_us, jfb) <> (0, 0, 0, 0, 0, 0)
            UNION ALL SELECT 'assignee:' || t::text FROM trend_assignee_daily t
            WHERE (closed, closed_on_time, callbacks, satisfied, unsatisfied, accepted, accepted_closed, overdue) <> (0, 0, 0, 0, 0, 0, 0, 0)
            UNION ALL SELECT 'mediation:' || t::text FROM trend_mediation_daily t
            WHERE (concluded, succeeded, partial, resolved_locally) <> (0, 0, 0, 0)
            ORDER BY 1
            """;
        await using var cmd = ds.CreateCommand(Sql);
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await r.ReadAsync()) rows.Add(r.GetString(0));
        return rows;
    }

    private static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync();
    }
}
