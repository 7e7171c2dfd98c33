using CommandCenter.BrowserTests.Infrastructure;
using CommandCenter.BrowserTests.Pages;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.BrowserTests.Screen;

public sealed class WallScreenTests(WallFixture wall) : IClassFixture<WallFixture>
{

    private async Task<ScreenPage> OpenAsync(int width = 1920, int height = 1080)
    {
        var screen = new ScreenPage(await wall.NewPageAsync(width, height), wall.Web.BaseAddress);
        await screen.OpenAsync();
        return screen;
    }

    private async Task<int> AcceptedTodayInDatabaseAsync()
    {
        await using var cmd = wall.DataSource.CreateCommand("""
            SELECT count(*) FROM cases WHERE merged_into IS NULL
              AND accepted_at >= (date_trunc('day', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai')
            """);
        return (int)(long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_wall_shows_every_grid_and_every_tile_at_both_resolutions()
    {
        foreach (var (w, h) in new[] { (1920, 1080), (3840, 2160) })
        {
            var screen = await OpenAsync(w, h);
            await Expect(screen.Grids).ToHaveCountAsync(133);
            foreach (var label in new[] { "今日受理", "今日办结", "结案率", "按期办结率", "超期件", "督办件", "满意率", "调解成功率", "巡查覆盖率", "在岗网格员" })
                await Expect(screen.Tile(label)).Not.ToBeEmptyAsync();
            await Expect(screen.Tile("今日受理")).ToHaveTextAsync($"{await AcceptedTodayInDatabaseAsync()}件");
            await Expect(screen.Tile("巡查覆盖率")).ToContainTextAsync("/133");
            await Expect(screen.Page.Locator("[data-test=category-donut] svg.apexcharts-svg")).ToBeVisibleAsync();
            await Expect(screen.Page.Locator("[data-test=trend] svg.apexcharts-svg")).ToBeVisibleAsync();
            await Expect(screen.StaleMark).ToBeHiddenAsync();
            // Scales without scrollbars.
            Assert.True(await screen.Page.EvaluateAsync<bool>(
                "() => document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth"));
            await screen.ScreenshotAsync($"screen-{w}x{h}.png");
            await screen.Page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_new_case_changes_the_tile_the_map_and_the_ticker_with_personal_data_masked()
    {
        var screen = await OpenAsync();
        var before = await AcceptedTodayInDatabaseAsync();
        await Expect(screen.Tile("今日受理")).ToHaveTextAsync($"{before}件");
        // Posted to ingest like a source system would. Grid 67 gets an urgent case; no other test touches it.
        var grid = wall.Grids[66].Code;
        long[] ids = [await wall.PostIncidentAsync("wall-new-case", grid, priority: 1,
            reporterName: "欧阳娜娜", reporterPhone: "13812345678", title: "燃气泄漏气味，住户13812345678报告")];

        await Expect(screen.Tile("今日受理")).ToHaveTextAsync($"{before + 1}件");
        await Expect(screen.Grid(grid)).ToHaveAttributeAsync("data-level", "urgent", new() { Timeout = 15_000 });
        await Expect(screen.Pulse(ids[0])).ToBeAttachedAsync(new() { Timeout = 15_000 });
        var row = screen.TickerRow(ids[0]);
        await Expect(row).ToContainTextAsync("欧***");
        await Expect(row).ToContainTextAsync("138****5678");
        Assert.DoesNotContain("13812345678", await screen.Page.ContentAsync());
        Assert.DoesNotContain("欧阳娜娜", await screen.Page.ContentAsync());
        await screen.ScreenshotAsync("screen-new-case-1920x1080.png");
        await screen.Page.Context.CloseAsync();
    }

    /// <summary>The web app's change-feed position as its /healthz reports it: the last entry its listener
    /// delivered. The wall's periodic refresh does not move it, so it shows what the listener itself heard.</summary>
    private async Task<long> DeliveredPositionAsync()
    {
        using var http = new HttpClient { BaseAddress = wall.Web.BaseAddress };
        // 503 while the feed is disconnected; the body still carries the position.
        using var response = await http.GetAsync("healthz");
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("checks").GetProperty("changeFeed").GetProperty("data").GetProperty("position").GetInt64();
    }

    [Fact]
    public async Task Killing_the_listener_connection_misses_no_case()
    {
        var screen = await OpenAsync();
        var before = await AcceptedTodayInDatabaseAsync();
        await Expect(screen.Tile("今日受理")).ToHaveTextAsync($"{before}件");

        // The web app's one listening connection: the change feed's (the grid assigner subscribes to it).
        await using (var kill = wall.DataSource.CreateCommand("""
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'CommandCenter' AND query ILIKE 'LISTEN%'
            """))
            Assert.True((long)(await kill.ExecuteScalarAsync())! >= 1, "no listening connection to kill");
        // Committed while the listener is down or reconnecting: each must still reach the wall.
        for (var i = 0; i < 5; i++)
            await wall.PostIncidentAsync($"wall-while-down-{i}", wall.Grids[90 + i].Code);
        var head = await Core.ChangeFeed.ChangeLog.HeadAsync(wall.DataSource, CancellationToken.None);

        // The tile alone would pass without a listener (LiveState also refreshes on its heartbeat), so first
        // require the listener itself to deliver every entry committed after the kill.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15)))
        {
            long delivered;
            while ((delivered = await DeliveredPositionAsync()) < head)
            {
                Assert.False(timeout.IsCancellationRequested,
                    $"the change feed delivered up to {delivered} but the log is at {head}: the listener did not reconnect and catch up");
                await Task.Delay(100);
            }
        }
        await Expect(screen.Tile("今日受理")).ToHaveTextAsync($"{before + 5}件");
        await screen.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Restarting_the_web_app_brings_the_page_back_by_itself_with_the_same_numbers()
    {
        var screen = await OpenAsync();
        await Expect(screen.Tile("今日受理")).ToHaveTextAsync($"{await AcceptedTodayInDatabaseAsync()}件");
        var before = await screen.AllTilesAsync();
        await screen.Page.EvaluateAsync("() => { window.__beforeRestart = true; }");

        await wall.Web.StopAsync();
        await Expect(screen.Page.Locator("[data-test=reconnecting]")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await wall.Web.StartAsync();

        // Nobody clicks: the page reloads itself once the server answers again.
        await screen.Page.WaitForFunctionAsync("() => window.__beforeRestart === undefined", null, new() { Timeout = 60_000 });
        await screen.OpenAsyncAfterReload();
        await Expect(screen.Grids).ToHaveCountAsync(133);
        Assert.Equal(before, await screen.AllTilesAsync());
        await screen.Page.Context.CloseAsync();
    }
}
