namespace CommandCenter.Tests.Trends;

/// <summary>The rollups are maintained by triggers on whatever writes cases and mediations: after any mix
/// of batch inserts, late records, out-of-order updates, moves between grids and categories, merges and
/// deletes they equal a recount from the raw rows.</summary>
public sealed class RollupMaintenanceTests
{
    [Fact]
    public async Task Batch_inserts_keep_rollups_equal_to_a_recount()
    {
        await using var db = await OwnDatabase.CreateAsync();
        await TrendData.GridsAsync(db.DataSource);
        await TrendData.AddCasesAsync(db.DataSource, "grid-app", 3000, days: 35, seed: 1);
        await TrendData.AddMediationsAsync(db.DataSource, "mediation", 400, days: 35, seed: 2);

        Assert.Empty(await RollupRecount.DifferencesAsync(db.DataSource));
        Assert.True(await RollupRecount.NonEmptyRowsAsync(db.DataSource) > 1000);
    }

    [Fact]
    public async Task Late_and_out_of_order_updates_keep_rollups_equal_to_a_recount()
    {
        await using var db = await OwnDatabase.CreateAsync();
        var ds = db.DataSource;
        await TrendData.GridsAsync(ds);
        await TrendData.AddCasesAsync(ds, "grid-app", 1500, days: 14, seed: 3);
        await TrendData.AddMediationsAsync(ds, "mediation", 200, days: 14, seed: 4);

        // A late batch: cases accepted weeks ago arrive now, into days whose rollups already exist.
        await TrendData.AddCasesAsync(ds, "12345", 500, days: 40, seed: 5);
        await AssertEqualToRecount(ds, "after a late batch");

        // Updates in no particular order: a case closed, then its close withdrawn, then closed at an earlier time.
        await TrendData.ExecAsync(ds, "UPDATE cases SET closed_at = accepted_at + interval '30 hours', status = 'closed' WHERE id % 7 = 1 AND closed_at IS NULL");
        await TrendData.ExecAsync(ds, "UPDATE cases SET closed_at = NULL, status = 'in_progress' WHERE id % 14 = 1");
        await TrendData.ExecAsync(ds, "UPDATE cases SET closed_at = accepted_at + interval '2 hours', status = 'closed' WHERE id % 28 = 1");
        await AssertEqualToRecount(ds, "after out-of-order closes");

        // A case moved to another grid / category / channel / unit (a correction), and outside every grid.
        await TrendData.ExecAsync(ds, "UPDATE cases SET grid_code = 'G007', category_code = 'noise' WHERE id % 5 = 2");
        await TrendData.ExecAsync(ds, "UPDATE cases SET grid_code = NULL, channel = '部门移交', assignee_code = 'xiaofang' WHERE id % 17 = 3");
        await AssertEqualToRecount(ds, "after grid and category changes");

        // 回访 results change, reopen after 不满意, duplicates merged into their primary.
        await TrendData.ExecAsync(ds, "UPDATE cases SET satisfaction = '不满意', reopened_count = reopened_count + 1 WHERE satisfaction = '满意' AND id % 3 = 0");
        await TrendData.ExecAsync(ds, "UPDATE cases SET merged_into = id - 1 WHERE id % 11 = 4");
        await TrendData.ExecAsync(ds, "UPDATE cases SET accepted_at = accepted_at - interval '3 days' WHERE id % 13 = 5");
        await AssertEqualToRecount(ds, "after callbacks, reopens, merges and re-dated acceptance");

        // Ingest's upsert: one statement that inserts new cases and updates existing ones.
        await TrendData.ExecAsync(ds, """
            INSERT INTO cases (source, external_id, channel, category_code, title, grid_code, status, reported_at, accepted_at, closed_at)
            SELECT source, external_id, channel, 'safety', title, 'G001', 'closed', reported_at, accepted_at, accepted_at + interval '5 hours'
            FROM cases WHERE id % 9 = 0
            UNION ALL
            SELECT 'video', 'v' || i, '视频告警', 'public_order', '视频告警', 'G002', 'accepted', now() - i * interval '1 hour', now() - i * interval '1 hour', NULL
            FROM generate_series(1, 50) i
            ON CONFLICT (source, external_id) DO UPDATE SET category_code = excluded.category_code,
                grid_code = excluded.grid_code, closed_at = excluded.closed_at, status = excluded.status
            """);
        await AssertEqualToRecount(ds, "after an insert-or-update batch");

        // Deletes (a source withdrew records) and mediation corrections.
        await TrendData.ExecAsync(ds, "DELETE FROM cases WHERE id % 31 = 6 AND id NOT IN (SELECT merged_into FROM cases WHERE merged_into IS NOT NULL)");
        await TrendData.ExecAsync(ds, "UPDATE mediations SET outcome = '调解成功', level = '网格', grid_code = 'G003' WHERE id % 4 = 1");
        await TrendData.ExecAsync(ds, "UPDATE mediations SET ended_at = ended_at - interval '10 days' WHERE id % 6 = 2");
        await TrendData.ExecAsync(ds, "DELETE FROM mediations WHERE id % 9 = 3");
        await AssertEqualToRecount(ds, "after deletes and mediation corrections");

        // The geography changes under the history: two grids move to another 村居 and 片区.
        await TrendData.ExecAsync(ds, "UPDATE grids SET community_code = 'C20', region_code = (SELECT region_code FROM communities WHERE code = 'C20') WHERE code IN ('G001', 'G007')");
        await AssertEqualToRecount(ds, "after grids moved to another 村居");

        // An update that touches no trend column writes nothing to the rollups.
        await using var conn = await ds.OpenConnectionAsync();
        await using var before = new Npgsql.NpgsqlCommand("SELECT n_tup_upd + n_tup_ins FROM pg_stat_xact_user_tables WHERE relname = 'trend_case_daily'", conn);
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await using var touch = new Npgsql.NpgsqlCommand("UPDATE cases SET supervise_level = 1, title = title || '!'", conn, tx);
            Assert.True(await touch.ExecuteNonQueryAsync() > 1000);
            before.Transaction = tx;
            Assert.Equal(0L, (long?)await before.ExecuteScalarAsync() ?? 0L);
            await tx.CommitAsync();
        }
    }

    [Fact]
    public async Task Rebuild_gives_the_same_rollups_as_the_triggers()
    {
        await using var db = await OwnDatabase.CreateAsync();
        var ds = db.DataSource;
        await TrendData.GridsAsync(ds);
        await TrendData.AddCasesAsync(ds, "grid-app", 1000, days: 20, seed: 7);
        await TrendData.ExecAsync(ds, "UPDATE cases SET grid_code = 'G009' WHERE id % 3 = 0");
        await RollupRecount.FoldAsync(ds);
        await TrendData.ExecAsync(ds, "CREATE TABLE kept AS SELECT * FROM trend_case_daily WHERE reports <> 0 OR closed <> 0 OR callbacks <> 0");

        await TrendData.ExecAsync(ds, "SELECT trend_rebuild(300)");

        Assert.Equal(0, await CountAsync(ds, "SELECT count(*) FROM (SELECT * FROM kept EXCEPT SELECT * FROM trend_case_daily) d"));
        Assert.Equal(0, await CountAsync(ds, "SELECT count(*) FROM (SELECT * FROM trend_case_daily EXCEPT SELECT * FROM kept) d"));
        Assert.Empty(await RollupRecount.DifferencesAsync(ds));
    }

    private static async Task AssertEqualToRecount(Npgsql.NpgsqlDataSource ds, string when)
    {
        var diffs = await RollupRecount.DifferencesAsync(ds);
        Assert.True(diffs.Count == 0, $"{when}: rollups differ from a recount:\n{string.Join("\n", diffs)}");
    }

    private static async Task<long> CountAsync(Npgsql.NpgsqlDataSource ds, string sql)
    {
        await using var conn = await ds.OpenConnectionAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
