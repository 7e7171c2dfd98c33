using Npgsql;

namespace CommandCenter.Tests.Trends;

/// <summary>Writers that know nothing of each other (ingest batches, officers) keep the rollups exact
/// when they write at the same time, also in transactions of several statements.</summary>
public sealed class ConcurrentWriterTests
{
    [Fact]
    public async Task Concurrent_multi_statement_writers_keep_rollups_equal_to_a_recount_without_deadlocks()
    {
        await using var db = await OwnDatabase.CreateAsync();
        await TrendData.GridsAsync(db.DataSource);
        await TrendData.AddCasesAsync(db.DataSource, "seed", 500, days: 3, seed: 21);

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var batch = 0; batch < 8; batch++)
            {
                await using var conn = await db.DataSource.OpenConnectionAsync();
                await using var tx = await conn.BeginTransactionAsync();
                // Three statements per transaction, the first on day w, the second on day w+1 (mod 4): each writer
                // holds one day's shared rows while it asks for the next writer's — a cycle, unless writers queue.
                await ExecAsync(conn, tx, Insert(w, batch, "a", dayOffset: w));
                await ExecAsync(conn, tx, Insert(w, batch, "b", dayOffset: (w + 1) % 4));
                await ExecAsync(conn, tx, $"UPDATE cases SET closed_at = now(), status = 'closed' WHERE source = 'seed' AND id % 4 = {w} AND id % 8 = {batch} AND closed_at IS NULL");
                await tx.CommitAsync();
            }
        })).ToList();
        await Task.WhenAll(writers);

        Assert.Empty(await RollupRecount.DifferencesAsync(db.DataSource));
    }

    private static string Insert(int writer, int batch, string part, int dayOffset) => $"""
        INSERT INTO cases (source, external_id, channel, category_code, title, grid_code, status, reported_at, accepted_at)
        SELECT 'w{writer}', 'b{batch}{part}-' || i, '12345热线', (ARRAY['noise', 'dog', 'sewer'])[1 + i % 3], '并发',
               'G' || lpad((1 + i % 40)::text, 3, '0'), 'accepted', now() - interval '{dayOffset} days', now() - interval '{dayOffset} days' - i * interval '1 second'
        FROM generate_series(1, 40) i
        """;

    private static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync();
    }
}
