using CommandCenter.Tests.Infrastructure;
using Microsoft.Playwright;

namespace CommandCenter.BrowserTests.Infrastructure;

/// <summary>Per test class: a fresh database with a week of data, the web app as a process on it, and
/// Chromium. Tests open their own page (and so their own circuit).</summary>
public sealed class WallFixture : PostgisDatabase
{
    public WebAppProcess Web { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    private IPlaywright _playwright = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await WallData.SeedAsync(DataSource, DateTimeOffset.UtcNow);
        Web = new WebAppProcess(ConnectionString, new Dictionary<string, string>
        {
            ["Live:StaleAfter"] = "00:00:06",
            ["Live:HeartbeatInterval"] = "00:00:01",
            ["ChangeFeed:ReconnectDelay"] = "00:00:00.100",
        });
        await Web.StartAsync();
        (_playwright, Browser) = await Chromium.LaunchAsync();
        // Waiting on visible state, never on sleeps: allow for a loaded 2-core machine, not for a slow feature.
        Assertions.SetDefaultExpectTimeout(15_000);
    }

    /// <summary>A new page at the given size, with the grid geometry served (see <see cref="GeometryStandIn"/>).</summary>
    public async Task<IPage> NewPageAsync(int width = 1920, int height = 1080)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "zh-CN", TimezoneId = "Asia/Shanghai" });
        await GeometryStandIn.InstallIfMissingAsync(context, Web.BaseAddress, DataSource);
        return await context.NewPageAsync();
    }

    public override async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Web.DisposeAsync();
        await base.DisposeAsync();
    }
}
