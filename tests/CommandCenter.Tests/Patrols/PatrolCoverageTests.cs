using CommandCenter.Core.Patrols;
using CommandCenter.Tests.Infrastructure;
using Npgsql;

namespace CommandCenter.Tests.Patrols;

/// <summary>未巡查网格 with a fixed clock: a grid is listed when its last patrol event is at least N days before now
/// (never-patrolled first); events after now do not count; the last worker is named from the roster.</summary>
public sealed class PatrolCoverageTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    private static readonly DateTimeOffset Now = new(2026, 6, 10, 9, 0, 0, TimeSpan.FromHours(8));

    private async Task PatrolAsync(string grid, DateTimeOffset at, string worker)
    {
        await using var cmd = db.DataSource.CreateCommand("""
            INSERT INTO patrol_events (source, external_id, worker_id, worker_name, kind, at, grid_code)
            VALUES ('grid-app', @ext, @worker, @worker, 'check-in', @at, @grid)
            """);
        cmd.Parameters.AddWithValue("ext", Guid.NewGuid().ToString("N"));
        cmd.Parameters.AddWithValue("worker", worker);
        cmd.Parameters.AddWithValue("at", at.ToUniversalTime());
        cmd.Parameters.AddWithValue("grid", grid);
        await cmd.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Grids_unpatrolled_for_the_threshold_are_listed_never_patrolled_first_and_later_events_do_not_count()
    {
        var grids = await SampleData.EnsureGridsAsync(db.DataSource, 6);
        await using (var wipe = db.DataSource.CreateCommand("""
            DELETE FROM patrol_events; DELETE FROM roster_people;
            INSERT INTO roster_people (worker_id, name, team_role, grid_codes, active_from) VALUES ('李网格', '李明', '专职网格员', ARRAY['G002'], '2026-01-01')
            """)) await wipe.ExecuteNonQueryAsync();
        foreach (var g in grids) await PatrolAsync(g, Now.AddHours(-2), "张网格");   // all fresh …
        await PatrolAsync("G002", Now.AddDays(-9), "李网格");                          // … but G002 and G003:
        await using (var old = db.DataSource.CreateCommand("DELETE FROM patrol_events WHERE grid_code IN ('G002', 'G003') AND at > @cut"))
        {
            old.Parameters.AddWithValue("cut", Now.AddDays(-8).ToUniversalTime());
            await old.ExecuteNonQueryAsync();
        }
        await PatrolAsync("G003", Now.AddDays(1), "王网格");                           // after now: not yet patrolled

        var listed = await new PatrolCoverage(db.DataSource).UnpatrolledAsync(3, Now, default);

        Assert.Equal(["G003", "G002"], listed.Select(g => g.Code));
        Assert.Null(listed[0].LastPatrolAt);
        Assert.Equal((9, "李明"), (listed[1].DaysSince(Now), listed[1].LastWorker?.Display));   // the roster's name for the id
    }
}
