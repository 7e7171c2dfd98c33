using CommandCenter.Core.ChangeFeed;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.Tests.ChangeFeed;

/// <summary>Design invariant 4: a reader resuming from its last position sees every committed change
/// exactly once, also while many writers commit concurrently and some commit late.</summary>
public sealed class ChangeLogOrderingTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    [Fact]
    public async Task A_reader_resuming_by_position_sees_every_commit_once_with_concurrent_late_committers()
    {
        const int Writers = 8, PerWriter = 40;
        var committed = new System.Collections.Concurrent.ConcurrentBag<long>();
        using var stop = new CancellationTokenSource();

        async Task Writer(int w)
        {
            var rnd = new Random(w);
            for (var i = 0; i < PerWriter; i++)
            {
                await using var conn = await db.DataSource.OpenConnectionAsync();
                await using var tx = await conn.BeginTransactionAsync();
                var pos = await ChangeLog.AppendAsync(conn, tx, "test", $$"""{"w":{{w}},"i":{{i}}}""", CancellationToken.None);
                // Some transactions linger after appending: the classic way "seq > last" loses rows.
                if (rnd.Next(4) == 0) await Task.Delay(rnd.Next(1, 15));
                if (rnd.Next(10) == 0) { await tx.RollbackAsync(); continue; }
                await tx.CommitAsync();
                committed.Add(pos);
            }
        }

        var seen = new List<long>();
        async Task Reader()
        {
            long last = 0;
            while (true)
            {
                var done = stop.IsCancellationRequested;
                var batch = await ChangeLog.ReadAfterAsync(db.DataSource, last, 50, CancellationToken.None);
                foreach (var e in batch) { seen.Add(e.Position); last = e.Position; }
                if (batch.Count == 0 && done) return;
                if (batch.Count == 0) await Task.Delay(1);
            }
        }

        var reader = Task.Run(Reader);
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(() => Writer(w))));
        stop.Cancel();
        await reader;

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(seen.OrderBy(x => x), seen);
        Assert.Equal(committed.OrderBy(x => x), seen);
        Assert.True(committed.Count > Writers * PerWriter / 2);
    }
}
