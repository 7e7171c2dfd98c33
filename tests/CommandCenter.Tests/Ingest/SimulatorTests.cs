using CommandCenter.Ingest.Simulator;
using CommandCenter.Ingest.Writer;
using CommandCenter.Ingest.Validation;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Tests.Ingest;

public sealed class SimulatorTests(IngestFixture db) : IClassFixture<IngestFixture>
{
    [Fact]
    public async Task Backfill_writes_valid_history_through_the_pipeline_with_cases_in_every_stage()
    {
        var world = await SimWorld.LoadAsync(db.DataSource, 7, default);
        Assert.NotNull(world);
        var backfill = new Backfill(db.Host.Services.GetRequiredService<IngestPipeline>(), world, TimeProvider.System);

        var totals = await backfill.RunAsync(TimeSpan.FromDays(10), 60, 7, "sim-test", _ => { }, default);

        Assert.Equal(0, totals.Rejected);
        Assert.Equal(totals.Cases, await db.ScalarAsync<long>("SELECT count(*) FROM cases WHERE source = 'sim-test' AND grid_code IS NOT NULL"));
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM cases WHERE source = 'sim-test' AND status = 'closed' AND satisfaction IS NOT NULL") > totals.Cases / 2);
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM patrol_events WHERE source = 'sim-test' AND grid_code IS NOT NULL") > 100);
        Assert.Equal(totals.PatrolEvents, await db.ScalarAsync<long>("SELECT count(*) FROM patrol_events WHERE source = 'sim-test'"));
        Assert.Equal(totals.Mediations, await db.ScalarAsync<long>("SELECT count(*) FROM mediations WHERE source = 'sim-test' AND case_id IS NOT NULL"));
    }

    [Fact]
    public void Mid_morning_on_a_weekday_is_busier_than_a_weekend_night()
    {
        var mondayTen = new DateTimeOffset(2026, 11, 16, 10, 0, 0, TimeSpan.FromHours(8));
        var sundayThree = new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.FromHours(8));

        Assert.True(Rhythm.Factor(mondayTen) > 10 * Rhythm.Factor(sundayThree));
    }

    [Fact]
    public void A_simulated_case_shows_only_what_has_happened_by_then()
    {
        var world = new SimWorld
        {
            Grids = [new SimWorld.Grid("T01", "测试社区", [(119.905, 31.005)], 1)],
            Categories = [new SimWorld.Category("sewer", "下水道堵塞", 48, false)],
        };
        var c = new CaseFactory(world, 1).Next(DateTimeOffset.UtcNow.AddDays(-1), "t");

        var atReport = System.Text.Json.JsonDocument.Parse(c.ToJson(c.ReportedAt)).RootElement;

        Assert.Equal("accepted", atReport.GetProperty("status").GetString());
        Assert.False(atReport.TryGetProperty("dispatchedAt", out _));
        Assert.True(c.DispatchAt > c.ReportedAt);
    }
}
