using System.Text;
using System.Text.RegularExpressions;
using CommandCenter.BrowserTests.Infrastructure;
using CommandCenter.Core.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.BrowserTests.Scorecards;

/// <summary>A leader looks at the 考核 ranking, opens last month's 通报, publishes it and prints it: the page is
/// checked on screen and as Chromium's A4 PDF (page count, no screen-only controls, masked data).</summary>
public sealed partial class BulletinPrintTests(WallFixture app) : IClassFixture<WallFixture>
{
    [Fact]
    public async Task A_leader_publishes_and_prints_last_months_bulletin_as_an_a4_pdf()
    {
        await BulletinData.SeedAsync(app.DataSource);
        var page = await app.NewPersonPageAsync(Roles.Leader, 1600, 1000);
        var lastMonth = DateTime.UtcNow.AddHours(8).AddMonths(-1);

        await page.GotoAsync(new Uri(app.Web.BaseAddress, $"scorecards?period=month&start={lastMonth:yyyy-MM}-01&kind=community").ToString());
        await Expect(page.Locator("[data-test=score-row]").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-test=focus]").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Artifacts.PathFor("scorecards-ranking.png"), FullPage = true });

        await page.GotoAsync(new Uri(app.Web.BaseAddress, $"scorecards/bulletin?month={lastMonth:yyyy-MM}").ToString());
        await Expect(page.Locator("[data-test=preview]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // The page is prerendered: a click before the circuit is up does nothing, so click until it asks to confirm.
        var confirm = page.Locator("[data-test=confirm-publish]");
        for (var i = 0; i < 30 && !await confirm.IsVisibleAsync(); i++)
        {
            await page.Locator("[data-test=publish]").ClickAsync();
            try { await confirm.WaitForAsync(new() { Timeout = 1000 }); } catch (Exception ex) when (ex is TimeoutException or PlaywrightException) { }
        }
        await page.Locator("[data-test=confirm-publish]").ClickAsync();
        await Expect(page.Locator("[data-test=published]")).ToContainTextAsync("已发布");
        await Expect(page.Locator("[data-test=red-black]")).ToContainTextAsync("红榜");
        await Expect(page.Locator("[data-test=bulletin-jfb] tbody tr[data-id]").First).ToBeVisibleAsync();
        await Expect(page.Locator("[data-test=bulletin-overdue] tbody tr[data-id]").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Artifacts.PathFor("scorecards-bulletin.png"), FullPage = true });
        await page.ScreenshotAsync(new() { Path = Artifacts.PathFor("scorecards-bulletin-top.png") });

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("[data-test=print]")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new() { Path = Artifacts.PathFor("scorecards-bulletin-print.png"), FullPage = true });
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true, Path = Artifacts.PathFor("scorecards-bulletin.pdf"),
            Margin = new() { Top = "12mm", Bottom = "12mm", Left = "12mm", Right = "12mm" } });

        var pages = PageCount(pdf);
        // Rules, 红黑榜, three rankings (25 村居, top and bottom grid teams) and two case lists: a few pages, not one, not dozens.
        Assert.InRange(pages, 2, 8);
        var html = await page.Locator("[data-test=bulletin]").InnerHTMLAsync();
        Assert.DoesNotContain("13800000", html);
        Assert.DoesNotContain("张伟", html);
    }

    // Chromium writes one "/Type /Page" dictionary per page (and one "/Type /Pages" tree).
    private static int PageCount(byte[] pdf) => PageObject().Matches(Encoding.Latin1.GetString(pdf)).Count;

    [GeneratedRegex(@"/Type\s*/Page(?!s)")]
    private static partial Regex PageObject();
}
