using CommandCenter.BrowserTests.Infrastructure;
using CommandCenter.Core.Security;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.BrowserTests.Security;

/// <summary>The desk pages (duty queue, case page, trends, every admin page) run under the same
/// Content-Security-Policy as the wall with MudBlazor's scripts and styles: no violation, no page error,
/// and MudBlazor's stylesheet really applied (an unstyled page would still "load").</summary>
public sealed class DeskSecurityTests(WallFixture wall) : IClassFixture<WallFixture>
{
    [Theory]
    [InlineData(Roles.Officer, "cases", "[data-testid=queue-row]")]
    [InlineData(Roles.Leader, "trends", "[data-test=cards]")]
    [InlineData(Roles.Admin, "admin/users", "[data-testid=users] tbody tr")]
    [InlineData(Roles.Admin, "admin/kiosks", "[data-testid=kiosks] tbody tr")]
    [InlineData(Roles.Admin, "admin/keys", "[data-testid=keys] tbody tr")]
    [InlineData(Roles.Admin, "admin/categories", "[data-testid=categories] tbody tr")]
    [InlineData(Roles.Admin, "admin/rejects", "[data-testid=rejects]")]
    [InlineData(Roles.Admin, "admin/audit", "[data-testid=audit] tbody tr")]
    [InlineData(Roles.Admin, "admin/grids", "[data-testid=grid-history]")]
    [InlineData(Roles.Admin, "admin/roster", "[data-testid=roster]")]
    [InlineData(Roles.Admin, "admin/duty", "[data-testid=shifts]")]
    public async Task A_desk_page_runs_under_the_content_security_policy_with_mudblazor_styles(string role, string path, string ready)
    {
        var page = await wall.NewPersonPageAsync(role);
        var violations = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(m.Text); };
        page.PageError += (_, e) => violations.Add(e);

        var response = await page.GotoAsync(new Uri(wall.Web.BaseAddress, path).ToString());
        await Expect(page.Locator(ready).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // Interactive: the circuit is up once MudBlazor's JS has wired the app bar (its script runs under the CSP too).
        await Expect(page.Locator(".mud-appbar")).ToBeVisibleAsync();

        Assert.Contains("script-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"]);
        Assert.Empty(violations);
        // The app bar's colour comes from MudBlazor.min.css plus the theme's CSS variables: navy, not transparent.
        await Expect(page.Locator(".mud-appbar")).ToHaveCSSAsync("background-color", "rgb(11, 42, 74)");
        await page.ScreenshotAsync(new() { Path = Artifacts.PathFor($"desk-{path.Replace('/', '-')}.png") });
    }

    [Fact]
    public async Task Trend_dates_show_as_yyyy_MM_dd_in_a_US_browser()
    {
        var context = await wall.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1600, Height = 900 } });
        var page = await context.NewPageAsync();
        await BrowserLogin.LoginAsAsync(page, wall.Web.BaseAddress, wall.DataSource, Roles.Leader);

        await page.GotoAsync(new Uri(wall.Web.BaseAddress, "trends?from=2026-03-02&to=2026-03-29&gran=week").ToString());

        await Expect(page.Locator("[data-test=from] input")).ToHaveValueAsync("2026-03-02");
        await Expect(page.Locator("[data-test=to] input")).ToHaveValueAsync("2026-03-29");
    }
}
