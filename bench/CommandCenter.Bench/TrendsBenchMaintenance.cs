using System.Diagnostics;
using Npgsql;

namespace CommandCenter.Bench;

/// <summary>What the rollup triggers cost a writer: batches shaped like ingest's (a multi-row insert of
/// new cases and a multi-row update moving earlier ones to 办结 with a 回访 result, one transaction per
/// batch) timed with the trend triggers off, on, and off again on the loaded history. Since migration 0160 the
/// triggers only append pending parts; the fold that moves them into the rollups runs apart from the writers
/// (every 10 batches here, ~5,000 events, what the background folder meets every 250 ms at 20,000 events/s) and is
/// timed on its own.</summary>
internal static class TrendsBenchMaintenance
{
    private const int Batches = 40;
    private const int BatchSize = 250;
    private const int FoldEvery = 10;

    private const string CloseSql = """
        UPDATE cases SET status = 'closed', closed_at = @now, satisfaction = '满意', callback_at = @now
        WHERE source = @source AND external_id = ANY(@ids)
        """;

    public static async Task<Dictionary<string, object?>> MeasureAsync(NpgsqlDataSource db, DateTimeOffset now, CancellationToken ct)
    {
        var (off1, _) = await PhaseAsync(db, "maint-off-1", triggers: false, now, ct);
        var (on, fold) = await PhaseAsync(db, "maint-on", triggers: true, now, ct);
        var (off2, _) = await PhaseAsync(db, "maint-off-2", triggers: false, now, ct);
        var off = (off1 + off2) / 2;
        BenchContext.Log($"per ingested event: {on:F1} µs with rollups (writer), {off:F1} µs without; fold {fold:F1} µs");
        return new()
        {
            ["event_us_with_rollups"] = Math.Round(on, 1),
            ["event_us_without_rollups"] = Math.Round(off, 1),
            ["rollup_cost_per_event_us"] = Math.Round(on - off, 1),
            ["rollup_cost_note"] = "the writer's share: the triggers append pending parts (0160); the fold is fold_cost_per_event_us, off the writers' path",
            ["fold_cost_per_event_us"] = Math.Round(fold, 1),
            ["fold_every_events"] = FoldEvery * BatchSize * 2,
            ["maintenance_events_per_mode"] = Batches * BatchSize * 2,
        };
    }

    /// <returns>mean microseconds per event (an insert or an update of one case) for the writer and for the fold.</returns>
    private static async Task<(double Writer, double Fold)> PhaseAsync(NpgsqlDataSource db, string source, bool triggers, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var toggle = triggers ? "ENABLE" : "DISABLE";
        await TrendsBenchData.Exec(conn, $"ALTER TABLE cases {toggle} TRIGGER trend_cases_insert; ALTER TABLE cases {toggle} TRIGGER trend_cases_update", ct);
        try
        {
            var total = TimeSpan.Zero;
            var folding = TimeSpan.Zero;
            await Fold();   // nothing of the earlier phases is left for this one's folds
            string[] previous = [];
            for (var b = 0; b < Batches; b++)
            {
                long lo = b * BatchSize + 1, hi = lo + BatchSize - 1;
                var sw = Stopwatch.StartNew();
                await using (var tx = await conn.BeginTransactionAsync(ct))
                {
                    await using (var insert = new NpgsqlCommand(TrendsBenchData.CasesSql, conn, tx))
                    {
                        insert.Parameters.AddWithValue("source", source);
                        insert.Parameters.AddWithValue("lo", lo);
                        insert.Parameters.AddWithValue("hi", hi);
                        insert.Parameters.AddWithValue("n", (long)Batches * BatchSize);
                        insert.Parameters.AddWithValue("days", 1);
                        insert.Parameters.AddWithValue("now", now.ToUniversalTime());
                        await insert.ExecuteNonQueryAsync(ct);
                    }
                    await using (var close = new NpgsqlCommand(CloseSql, conn, tx))
                    {
                        close.Parameters.AddWithValue("source", source);
                        close.Parameters.AddWithValue("ids", previous);
                        close.Parameters.AddWithValue("now", now.ToUniversalTime());
                        await close.ExecuteNonQueryAsync(ct);
                    }
                    await tx.CommitAsync(ct);
                }
                if (b > 0) total += sw.Elapsed; // batch 0 has nothing to close and warms the plans
                previous = Enumerable.Range((int)lo, BatchSize).Select(i => i.ToString()).ToArray();
                if (b % FoldEvery == 0 || b == Batches - 1)
                {
                    var f = Stopwatch.StartNew();
                    await Fold();
                    if (b > 0) folding += f.Elapsed;
                }
            }
            var events = (Batches - 1) * BatchSize * 2.0;
            return (total.TotalMilliseconds * 1000 / events, folding.TotalMilliseconds * 1000 / events);

            async Task Fold()
            {
                await using var fold = new NpgsqlCommand("SELECT trend_fold()", conn) { CommandTimeout = 600 };
                await fold.ExecuteNonQueryAsync(ct);
            }
        }
        finally
        {
            await TrendsBenchData.Exec(conn, "ALTER TABLE cases ENABLE TRIGGER trend_cases_insert; ALTER TABLE cases ENABLE TRIGGER trend_cases_update", CancellationToken.None);
        }
    }
}
