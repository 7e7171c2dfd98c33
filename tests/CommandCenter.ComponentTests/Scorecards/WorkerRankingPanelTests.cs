using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Security;
using CommandCenter.Features.Scorecards;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.ComponentTests.Scorecards;

/// <summary>网格员排名 on /scorecards: loads the period's patrols from the class's own database, names workers from the
/// roster and shows an id the roster does not know as such.</summary>
public sealed class WorkerRankingPanelTests : MudTest, IClassFixture<PostgisDatabase>
{
    private readonly PostgisDatabase _db;

    public WorkerRankingPanelTests(PostgisDatabase db)
    {
        _db = db;
        Ctx.AddCommandCenter(db.DataSource, Clocks.Fixed());
        Ctx.SignIn(Roles.Leader, "leader1", "李领导");
    }

    [Fact]
    public async Task Workers_of_the_period_are_ranked_by_roster_name_and_an_unknown_id_is_shown_as_such()
    {
        await SampleData.EnsureGridsAsync(_db.DataSource, 4);
        await using (var cmd = _db.DataSource.CreateCommand("""
            DELETE FROM patrol_events; DELETE FROM roster_people;
            INSERT INTO roster_people (worker_id, name, team_role, grid_codes, active_from) VALUES ('gw-01', '周网格', '专职网格员', ARRAY['G001', 'G002'], '2026-01-01')
            """)) await cmd.ExecuteNonQueryAsync();
        var day = Clocks.Monday10.AddDays(-7);   // Monday 2026-02-23, in February
        await SampleData.AddPatrolAsync(_db.DataSource, "gw-01", "check-in", day, "G001");
        await SampleData.AddPatrolAsync(_db.DataSource, "gw-01", "visit", day.AddHours(2), "G002");
        await SampleData.AddPatrolAsync(_db.DataSource, "gw-77", "visit", day.AddHours(1), "G003");

        var cut = Ctx.Render<WorkerRankingPanel>(p => p.Add(x => x.First, new DateOnly(2026, 2, 1)).Add(x => x.Last, new DateOnly(2026, 2, 28)));

        cut.WaitForAssertion(() =>
        {
            var rows = cut.FindAll("[data-test=worker-rank]").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToList()).ToList();
            Assert.Equal(["1", "周网格"], rows[0].Take(2));
            Assert.Equal(["不排名", "未登记工号 gw-77（王网格）"], rows[1].Take(2));
        });
    }
}
