using CommandCenter.Core.ChangeFeed;
using CommandCenter.Features.Replay;
using CommandCenter.Live;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CommandCenter.Tests.Replay;

/// <summary>/replay shows what the live wall showed: a snapshot captured from the running wall at T, then
/// more happens (new cases, closures, callbacks, patrols, mediations), and the replay of T must still equal
/// the capture — KPI tiles, grid colours, workers, donut, trend and ticker.</summary>
public sealed class ReplayTests(PostgisDatabase db) : WebAppTests(db)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_replay_of_a_moment_equals_what_the_live_wall_showed_then()
    {
        var grids = await SampleData.EnsureGridsAsync(Db.DataSource);
        var now = DateTimeOffset.UtcNow;
        var ids = await SampleData.AddCasesAsync(Db.DataSource,
        [
            new CaseSpec(now.AddMinutes(-50)) { Grid = grids[0], Priority = 1, Title = "燃气泄漏，电话13900001111" },
            new CaseSpec(now.AddMinutes(-40)) { Grid = grids[1], Status = "dispatched", DispatchedAt = now.AddMinutes(-35), DeadlineAt = now.AddMinutes(-5) },
            new CaseSpec(now.AddMinutes(-30)) { Grid = grids[1], Status = "closed", DispatchedAt = now.AddMinutes(-28), ClosedAt = now.AddMinutes(-10), Satisfaction = "满意", CallbackAt = now.AddMinutes(-10) },
            new CaseSpec(now.AddMinutes(-20)) { Grid = grids[2], SuperviseLevel = 1, Status = "dispatched", DispatchedAt = now.AddMinutes(-15), DeadlineAt = now.AddHours(5) },
            new CaseSpec(now.AddDays(-2)) { Grid = grids[3], Status = "closed", ClosedAt = now.AddDays(-1) },
        ]);
        await SampleData.AddPatrolAsync(Db.DataSource, "w1", "start", now.AddMinutes(-45), grids[0]);
        await SampleData.AddPatrolAsync(Db.DataSource, "w1", "check-in", now.AddMinutes(-25), grids[0]);
        await SampleData.AddMediationAsync(Db.DataSource, "网格", "调解成功", now.AddMinutes(-15), grids[2]);
        var live = Web.Services.GetRequiredService<LiveState>();
        var seeded = await ChangeLog.HeadAsync(Db.DataSource, CancellationToken.None);

        // The capture: the live wall's own snapshot once it includes everything seeded.
        var shown = await SnapshotAsync(live, s => s.Position >= seeded && s.Healthy);
        var at = shown.Kpis.AsOf;

        // Afterwards: the open urgent case closes, the overdue one gets its feedback, new cases arrive, a
        // callback and a patrol happen, a mediation concludes.
        await ExecAsync("UPDATE cases SET status = 'closed', closed_at = now() WHERE id = @id", ids[0]);
        await ExecAsync("UPDATE cases SET status = 'feedback', feedback_at = now() WHERE id = @id", ids[1]);
        await SampleData.AddCasesAsync(Db.DataSource, [new CaseSpec(DateTimeOffset.UtcNow) { Grid = grids[4], Priority = 1 }, new CaseSpec(DateTimeOffset.UtcNow) { Grid = grids[0] }]);
        await SampleData.AddPatrolAsync(Db.DataSource, "w2", "check-in", DateTimeOffset.UtcNow, grids[5]);
        await SampleData.AddMediationAsync(Db.DataSource, "社区", "部分达成", DateTimeOffset.UtcNow, grids[1]);
        var after = await ChangeLog.HeadAsync(Db.DataSource, CancellationToken.None);
        var later = await SnapshotAsync(live, s => s.Position >= after && s.Healthy);
        Assert.NotEqual(shown.Kpis with { AsOf = later.Kpis.AsOf }, later.Kpis); // the live wall did move on

        var replay = await Web.Services.GetRequiredService<ReplayLoader>().LoadAsync(at, CancellationToken.None);
        var r = replay.Snapshot;

        Assert.Equal(shown.Kpis, r.Kpis);
        Assert.Equal(shown.Grids.OrderBy(g => g.Key, StringComparer.Ordinal), r.Grids.OrderBy(g => g.Key, StringComparer.Ordinal));
        // Arrays, not ImmutableArray: its own equality compares references.
        Assert.Equal(shown.Workers.ToArray(), r.Workers.ToArray());
        Assert.Equal(shown.Categories.ToArray(), r.Categories.ToArray());
        Assert.Equal(shown.Trend.ToArray(), r.Trend.ToArray());
        Assert.Equal(shown.Recent.ToArray(), r.Recent.ToArray());
        Assert.InRange(r.Position, seeded, shown.Position);
    }

    [Fact]
    public async Task The_ticker_shows_each_case_as_it_stood_then_and_the_next_event_is_found()
    {
        var grids = await SampleData.EnsureGridsAsync(Db.DataSource);
        var t0 = DateTimeOffset.UtcNow.AddHours(-3);
        var id = (await SampleData.AddCasesAsync(Db.DataSource, [new CaseSpec(t0) { Grid = grids[7], Title = "回放状态测试", Status = "closed",
            DispatchedAt = t0.AddHours(1), ClosedAt = t0.AddHours(2) }]))[0];
        await ExecAsync("""
            INSERT INTO case_events (case_id, at, actor, action, from_status, to_status)
            VALUES (@id, (SELECT dispatched_at FROM cases WHERE id = @id), '值班员', '分流', 'accepted', 'dispatched'),
                   (@id, (SELECT closed_at FROM cases WHERE id = @id), '值班员', '办结', 'callback', 'closed')
            """, id);
        var loader = Web.Services.GetRequiredService<ReplayLoader>();

        var before = await loader.LoadAsync(t0.AddMinutes(30), CancellationToken.None);
        var during = await loader.LoadAsync(t0.AddMinutes(90), CancellationToken.None);
        var next = await loader.NextEventAsync(t0.AddMinutes(30), CancellationToken.None);

        Assert.Equal("已受理", before.Snapshot.Recent.Single(c => c.Id == id).Status);
        Assert.Equal("已分流", during.Snapshot.Recent.Single(c => c.Id == id).Status);
        Assert.InRange((next!.Value - t0.AddHours(1)).Duration(), TimeSpan.Zero, TimeSpan.FromMilliseconds(1));
    }

    private static async Task<LiveSnapshot> SnapshotAsync(LiveState live, Func<LiveSnapshot, bool> ready)
    {
        for (var until = DateTime.UtcNow + Wait; DateTime.UtcNow < until; await Task.Delay(50))
            if (live.Current is var s && s.Loaded && ready(s)) return s;
        throw new TimeoutException($"the live wall did not refresh (position {live.Current.Position})");
    }

    private async Task ExecAsync(string sql, long id)
    {
        await using var conn = await Db.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var cmd = new NpgsqlCommand(sql, conn, tx))
        {
            cmd.Parameters.AddWithValue("id", id);
            await cmd.ExecuteNonQueryAsync();
        }
        await ChangeLog.AppendAsync(conn, tx, new CaseActionChange([id], [], "test", ["closed"]), CancellationToken.None);
        await tx.CommitAsync();
    }
}
