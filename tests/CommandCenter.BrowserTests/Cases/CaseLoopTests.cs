using CommandCenter.BrowserTests.Infrastructure;
using CommandCenter.BrowserTests.Pages;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.BrowserTests.Cases;

/// <summary>A duty officer takes a new urgent case through the whole loop by keyboard while the wall screen,
/// open in a second page, reflects every step.</summary>
public sealed class CaseLoopTests(WallFixture wall) : IClassFixture<WallFixture>
{
    [Fact]
    public async Task An_officer_takes_an_ingested_urgent_case_through_the_loop_and_the_wall_follows_each_step()
    {
        var screen = new ScreenPage(await wall.NewPageAsync(), wall.Web.BaseAddress);
        await screen.OpenAsync();
        var officer = new OfficerPage(await wall.NewPersonPageAsync(Roles.Officer), wall.Web.BaseAddress);
        await officer.OpenQueueAsync();

        var id = await IngestPendingAsync();

        // The queue alerts within seconds: banner, highlighted row on top; Enter opens the case.
        await Expect(officer.UrgentAlert).ToContainTextAsync($"#{id}");
        await Expect(officer.QueueRow(id)).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("flash"));
        await officer.Page.ScreenshotAsync(new() { Path = Artifacts.PathFor("cases-queue-alert.png") });
        await officer.Page.Keyboard.PressAsync("Enter");
        await Expect(officer.Status).ToHaveTextAsync("待受理");
        await officer.ShortcutsLiveAsync($"case-{id}");
        var ticker = screen.TickerRow(id);
        await Expect(ticker).ToContainTextAsync("待受理");
        await Expect(ticker).Not.ToContainTextAsync("13900001234");   // masked on the wall

        var accepted = await screen.TileNumberAsync("今日受理");
        var supervised = await screen.TileNumberAsync("督办件");
        var closed = await screen.TileNumberAsync("今日办结");

        await officer.ActAsync("a", "已受理");
        await Expect(ticker).ToContainTextAsync("已受理");
        await Expect(screen.Tile("今日受理")).ToHaveTextAsync($"{accepted + 1}件");

        await officer.ActAsync("d", "已分流");
        await Expect(ticker).ToContainTextAsync("已分流");
        await Expect(officer.Page.Locator("[data-testid=countdown]")).ToContainTextAsync("剩余");

        await officer.Page.Keyboard.PressAsync("w");
        await officer.Page.Locator("[data-testid=action-form] textarea").FillAsync("燃气隐患，请立即到场");
        await officer.Page.Keyboard.PressAsync("Control+Enter");
        await Expect(officer.Page.Locator("[data-testid=case-supervise]")).ToHaveTextAsync("1级督办");
        await Expect(screen.Tile("督办件")).ToHaveTextAsync($"{supervised + 1}件");

        await officer.ActAsync("s", "处置中");
        await Expect(ticker).ToContainTextAsync("处置中");
        await officer.ActAsync("f", "已反馈", note: "已关闭总阀，燃气公司更换软管");
        await Expect(ticker).ToContainTextAsync("已反馈");
        await officer.ActAsync("r", "待回访");
        await Expect(ticker).ToContainTextAsync("待回访");
        // 回访 by keyboard: 3 = 不满意 reopens the case for rectification, then 1 = 满意 closes it.
        await officer.ActAsync("v", "处置中", choice: "3");
        await Expect(ticker).ToContainTextAsync("处置中");
        await officer.ActAsync("f", "已反馈", note: "重新检查全部管线，加装报警器");
        await officer.ActAsync("r", "待回访");
        await officer.ActAsync("v", "已办结", choice: "1");

        await Expect(ticker).ToContainTextAsync("已办结");
        await Expect(screen.Tile("今日办结")).ToHaveTextAsync($"{closed + 1}件");
        await Expect(screen.Tile("督办件")).ToHaveTextAsync($"{supervised}件");
        // 上报 + 受理 分流 督办 (+ its notice to the unit) 签收 反馈 审核 回访(不满意) 反馈 审核 回访
        await Expect(officer.Timeline).ToHaveCountAsync(12);
        await officer.Page.ScreenshotAsync(new() { Path = Artifacts.PathFor("cases-closed.png") });
        await screen.ScreenshotAsync("cases-screen-after-loop.png");
    }

    /// <summary>A pending 紧急 case written the way ingest writes it: one transaction ending with the change-log
    /// row, not accepted yet. Grid G070: no other test uses it.</summary>
    private async Task<long> IngestPendingAsync()
    {
        var (lon, lat) = SampleData.CentreOf(69);
        await using var conn = await wall.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO cases (source, external_id, channel, category_code, title, location, grid_code, reporter_name,
                               reporter_phone, priority, status, reported_at)
            VALUES ('12345', @ext, '12345热线', 'safety', '楼道内燃气异味', ST_SetSRID(ST_MakePoint(@lon, @lat), 4326), 'G070',
                    '李建国', '13900001234', 1, 'pending', now())
            RETURNING id
            """, conn, tx);
        cmd.Parameters.AddWithValue("ext", Guid.NewGuid().ToString("N"));
        cmd.Parameters.AddWithValue("lon", lon);
        cmd.Parameters.AddWithValue("lat", lat);
        var id = (long)(await cmd.ExecuteScalarAsync())!;
        await ChangeLog.AppendAsync(conn, tx, new IncidentsChange([id], ["G070"], "12345", 1, 0, [id]), CancellationToken.None);
        await tx.CommitAsync();
        return id;
    }

    [Fact]
    public async Task An_officer_who_acts_on_a_stale_case_is_told_to_refresh_and_nothing_is_lost()
    {
        var id = (await SampleData.AddCasesAsync(wall.DataSource, [new CaseSpec(DateTimeOffset.UtcNow)
        {
            Grid = "G071", Status = "accepted", Title = "下水道堵塞",
        }]))[0];
        var first = new OfficerPage(await wall.NewPersonPageAsync(Roles.Officer), wall.Web.BaseAddress);
        var second = new OfficerPage(await wall.NewPersonPageAsync(Roles.Officer), wall.Web.BaseAddress);
        foreach (var p in new[] { first, second })
        {
            await p.OpenCaseAsync(id);
            await Expect(p.Status).ToHaveTextAsync("已受理");
        }
        // Both open the dispatch form on version N; the first submits, the second submits its stale form.
        await second.Page.Keyboard.PressAsync("d");
        await Expect(second.Page.Locator("[data-testid=action-form]")).ToBeVisibleAsync();
        await first.ActAsync("d", "已分流");
        await second.Page.Keyboard.PressAsync("Control+Enter");
        await Expect(second.Page.Locator("[data-testid=action-error]")).ToContainTextAsync("已被其他值班员更新");
        await Expect(second.Status).ToHaveTextAsync("已分流");
    }
}
