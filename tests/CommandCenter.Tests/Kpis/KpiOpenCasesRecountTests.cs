using CommandCenter.Core.Kpis;
using CommandCenter.Tests.Infrastructure;
using Dapper;

namespace CommandCenter.Tests.Kpis;

/// <summary>The wall's "open at now" figures (open, 超期, 紧急, 督办 — the snapshot's and every grid's) read
/// <see cref="KpiCalculator.OpenAtNow"/> as two halves so they use 0170's index of open cases (issue 17).
/// These recount them with the one-predicate definition over the raw table, at moments where cases are
/// still open, closed later than "now", merged, outside every grid and exactly at their deadline.</summary>
public sealed class KpiOpenCasesRecountTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    private static readonly DateTimeOffset Noon = new(2026, 4, 2, 12, 0, 0, TimeSpan.FromHours(8));

    private const string RecountSql = $"""
        SELECT coalesce(c.grid_code, '') AS Grid,
               count(*)::int AS Open,
               count(*) FILTER (WHERE c.deadline_at < @now)::int AS Overdue,
               count(*) FILTER (WHERE c.priority = 1)::int AS Urgent,
               count(*) FILTER (WHERE c.supervise_level > 0)::int AS Supervised
        FROM cases c WHERE {KpiCalculator.OpenAtNow}
        GROUP BY coalesce(c.grid_code, '')
        """;

    private sealed record Recount(string Grid, int Open, int Overdue, int Urgent, int Supervised);

    [Fact]
    public async Task Open_overdue_urgent_and_supervised_equal_a_recount_with_the_single_predicate()
    {
        var grids = await SampleData.EnsureGridsAsync(db.DataSource, 6);
        var random = new Random(17);
        var specs = new List<CaseSpec>();
        for (var i = 0; i < 400; i++)
        {
            var accepted = Noon.AddDays(-5).AddMinutes(random.Next(0, 6 * 24 * 60));
            var closed = random.Next(3) == 0 ? (DateTimeOffset?)null : accepted.AddMinutes(random.Next(10, 3 * 24 * 60));
            var deadline = i % 31 == 0 ? (DateTimeOffset?)null : accepted.AddHours(random.Next(1, 60));
            specs.Add(new CaseSpec(accepted)
            {
                Grid = i % 11 == 0 ? null : grids[random.Next(grids.Count)], Priority = 1 + random.Next(3),
                Status = closed is null ? "dispatched" : "closed", DeadlineAt = deadline, ClosedAt = closed,
                SuperviseLevel = random.Next(4) == 0 ? 1 + random.Next(3) : 0,
            });
        }
        // One case due exactly at noon: not yet 超期 at noon (deadline < now), 超期 a second later.
        specs.Add(new CaseSpec(Noon.AddHours(-5)) { Grid = grids[0], Status = "dispatched", DeadlineAt = Noon, Priority = 1 });
        var ids = await SampleData.AddCasesAsync(db.DataSource, specs);
        await SampleData.AddCasesAsync(db.DataSource, [new CaseSpec(Noon.AddHours(-2)) { Grid = grids[1], Status = "dispatched", MergedInto = ids[0] }]);
        var kpis = new KpiCalculator(db.DataSource);

        foreach (var now in new[] { Noon, Noon.AddSeconds(1), Noon.AddDays(-2).AddHours(5), Noon.AddDays(3) })
        {
            await using var conn = await db.DataSource.OpenConnectionAsync();
            var recount = (await conn.QueryAsync<Recount>(RecountSql, new { now = now.ToUniversalTime() })).ToDictionary(r => r.Grid);
            var today = KpiPeriod.Today(now);

            var all = await kpis.ComputeAsync(today, now, KpiScope.All, CancellationToken.None);
            Assert.Equal((recount.Values.Sum(r => r.Open), recount.Values.Sum(r => r.Overdue), recount.Values.Sum(r => r.Urgent), recount.Values.Sum(r => r.Supervised)),
                (all.Open, all.Overdue, all.OpenUrgent, all.Supervised));
            Assert.True(all.Open > 0, $"no open case at {now:O}: the recount would prove nothing");

            foreach (var load in await kpis.GridLoadAsync(today, now, KpiScope.All, CancellationToken.None))
            {
                var expected = recount.GetValueOrDefault(load.GridCode) ?? new Recount(load.GridCode, 0, 0, 0, 0);
                Assert.Equal((expected.Open, expected.Overdue, expected.Urgent, expected.Supervised),
                    (load.Open, load.Overdue, load.Urgent, load.Supervised));
            }
        }
    }

    [Fact]
    public async Task A_case_closed_after_a_past_now_counts_as_open_at_that_now()
    {
        var grids = await SampleData.EnsureGridsAsync(db.DataSource, 6);
        var grid = grids[^1];
        var kpis = new KpiCalculator(db.DataSource);
        var before = await kpis.GridLoadAsync(KpiPeriod.Today(Noon.AddDays(-20)), Noon.AddDays(-20), KpiScope.Grid(grid), CancellationToken.None);
        await SampleData.AddCasesAsync(db.DataSource, [new CaseSpec(Noon.AddDays(-21))
        {
            Grid = grid, Status = "closed", DeadlineAt = Noon.AddDays(-20.5), ClosedAt = Noon.AddDays(-19), Priority = 1, SuperviseLevel = 2,
        }]);

        var at = await kpis.GridLoadAsync(KpiPeriod.Today(Noon.AddDays(-20)), Noon.AddDays(-20), KpiScope.Grid(grid), CancellationToken.None);
        var snapshotAt = await kpis.ComputeAsync(KpiPeriod.Today(Noon.AddDays(-20)), Noon.AddDays(-20), KpiScope.Grid(grid), CancellationToken.None);
        var after = await kpis.ComputeAsync(KpiPeriod.Today(Noon.AddDays(-18)), Noon.AddDays(-18), KpiScope.Grid(grid), CancellationToken.None);

        Assert.Equal((before[0].Open + 1, before[0].Overdue + 1, before[0].Urgent + 1, before[0].Supervised + 1),
            (at[0].Open, at[0].Overdue, at[0].Urgent, at[0].Supervised));
        Assert.Equal((at[0].Open, at[0].Overdue), (snapshotAt.Open, snapshotAt.Overdue));
        Assert.Equal(before[0].Open, after.Open);
    }
}
