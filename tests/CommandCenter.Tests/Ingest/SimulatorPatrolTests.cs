using System.Text.Json;
using CommandCenter.Core.Time;
using CommandCenter.Ingest.Simulator;
using CommandCenter.Ingest.Writer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Tests.Ingest;

/// <summary>Issue 15: the simulator's workers are roster entries, its patrol-found cases name the grid's worker, and its
/// patrols leave a few grids unpatrolled for days, so /trends has names and 未巡查网格 to show.</summary>
public sealed class SimulatorPatrolTests(IngestFixture db) : IClassFixture<IngestFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task A_backfill_puts_its_workers_on_the_roster_once_and_links_patrol_found_cases_to_them()
    {
        var world = await SimWorld.LoadAsync(db.DataSource, 7, default);
        Assert.NotNull(world);
        var clock = new FakeTimeProvider(Now);
        var schedule = new PatrolSchedule(world, 7);
        var workers = schedule.Workers.Count;
        Assert.Equal(workers, await SimRoster.EnsureAsync(db.DataSource, schedule.Workers, clock, default));
        Assert.Equal(0, await SimRoster.EnsureAsync(db.DataSource, schedule.Workers, clock, default));   // once per worker id
        var backfill = new Backfill(db.Host.Services.GetRequiredService<IngestPipeline>(), world, clock, db.DataSource);

        var totals = await backfill.RunAsync(TimeSpan.FromDays(10), 100, 7, "sim-patrol", _ => { }, default);

        Assert.Equal(0, totals.Rejected);
        Assert.Equal(0, await db.ScalarAsync<long>("""
            SELECT count(*) FROM cases c WHERE c.source = 'sim-patrol' AND c.channel = '网格员巡查'
              AND (c.reporter_worker_id IS NULL OR NOT EXISTS (SELECT 1 FROM roster_people r WHERE r.worker_id = c.reporter_worker_id))
            """));
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM cases WHERE source = 'sim-patrol' AND reporter_worker_id IS NOT NULL") > 50);
        Assert.Equal(0, await db.ScalarAsync<long>("SELECT count(*) FROM cases WHERE source = 'sim-patrol' AND channel <> '网格员巡查' AND reporter_worker_id IS NOT NULL"));
        Assert.Equal(0, await db.ScalarAsync<long>("""
            SELECT count(*) FROM patrol_events p WHERE p.source = 'sim-patrol'
              AND NOT EXISTS (SELECT 1 FROM roster_people r WHERE r.worker_id = p.worker_id)
            """));
    }

    [Fact]
    public void Anchored_patrols_leave_four_of_the_133_grids_out_for_4_6_and_9_days_and_one_for_good()
    {
        // One point per grid, each its own longitude: the schedule sends positions, and the longitude tells the grid.
        var grids = Enumerable.Range(1, 133).Select(i => new SimWorld.Grid($"G{i:000}", "社区", [(119.8 + i * 0.001, 31.0)], 1)).ToList();
        var byLon = grids.ToDictionary(g => Math.Round(g.Points[0].Lon, 6), g => g.Code);
        var world = new SimWorld { Grids = grids, Categories = [] };
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(Now).Date);

        var lastDay = new PatrolSchedule(world, 7, anchor: Now).Between(Now.AddDays(-20), Now.AddDays(3))
            .Select(e => JsonDocument.Parse(e.Json).RootElement)
            .Where(e => e.GetProperty("kind").GetString() is "check-in" or "visit")
            .GroupBy(e => byLon[Math.Round(e.GetProperty("lon").GetDouble(), 6)])
            .ToDictionary(g => g.Key, g => g.Max(e => DateOnly.FromDateTime(Shanghai.ToLocal(e.GetProperty("at").GetDateTimeOffset()).Date)));

        Assert.True(lastDay["G008"] < today.AddDays(-4));
        Assert.True(lastDay["G042"] < today.AddDays(-6));
        Assert.True(lastDay["G089"] < today.AddDays(-9));
        Assert.False(lastDay.ContainsKey("G121"));
        // Every other grid is still swept: patrolled within the three days either side of the anchor.
        Assert.Equal(132, lastDay.Count);
        Assert.All(lastDay.Where(d => d.Key is not ("G008" or "G042" or "G089")), d => Assert.True(d.Value >= today.AddDays(-3), d.Key));
    }
}
