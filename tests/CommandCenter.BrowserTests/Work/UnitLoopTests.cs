using CommandCenter.BrowserTests.Cases;
using CommandCenter.BrowserTests.Infrastructure;
using CommandCenter.BrowserTests.Pages;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Security;
using CommandCenter.Tests.Photos;
using CommandCenter.Tests.Infrastructure;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.BrowserTests.Work;

/// <summary>The unit works its own case: an officer dispatches to 城管, the 城管 account's open /work shows it at
/// once with its tone, signs for it and feeds back with a photo; the officer sees who signed and reviews; the wall follows every step.</summary>
public sealed class UnitLoopTests(WallFixture wall) : IClassFixture<WallFixture>
{
    [Fact]
    public async Task An_officer_dispatches_the_unit_signs_and_feeds_back_and_the_officer_and_the_wall_follow()
    {
        var screen = new ScreenPage(await wall.NewPageAsync(), wall.Web.BaseAddress);
        await screen.OpenAsync();
        var unit = new UnitPage(await wall.NewPersonPageAsync(Roles.Unit), wall.Web.BaseAddress);   // bound to 城管
        await unit.OpenListAsync();
        await unit.AllowSoundAsync();
        var tonesBefore = await unit.TonesAsync();
        var officer = new OfficerPage(await wall.NewPersonPageAsync(Roles.Officer), wall.Web.BaseAddress);
        var id = await AcceptedCaseAsync();
        await officer.OpenCaseAsync(id);
        await Expect(officer.Status).ToHaveTextAsync("已受理");
        var ticker = screen.TickerRow(id);
        await Expect(ticker).ToContainTextAsync("已受理");

        await officer.Page.Keyboard.PressAsync("d");
        await officer.Page.Locator("[data-testid=assignee]").SelectOptionAsync("chengguan");
        await officer.Page.Keyboard.PressAsync("Control+Enter");
        await Expect(officer.Status).ToHaveTextAsync("已分流");

        // Committed → announced → on the unit's open page within a second, with the banner (and the tone).
        await Expect(unit.Row(id)).ToBeVisibleAsync(new() { Timeout = 1_000 });
        await Expect(unit.Banner).ToContainTextAsync($"#{id}");
        await Expect(unit.Page.Locator("body")).Not.ToHaveAttributeAsync("data-tones", tonesBefore.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new() { Timeout = 1_000 });
        await Expect(unit.Row(id).Locator("[data-testid=work-signed]")).ToHaveTextAsync("待签收");
        await Expect(officer.Page.Locator("[data-testid=case-unsigned]")).ToBeVisibleAsync();
        await Expect(ticker).ToContainTextAsync("已分流");
        await unit.Page.ScreenshotAsync(new() { Path = Artifacts.PathFor("work-list-new-case.png") });

        await unit.Row(id).ClickAsync();
        await Expect(unit.Page.Locator("[data-testid=case-title]")).ToContainTextAsync($"#{id}");
        await Expect(unit.Page.Locator("[data-testid=case-reporter]")).Not.ToContainTextAsync("13900005678");   // a department sees it masked
        await unit.ActAsync("start", "处置中");
        await Expect(ticker).ToContainTextAsync("处置中");
        await Expect(officer.Status).ToHaveTextAsync("处置中");
        await Expect(officer.Page.Locator("[data-testid=case-signed]")).ToContainTextAsync("已签收");

        await unit.ActAsync("feedback", "已反馈", note: "已清理占道堆物，恢复通行", photo: TestImages.Jpeg(1600, 1200, withGps: true));
        await Expect(unit.Page.Locator("[data-testid=work-message]")).ToContainTextAsync("附照片 1 张");
        await Expect(unit.Page.Locator("[data-testid=case-photo-thumb]")).ToHaveCountAsync(1);
        await Expect(ticker).ToContainTextAsync("已反馈");
        await Expect(officer.Status).ToHaveTextAsync("已反馈");
        // The officer reviews with the unit's photo in front of them; the wall never shows it.
        await Expect(officer.Page.Locator("[data-testid=case-photo-thumb]")).ToHaveCountAsync(1);
        await Expect(screen.Page.Locator("img[src*='photos/']")).ToHaveCountAsync(0);
        await unit.Page.ScreenshotAsync(new() { Path = Artifacts.PathFor("work-case-fed-back.png") });

        await officer.ActAsync("r", "待回访");
        await Expect(ticker).ToContainTextAsync("待回访");
        await Expect(officer.Timeline.Filter(new() { HasText = "签收处置" })).ToContainTextAsync("测试承办单位");
    }

    /// <summary>An accepted 紧急 case in grid G090 (no other browser test uses it), written as ingest writes it.</summary>
    private async Task<long> AcceptedCaseAsync()
    {
        var (lon, lat) = SampleData.CentreOf(89);
        await using var conn = await wall.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO cases (source, external_id, channel, category_code, title, location, grid_code, reporter_name,
                               reporter_phone, priority, status, reported_at, accepted_at)
            VALUES ('12345', @ext, '12345热线', 'parking', '人行道堆物占道', ST_SetSRID(ST_MakePoint(@lon, @lat), 4326), 'G090',
                    '王秀英', '13900005678', 1, 'accepted', now(), now())
            RETURNING id
            """, conn, tx);
        cmd.Parameters.AddWithValue("ext", Guid.NewGuid().ToString("N"));
        cmd.Parameters.AddWithValue("lon", lon);
        cmd.Parameters.AddWithValue("lat", lat);
        var id = (long)(await cmd.ExecuteScalarAsync())!;
        await ChangeLog.AppendAsync(conn, tx, new IncidentsChange([id], ["G090"], "12345", 1, 0, [id]), CancellationToken.None);
        await tx.CommitAsync();
        return id;
    }
}
