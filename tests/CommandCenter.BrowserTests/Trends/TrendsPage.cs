using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.BrowserTests.Trends;

/// <summary>/trends as a test reads it: the breadcrumb, the comparison table's rows, the case list and
/// the CSV downloads.</summary>
public sealed class TrendsPage(IPage page, Uri app)
{
    public IPage Page => page;
    public ILocator Breadcrumb => page.Locator("[data-test=breadcrumb]");
    public ILocator AreaRows => page.Locator("[data-test=areas] tbody tr[data-code]");
    public ILocator CaseRows => page.Locator("[data-test=cases] tbody tr[data-id]");

    public async Task OpenAsync(string query = "")
    {
        await page.GotoAsync(new Uri(app, "trends" + query).ToString());
        await Expect(page.Locator("[data-test=cards]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // Interactive once the charts are drawn (they need the circuit's JS interop).
        await Expect(page.Locator("[data-test=trend-categories] svg.apexcharts-svg")).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    /// <summary>Clicks the name in the comparison row ranked first and waits until the breadcrumb ends with it.
    /// Returns the row's code, name and 受理量 as the table showed them.</summary>
    public async Task<(string Code, string Name, int Accepted)> DrillIntoTopRowAsync()
    {
        var row = AreaRows.First;
        var code = (await row.GetAttributeAsync("data-code"))!;
        var name = (await row.Locator("[data-test=drill]").InnerTextAsync()).Trim();
        var accepted = int.Parse((await row.Locator("[data-test=accepted]").InnerTextAsync()).Trim());
        await row.Locator("[data-test=drill]").ClickAsync();
        await Expect(Breadcrumb.Locator("strong")).ToHaveTextAsync(name);
        return (code, name, accepted);
    }

    /// <summary>Downloads a CSV by clicking its link; returns the raw bytes.</summary>
    public async Task<byte[]> DownloadAsync(string testName)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator($"[data-test={testName}]").ClickAsync());
        var path = await download.PathAsync();
        return await File.ReadAllBytesAsync(path);
    }

    /// <summary>The CSV's lines after the header (the exports never put line breaks inside fields the page shows).</summary>
    public static IReadOnlyList<string[]> Rows(byte[] csv) =>
        Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Select(l => l.Split(',')).ToList();
}
