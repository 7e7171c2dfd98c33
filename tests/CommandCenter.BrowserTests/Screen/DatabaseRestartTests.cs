using CommandCenter.BrowserTests.Infrastructure;
using CommandCenter.BrowserTests.Pages;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.BrowserTests.Screen;

/// <summary>The database server itself goes away and comes back: the wall must say its data is stale
/// meanwhile, and recover by itself.</summary>
public sealed class DatabaseRestartTests : IAsyncLifetime
{
    private readonly OwnCluster _cluster = new();
    private WebAppProcess _web = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private IReadOnlyList<(string Code, double Lon, double Lat)> _grids = [];

    public async Task InitializeAsync()
    {
        await _cluster.StartAsync();
        await _cluster.MigrateAsync();
        await using (var db = CommandCenter.Core.Data.DataExtensions.CreateDataSource(_cluster.ConnectionString, "CommandCenter.BrowserTests"))
        {
            _grids = await WallData.ImportGridsAsync(db);
            await SampleData.AddCasesAsync(db, [new CaseSpec(DateTimeOffset.UtcNow) { Grid = _grids[0].Code }]);
        }
        _web = new WebAppProcess(_cluster.ConnectionString, new Dictionary<string, string>
        {
            ["Live:StaleAfter"] = "00:00:04",
            ["Live:HeartbeatInterval"] = "00:00:01",
            ["ChangeFeed:ReconnectDelay"] = "00:00:00.100",
        });
        await _web.StartAsync();
        (_playwright, _browser) = await Chromium.LaunchAsync();
        SetDefaultExpectTimeout(30_000);
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _web.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_database_restart_shows_the_stale_mark_then_recovers_without_a_touch()
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        await using (var db = NpgsqlDataSource.Create(_cluster.ConnectionString))
            await BrowserLogin.SignInAsKioskAsync(context, _web.BaseAddress, db);
        var screen = new ScreenPage(await context.NewPageAsync(), _web.BaseAddress);
        await screen.OpenAsync();
        await Expect(screen.Tile("今日受理")).ToHaveTextAsync("1件");
        await Expect(screen.StaleMark).ToBeHiddenAsync();

        // A second screen in the same room reloads while the database is down (a power blip, a watchdog).
        var reloaded = await context.NewPageAsync();
        await new ScreenPage(reloaded, _web.BaseAddress).OpenAsync();

        await _cluster.StopAsync();
        await Expect(screen.StaleMark).ToBeVisibleAsync();
        await Expect(screen.StaleMark).ToContainTextAsync("数据延迟");
        await screen.ScreenshotAsync("screen-database-down-1920x1080.png");
        var whileDown = await reloaded.ReloadAsync();
        Assert.Equal(503, whileDown!.Status);
        await Expect(reloaded.Locator("body")).ToContainTextAsync("数据库暂时无法访问");

        await _cluster.StartAsync();
        NpgsqlConnection.ClearAllPools();
        await Expect(screen.StaleMark).ToBeHiddenAsync();
        // Still the wall, not a login page it was sent to while the sessions could not be checked.
        await Expect(screen.Page).ToHaveURLAsync(new Uri(_web.BaseAddress, "screen").ToString());
        // The notice reloads itself: the wall comes back on the reloaded screen without a touch.
        await Expect(reloaded.Locator("[data-test=map][data-ready=true]")).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await using var fresh = NpgsqlDataSource.Create(_cluster.ConnectionString);
        await SampleData.AddCasesAsync(fresh, [new CaseSpec(DateTimeOffset.UtcNow) { Grid = _grids[1].Code }]);
        await Expect(screen.Tile("今日受理")).ToHaveTextAsync("2件");
        await context.CloseAsync();
    }
}
