using CommandCenter.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CommandCenter.BrowserTests.Pages;

/// <summary>The 大屏 as a test reads it: tiles by their label, grids by code, the ticker, the stale mark.</summary>
public sealed class ScreenPage(IPage page, Uri app)
{
    public IPage Page => page;

    public async Task OpenAsync()
    {
        await page.GotoAsync(new Uri(app, "screen").ToString());
        await Assertions.Expect(page.Locator("[data-test=map][data-ready=true]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // Interactive: the page's own script has stamped the date.
        await Assertions.Expect(page.Locator("[data-test=date]")).Not.ToBeEmptyAsync();
    }

    /// <summary>After the page reloaded itself: wait until it is interactive and drawn again.</summary>
    public async Task OpenAsyncAfterReload()
    {
        await Assertions.Expect(page.Locator("[data-test=map][data-ready=true]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-test=date]")).Not.ToBeEmptyAsync();
    }

    public ILocator Tile(string label) => page.Locator($"[data-test=tile][data-name=\"{label}\"] [data-test=tile-value]");

    public async Task<string> TileTextAsync(string label) => (await Tile(label).InnerTextAsync()).Trim();

    public async Task<int> TileNumberAsync(string label) =>
        int.Parse((await TileTextAsync(label)).Replace(",", "", StringComparison.Ordinal).TrimEnd('件', '人'), System.Globalization.CultureInfo.InvariantCulture);

    public ILocator Grids => page.Locator("path.cc-grid");

    public ILocator Grid(string code) => page.Locator($"path.cc-grid[data-code=\"{code}\"]");

    public ILocator TickerRow(long caseId) => page.Locator($"[data-test=ticker-row][data-case=\"{caseId}\"]");

    public ILocator Pulse(long caseId) => page.Locator($".cc-pulse[data-case=\"{caseId}\"]");

    public ILocator StaleMark => page.Locator("[data-test=stale]");

    public async Task ScreenshotAsync(string name) =>
        await page.ScreenshotAsync(new() { Path = Artifacts.PathFor(name), FullPage = false });

    /// <summary>Every tile's label and shown value.</summary>
    public async Task<IReadOnlyDictionary<string, string>> AllTilesAsync()
    {
        var tiles = page.Locator("[data-test=tile]");
        var result = new Dictionary<string, string>();
        for (var i = 0; i < await tiles.CountAsync(); i++)
        {
            var tile = tiles.Nth(i);
            result[(await tile.GetAttributeAsync("data-name"))!] = (await tile.Locator("[data-test=tile-value]").InnerTextAsync()).Trim();
        }
        return result;
    }
}
