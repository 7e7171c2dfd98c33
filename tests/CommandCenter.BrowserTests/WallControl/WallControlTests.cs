using System.Diagnostics;
using CommandCenter.BrowserTests.Infrastructure;
using CommandCenter.BrowserTests.Pages;
using CommandCenter.Core.Duty;
using CommandCenter.Core.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.BrowserTests.WallControl;

/// <summary>The duty desk drives the walls in real Chromium: an officer on /wall-control focuses a 片区 and
/// spotlights a case; a kiosk's /screen follows each within a second and returns to the normal view on
/// release. Also: the admin sees the wall online, and a leader replays the wall at 60×.</summary>
public sealed class WallControlTests(WallFixture wall) : IClassFixture<WallFixture>
{
    // The promise: the walls follow within a second of the desk's click.
    private static readonly LocatorAssertionsToBeVisibleOptions WithinASecond = new() { Timeout = 1000 };

    [Fact]
    public async Task A_wall_follows_a_focus_and_a_spotlight_within_a_second_and_returns_on_release()
    {
        var screen = new ScreenPage(await wall.NewPageAsync(), wall.Web.BaseAddress);
        await screen.OpenAsync();
        await Expect(screen.Page.Locator("[data-test=wall-link]")).ToBeAttachedAsync();
        var desk = await wall.NewPersonPageAsync(Roles.Officer, 1920, 1080);
        await desk.GotoAsync(new Uri(wall.Web.BaseAddress, "wall-control").ToString());
        await Expect(desk.Locator("[data-testid=wall-control][data-ready=true]")).ToBeVisibleAsync();
        var region = await ScalarAsync("SELECT code FROM regions ORDER BY code LIMIT 1");
        var overlay = screen.Page.Locator("[data-test=wall-command]");
        var map = screen.Page.Locator("[data-test=map]");

        // Focus a 片区: the map zooms to it and its open cases appear beside it.
        await desk.Locator($"[data-testid=focus-region-{region}]").ClickAsync();
        var clicked = Stopwatch.StartNew();
        await Expect(overlay.And(screen.Page.Locator("[data-kind=focus]"))).ToBeVisibleAsync(WithinASecond);
        await Expect(map).ToHaveAttributeAsync("data-focus", region!, new() { Timeout = 1000 });
        var focusMs = clicked.ElapsedMilliseconds;
        await Expect(screen.Page.Locator("[data-test=wall-focus-cases]")).ToBeVisibleAsync();

        // Release: back to the normal view.
        await desk.Locator("[data-testid=release]").First.ClickAsync();
        await Expect(overlay).ToHaveCountAsync(0, new() { Timeout = 1000 });
        await Expect(map).ToHaveAttributeAsync("data-focus", "", new() { Timeout = 1000 });

        // Spotlight a case whose text holds a phone number: timeline and place, personal data masked.
        var grid = wall.Grids[40].Code;
        var caseId = await wall.PostIncidentAsync("wall-control-spotlight", grid, priority: 1, reporterName: "司马光明",
            reporterPhone: "13912345678", title: "楼道电瓶车充电冒烟，住户13912345678报告");
        await desk.Locator("input[name=case]").FillAsync(caseId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await desk.Keyboard.PressAsync("Tab");
        await desk.Locator("[data-testid=spotlight]").ClickAsync();
        clicked.Restart();
        await Expect(overlay.And(screen.Page.Locator("[data-kind=spotlight]"))).ToBeVisibleAsync(WithinASecond);
        await Expect(map).ToHaveAttributeAsync("data-focus", $"case-{caseId}", new() { Timeout = 1000 });
        var spotlightMs = clicked.ElapsedMilliseconds;
        await Expect(screen.Page.Locator("[data-test=wall-timeline]")).ToContainTextAsync("上报");
        await Expect(screen.Page.Locator("[data-test=wall-command-title]")).ToContainTextAsync("139****5678");
        var html = await screen.Page.ContentAsync();
        Assert.DoesNotContain("13912345678", html);
        Assert.DoesNotContain("司马光明", html);
        await screen.ScreenshotAsync("wall-spotlight-1920x1080.png");
        await desk.ScreenshotAsync(new() { Path = Artifacts.PathFor("wall-control-1920x1080.png") });

        await desk.Locator("[data-testid=release]").First.ClickAsync();
        await Expect(overlay).ToHaveCountAsync(0, new() { Timeout = 1000 });
        await Expect(map).ToHaveAttributeAsync("data-focus", "", new() { Timeout = 1000 });
        Console.WriteLine($"wall followed: focus {focusMs} ms, spotlight {spotlightMs} ms");
        await screen.Page.Context.CloseAsync();
        await desk.Context.CloseAsync();
    }

    [Fact]
    public async Task The_admin_sees_which_walls_are_online_and_a_wall_opened_later_picks_up_the_command_in_force()
    {
        var desk = await wall.NewPersonPageAsync(Roles.Leader, 1600, 900);
        await desk.GotoAsync(new Uri(wall.Web.BaseAddress, "wall-control").ToString());
        await Expect(desk.Locator("[data-testid=wall-control][data-ready=true]")).ToBeVisibleAsync();
        await desk.Locator("[data-testid=scene-all]").ClickAsync();
        await Expect(desk.Locator("[data-testid=wall-notice]")).ToContainTextAsync("场景：全局态势");

        var screen = new ScreenPage(await wall.NewPageAsync(), wall.Web.BaseAddress);
        await screen.OpenAsync();
        var kiosk = wall.LastKioskId;
        await Expect(screen.Page.Locator("[data-test=wall-command][data-kind=scene]")).ToBeVisibleAsync();
        var admin = await wall.NewPersonPageAsync(Roles.Admin, 1600, 900);
        await admin.GotoAsync(new Uri(wall.Web.BaseAddress, "admin/kiosks").ToString());

        await Expect(admin.Locator($"[data-testid=wall-status][data-kiosk=\"{kiosk}\"]")).ToHaveAttributeAsync("data-online", "true");
        await Expect(admin.Locator($"[data-testid=wall-command-label][data-kiosk=\"{kiosk}\"]")).ToHaveTextAsync("场景：全局态势");
        await admin.ScreenshotAsync(new() { Path = Artifacts.PathFor("admin-walls-1600x900.png") });

        await desk.Locator("[data-testid=release]").First.ClickAsync();
        await Expect(screen.Page.Locator("[data-test=wall-command]")).ToHaveCountAsync(0);
        foreach (var p in new[] { desk, screen.Page, admin }) await p.Context.CloseAsync();
    }

    [Fact]
    public async Task A_leader_replays_yesterday_morning_at_60x_and_jumps_to_the_next_event()
    {
        var page = await wall.NewPersonPageAsync(Roles.Leader, 1920, 1080);
        var yesterday = CommandCenter.Core.Time.Shanghai.ToLocal(DateTimeOffset.UtcNow).Date.AddDays(-1);
        await page.GotoAsync(new Uri(wall.Web.BaseAddress, $"replay?at={yesterday:yyyy-MM-dd}T08:00").ToString());
        var replay = page.Locator("[data-test=replay]");
        await Expect(page.Locator("[data-test=tile][data-name=今日受理]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=replay-when]")).ToContainTextAsync($"{yesterday:yyyy-MM-dd} 08:00:00");
        await Expect(page.Locator("[data-test=map][data-ready=true]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var start = long.Parse((await replay.GetAttributeAsync("data-at"))!, System.Globalization.CultureInfo.InvariantCulture);

        await page.Locator("[data-testid=replay-play-60]").ClickAsync();
        await Expect(page.Locator("[data-test=replay-when]")).Not.ToContainTextAsync($"{yesterday:yyyy-MM-dd} 08:00:00");
        await page.Locator("[data-testid=replay-pause]").ClickAsync();
        var played = long.Parse((await replay.GetAttributeAsync("data-at"))!, System.Globalization.CultureInfo.InvariantCulture);
        await page.Locator("[data-testid=replay-next]").ClickAsync();
        await Expect(replay).Not.ToHaveAttributeAsync("data-at", played.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var next = long.Parse((await replay.GetAttributeAsync("data-at"))!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(played - start >= 60_000, $"60× moves at least a minute per second (moved {played - start} ms)");
        Assert.True(next > played);
        Assert.Contains("重建用时", await page.Locator("[data-test=replay-took]").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Artifacts.PathFor("replay-1920x1080.png") });
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_wall_names_who_is_on_duty_and_a_focused_grid_shows_its_team_masked()
    {
        var grid = wall.Grids[12].Code;
        // Today's patrol is counted in Shanghai's day: keep the events inside it even just after midnight.
        const string today = "(date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')";
        var now = DateTimeOffset.UtcNow;
        // Through the roster, as /admin/duty does: its change tells every node's DutyBoard to re-read.
        Assert.Null(await new DutyRoster(wall.DataSource, new AuditLog(wall.DataSource, TimeProvider.System), TimeProvider.System)
            .AddAsync(new DutyShiftDraft(now.AddHours(-1), now.AddHours(3), "欧阳带班", "陈值班、李值班", null),
                new AuditActor("管理员（admin）", Roles.Admin, null), default));
        await ExecAsync($"""
            INSERT INTO roster_people (worker_id, name, phone, team_role, grid_codes, active_from) VALUES
                (NULL, '王建国', '13811112222', '机关干部', ARRAY['{grid}'], current_date - 30),
                (NULL, '李秀英', '13822223333', '社区干部', ARRAY['{grid}'], current_date - 30),
                (NULL, '孙志愿', '13900000001', '志愿者', ARRAY['{grid}'], current_date - 30),
                ('W-WALL-1', '钱网格', '13700003333', '专职网格员', ARRAY['{grid}'], current_date - 30);
            INSERT INTO patrol_events (source, external_id, worker_id, worker_name, kind, at, grid_code)
            VALUES ('grid-app', 'wall-team-start', 'W-WALL-1', '钱网格', 'start', greatest(now() - interval '5 minutes', {today}), '{grid}'),
                   ('grid-app', 'wall-team-visit', 'W-WALL-1', '钱网格', 'visit', greatest(now() - interval '2 minutes', {today} + interval '1 second'), '{grid}');
            """);
        var screen = new ScreenPage(await wall.NewPageAsync(), wall.Web.BaseAddress);
        await screen.OpenAsync();
        await Expect(screen.Page.Locator("[data-test=duty]")).ToContainTextAsync("带班领导 欧阳带班 · 值班员 陈值班、李值班");

        var desk = await wall.NewPersonPageAsync(Roles.Officer, 1920, 1080);
        await desk.GotoAsync(new Uri(wall.Web.BaseAddress, "wall-control").ToString());
        await Expect(desk.Locator("[data-testid=wall-control][data-ready=true]")).ToBeVisibleAsync();
        await desk.Locator("input[name=grid]").FillAsync(grid);
        await desk.Locator("[data-testid=focus-grid]").ClickAsync();

        var team = screen.Page.Locator("[data-test=wall-team]");
        await Expect(team).ToBeVisibleAsync();
        await Expect(team).ToContainTextAsync("机关干部 王** 138****2222");
        await Expect(team).ToContainTextAsync("社区干部 李** 138****3333");
        await Expect(team).ToContainTextAsync("志愿者 1 人");
        await Expect(screen.Page.Locator("[data-test=wall-team-worker]")).ToContainTextAsync("钱** 137****3333 巡查中");
        await Expect(screen.Page.Locator("[data-test=wall-patrol-today]")).ToContainTextAsync("走访 1 户");
        var html = await screen.Page.ContentAsync();
        foreach (var personal in new[] { "王建国", "李秀英", "孙志愿", "钱网格", "13811112222", "13900000001", "13700003333" })
            Assert.DoesNotContain(personal, html);
        await screen.ScreenshotAsync("wall-grid-team-1920x1080.png");

        // While the focus stands, the panel follows the data: a case reported in the grid now joins its list.
        await wall.PostIncidentAsync("wall-team-new-case", grid, title: "聚焦中新报：井盖缺失");
        await Expect(screen.Page.Locator("[data-test=wall-focus-cases]")).ToContainTextAsync("聚焦中新报：井盖缺失");

        await desk.Locator("[data-testid=release]").First.ClickAsync();
        await Expect(screen.Page.Locator("[data-test=wall-command]")).ToHaveCountAsync(0);
        await ExecAsync("DELETE FROM duty_shifts WHERE leader = '欧阳带班'");
        foreach (var p in new[] { desk, screen.Page }) await p.Context.CloseAsync();
    }

    private async Task ExecAsync(string sql)
    {
        await using var cmd = wall.DataSource.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<string?> ScalarAsync(string sql)
    {
        await using var cmd = wall.DataSource.CreateCommand(sql);
        return await cmd.ExecuteScalarAsync() as string;
    }
}
