using CommandCenter.BrowserTests.Cases;
using CommandCenter.BrowserTests.Infrastructure;
using CommandCenter.BrowserTests.Work;
using CommandCenter.Core.Cases;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.BrowserTests.Leaders;

/// <summary>A leader writes a 批示 on a case: the officer's open case page and duty queue and the unit's open
/// work list show it at once; the officer marks it read; the leader takes charge and the case is on 领导包案.</summary>
public sealed class LeaderInstructionTests(WallFixture wall) : IClassFixture<WallFixture>
{
    private const string Text = "务必今日内解决，结果直接报我";

    [Fact]
    public async Task A_leaders_instruction_reaches_the_officer_and_the_unit_at_once_and_a_leader_takes_charge()
    {
        var id = await DispatchedCaseAsync();
        var unit = new UnitPage(await wall.NewPersonPageAsync(Roles.Unit), wall.Web.BaseAddress);   // bound to 城管
        await unit.OpenListAsync();
        var officerCase = new OfficerPage(await wall.NewPersonPageAsync(Roles.Officer), wall.Web.BaseAddress);
        await officerCase.OpenCaseAsync(id);
        var queue = new OfficerPage(await wall.NewPersonPageAsync(Roles.Officer), wall.Web.BaseAddress);
        await queue.OpenQueueAsync();
        var leader = new OfficerPage(await wall.NewPersonPageAsync(Roles.Leader), wall.Web.BaseAddress);
        await leader.OpenCaseAsync(id);
        await Expect(leader.Page.Locator("[data-testid=leader-panel]")).ToBeVisibleAsync();
        await Expect(officerCase.Page.Locator("[data-testid=leader-panel]")).ToHaveCountAsync(0);   // officers do not issue 批示

        await leader.Page.Locator("[data-testid=leader-instruct]").ClickAsync();
        await leader.Page.Locator("textarea[name=leader-text]").FillAsync(Text);
        await leader.Page.Locator("[data-testid=leader-submit]").ClickAsync();
        await Expect(leader.Page.Locator("[data-testid=leader-message]")).ToContainTextAsync("已领导批示");

        // Committed → announced → on every open page that must hear of it, within about a second.
        var quick = new LocatorAssertionsToContainTextOptions { Timeout = 1_500 };
        await Expect(officerCase.Page.Locator("[data-testid=instruction]")).ToContainTextAsync(Text, quick);
        var centerNotice = queue.Page.Locator($"[data-testid=center-notice][data-case-id=\"{id}\"]");
        await Expect(centerNotice).ToContainTextAsync(Text, quick);
        await Expect(unit.Banner).ToContainTextAsync(Text, quick);
        await officerCase.Page.ScreenshotAsync(new() { Path = Artifacts.PathFor("case-with-instruction.png") });
        await queue.Page.ScreenshotAsync(new() { Path = Artifacts.PathFor("queue-with-instruction.png") });

        await centerNotice.Locator("[data-testid=center-notice-read]").ClickAsync();
        await Expect(centerNotice).ToHaveCountAsync(0);
        await Expect(officerCase.Timeline.Filter(new() { HasText = "已阅" })).Not.ToHaveCountAsync(0);

        await unit.Row(id).ClickAsync();
        await Expect(unit.Page.Locator("[data-testid=instruction]")).ToContainTextAsync(Text);

        await leader.Page.Locator("[data-testid=leader-take-charge]").ClickAsync();
        await leader.Page.Locator("textarea[name=leader-text]").FillAsync("三日内化解，每日报告进展");
        await leader.Page.Locator("[data-testid=leader-submit]").ClickAsync();
        await Expect(leader.Page.Locator("[data-testid=case-lead]")).ToContainTextAsync("三日内化解");
        await Expect(unit.Page.Locator("[data-testid=case-lead]")).ToContainTextAsync("领导包案");

        await leader.Page.GotoAsync(new Uri(wall.Web.BaseAddress, "leads").ToString());
        await Expect(leader.Page.Locator($"[data-testid=lead-row][data-case-id=\"{id}\"]")).ToContainTextAsync("三日内化解");
        await leader.Page.ScreenshotAsync(new() { Path = Artifacts.PathFor("leads.png") });
    }

    /// <summary>A case in grid G091 (no other browser test uses it), accepted as ingest writes it and dispatched to
    /// 城管 by an officer through the real CaseActions.</summary>
    private async Task<long> DispatchedCaseAsync()
    {
        var (lon, lat) = SampleData.CentreOf(90);
        long id;
        await using (var conn = await wall.DataSource.OpenConnectionAsync())
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await using var cmd = new NpgsqlCommand("""
                INSERT INTO cases (source, external_id, channel, category_code, title, location, grid_code, priority, status, reported_at, accepted_at)
                VALUES ('12345', @ext, '12345热线', 'parking', '小区门口长期占道经营', ST_SetSRID(ST_MakePoint(@lon, @lat), 4326), 'G091',
                        2, 'accepted', now(), now())
                RETURNING id
                """, conn, tx);
            cmd.Parameters.AddWithValue("ext", Guid.NewGuid().ToString("N"));
            cmd.Parameters.AddWithValue("lon", lon);
            cmd.Parameters.AddWithValue("lat", lat);
            id = (long)(await cmd.ExecuteScalarAsync())!;
            await ChangeLog.AppendAsync(conn, tx, new IncidentsChange([id], ["G091"], "12345", 1, 0, [id]), CancellationToken.None);
            await tx.CommitAsync();
        }
        var actions = new CaseActions(wall.DataSource, TimeProvider.System, NullLogger<CaseActions>.Instance);
        var result = await actions.ApplyAsync(id, 1, new CaseCommand.Dispatch("chengguan", "城管"), "测试值班员（officer）", CancellationToken.None);
        Assert.True(result.Done, result.Message);
        return id;
    }
}
