using CommandCenter.Core.Kpis;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.Tests.Kpis;

/// <summary>The grouped breakdowns that make replay fast count exactly what the snapshot counts: the daily
/// 受理/办结 read equals a day's <see cref="KpiCalculator.ComputeAsync"/>, and each grid's load equals that
/// grid's snapshot — at several moments, with cases on day boundaries, merged, closed after now and outside grids.</summary>
public sealed class KpiBreakdownEquivalenceTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    private static readonly DateTimeOffset Midnight = new(2026, 3, 10, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Daily_counts_and_grid_loads_equal_the_snapshots_of_each_day_and_grid()
    {
        await SampleData.EnsureGridsAsync(db.DataSource, 6);
        var random = new Random(7);
        var specs = new List<CaseSpec>();
        for (var i = 0; i < 300; i++)
        {
            var accepted = Midnight.AddDays(-7).AddMinutes(random.Next(0, 8 * 24 * 60));
            if (i % 25 == 0) accepted = Midnight.AddDays(-random.Next(0, 7)); // exactly at a midnight
            var closed = random.Next(3) == 0 ? (DateTimeOffset?)null : accepted.AddMinutes(random.Next(10, 3 * 24 * 60));
            specs.Add(new CaseSpec(accepted)
            {
                Grid = i % 13 == 0 ? null : $"G00{1 + random.Next(6)}", Priority = 1 + random.Next(3), Status = closed is null ? "dispatched" : "closed",
                DeadlineAt = accepted.AddHours(random.Next(1, 48)), ClosedAt = closed, SuperviseLevel = random.Next(4) == 0 ? 1 : 0,
            });
        }
        var ids = await SampleData.AddCasesAsync(db.DataSource, specs);
        await SampleData.AddCasesAsync(db.DataSource, [new CaseSpec(Midnight.AddHours(-3)) { Grid = "G001", MergedInto = ids[0] }]);
        await SampleData.AddPatrolAsync(db.DataSource, "w1", "check-in", Midnight.AddHours(9), "G002");
        var kpis = new KpiCalculator(db.DataSource);

        foreach (var now in new[] { Midnight.AddHours(10.5), Midnight.AddDays(-2).AddHours(17), Midnight })
        {
            var today = KpiPeriod.Today(now);
            var week = new KpiPeriod(today.From.AddDays(-6), today.To);
            var daily = await kpis.AcceptedAndClosedByDayAsync(week, now, KpiScope.All, CancellationToken.None);
            Assert.Equal(7, daily.Count);
            for (var d = 0; d < 7; d++)
            {
                var day = KpiPeriod.Day(week.From.AddDays(d));
                var k = await kpis.ComputeAsync(day, now, KpiScope.All, CancellationToken.None);
                Assert.Equal((day.FirstDay, k.Accepted, k.Closed), daily[d]);
            }
            foreach (var load in await kpis.GridLoadAsync(today, now, KpiScope.All, CancellationToken.None))
            {
                var k = await kpis.ComputeAsync(today, now, KpiScope.Grid(load.GridCode), CancellationToken.None);
                Assert.Equal((k.Open, k.Overdue, k.OpenUrgent, k.Supervised, k.GridsPatrolled == 1),
                    (load.Open, load.Overdue, load.Urgent, load.Supervised, load.Patrolled));
            }
        }
    }
}
