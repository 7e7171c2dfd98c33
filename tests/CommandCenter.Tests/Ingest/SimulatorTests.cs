using CommandCenter.Ingest.Simulator;
using CommandCenter.Ingest.Writer;
using CommandCenter.Ingest.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Tests.Ingest;

public sealed class SimulatorTests(IngestFixture db) : IClassFixture<IngestFixture>
{
    [Fact]
    public async Task Backfill_writes_valid_history_through_the_pipeline_with_cases_in_every_stage()
    {
        var world = await SimWorld.LoadAsync(db.DataSource, 7, default);
        Assert.NotNull(world);
        var backfill = new Backfill(db.Host.Services.GetRequiredService<IngestPipeline>(), world, TimeProvider.System, db.DataSource);

        var totals = await backfill.RunAsync(TimeSpan.FromDays(10), 60, 7, "sim-test", _ => { }, default);

        Assert.True(totals.Rejected == 0, await RejectsAsync("sim-test"));
        Assert.Equal(totals.Cases, await db.ScalarAsync<long>("SELECT count(*) FROM cases WHERE source = 'sim-test' AND grid_code IS NOT NULL"));
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM cases WHERE source = 'sim-test' AND status = 'closed' AND satisfaction IS NOT NULL") > totals.Cases / 2);
        Assert.True(await db.ScalarAsync<long>("SELECT count(*) FROM patrol_events WHERE source = 'sim-test' AND grid_code IS NOT NULL") > 100);
        Assert.Equal(totals.PatrolEvents, await db.ScalarAsync<long>("SELECT count(*) FROM patrol_events WHERE source = 'sim-test'"));
        Assert.Equal(totals.Mediations, await db.ScalarAsync<long>("SELECT count(*) FROM mediations WHERE source = 'sim-test' AND case_id IS NOT NULL"));
    }

    /// <summary>Issue 14: the simulator exercises the whole loop at plausible rates — 退回, 驳回重办, 不满意 reopens,
    /// 纠风办 after a second 不满意, duplicates from a second channel merged — and its deadlines make a realistic
    /// 按期办结率. Seeded and with a fixed clock, so the same history every run.</summary>
    [Fact]
    public async Task A_seeded_backfill_takes_every_detour_of_the_loop_at_plausible_rates()
    {
        var world = await SimWorld.LoadAsync(db.DataSource, 7, default);
        Assert.NotNull(world);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 1, 12, 0, 0, TimeSpan.FromHours(8)));
        var backfill = new Backfill(db.Host.Services.GetRequiredService<IngestPipeline>(), world, clock, db.DataSource);

        var totals = await backfill.RunAsync(TimeSpan.FromDays(30), 120, 20261201, "sim-rates", _ => { }, default);

        Assert.True(totals.Rejected == 0, await RejectsAsync("sim-rates"));
        Assert.True(totals.ActionsRefused <= totals.Actions / 50, $"{totals.ActionsRefused} of {totals.Actions + totals.ActionsRefused} steps refused");
        async Task<double> Rate(string part, string whole)
        {
            var p = await db.ScalarAsync<long>($"SELECT count(*) FROM cases c WHERE c.source = 'sim-rates' AND {part}");
            var w = await db.ScalarAsync<long>($"SELECT count(*) FROM cases c WHERE c.source = 'sim-rates' AND {whole}");
            Assert.True(w > 50, $"too few cases for {whole}: {w}");
            return (double)p / w;
        }
        const string Primary = "c.merged_into IS NULL";
        const string Event = "EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = c.id AND e.action = '{0}')";
        var rates = new Dictionary<string, (double Value, double Min, double Max)>
        {
            ["退回 / 分流"] = (await Rate(string.Format(Event, "return"), $"{Primary} AND c.dispatched_at IS NOT NULL"), 0.02, 0.07),
            ["驳回重办 / 反馈"] = (await Rate(string.Format(Event, "rework"), $"{Primary} AND c.feedback_at IS NOT NULL"), 0.01, 0.06),
            ["不满意重办 / 回访"] = (await Rate($"{Primary} AND c.reopened_count > 0", $"{Primary} AND c.callback_at IS NOT NULL"), 0.025, 0.09),
            ["纠风办 / 不满意重办"] = (await Rate($"{Primary} AND c.escalated_jfb", $"{Primary} AND c.reopened_count > 0"), 0.1, 0.45),
            ["合并重复件 / 受理"] = (await Rate("c.merged_into IS NOT NULL", "TRUE"), 0.02, 0.07),
            ["按期办结率"] = (await Rate($"{Primary} AND c.closed_at IS NOT NULL AND (c.deadline_at IS NULL OR c.closed_at <= c.deadline_at)",
                $"{Primary} AND c.closed_at IS NOT NULL"), 0.8, 0.97),
            ["满意率"] = (await Rate($"{Primary} AND c.satisfaction IN ('满意', '基本满意')", $"{Primary} AND c.satisfaction IS NOT NULL"), 0.9, 1.0),
            ["重复投诉率"] = (await Rate("(c.merged_into IS NOT NULL OR c.reopened_count > 0)", "c.accepted_at IS NOT NULL"), 0.04, 0.14),
        };
        var report = string.Join("; ", rates.Select(r => $"{r.Key} {r.Value.Value:P1}"));
        foreach (var (name, (value, min, max)) in rates)
            Assert.True(value >= min && value <= max, $"{name} = {value:P1}, expected {min:P0}–{max:P0} ({report})");
        // Every escalated case is on the 纠风办 list, escalated at the 回访 that escalated it.
        Assert.Equal(
            await db.ScalarAsync<long>("SELECT count(*) FROM cases WHERE source = 'sim-rates' AND escalated_jfb"),
            await db.ScalarAsync<long>("SELECT count(*) FROM jfb_cases j JOIN cases c ON c.id = j.case_id WHERE c.source = 'sim-rates'"));
        // The simulated deadlines follow the category's time limit from the (re-)dispatch or the last 不满意 回访.
        Assert.Equal(0L, await db.ScalarAsync<long>("""
            SELECT count(*) FROM cases c JOIN categories k ON k.code = c.category_code
            WHERE c.source = 'sim-rates' AND c.merged_into IS NULL AND c.deadline_at IS NOT NULL AND c.reopened_count = 0
              AND c.deadline_at <> c.dispatched_at + make_interval(hours => k.time_limit_hours)
            """));
        Console.WriteLine(report);
    }

    private async Task<string> RejectsAsync(string source)
    {
        var lines = new List<string>();
        await using var cmd = db.DataSource.CreateCommand("SELECT reason, left(raw, 300) FROM rejects WHERE source = @s ORDER BY id LIMIT 5");
        cmd.Parameters.AddWithValue("s", source);
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) lines.Add(r.GetString(0) + " :: " + r.GetString(1));
        return string.Join("\n", lines);
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
