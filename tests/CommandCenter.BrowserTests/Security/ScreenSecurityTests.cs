using System.Text.RegularExpressions;
using CommandCenter.BrowserTests.Hub;
using CommandCenter.BrowserTests.Infrastructure;
using CommandCenter.BrowserTests.Pages;
using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.BrowserTests.Security;

/// <summary>The wall screen as the room sees it: signed in by a kiosk link, dropped within seconds when
/// that link is revoked, running under the Content-Security-Policy, and never showing a phone or ID
/// number in full — in its HTML or in what /hubs/live sends.</summary>
public sealed partial class ScreenSecurityTests(WallFixture wall) : IClassFixture<WallFixture>
{
    [Fact]
    public async Task Revoking_the_kiosk_credential_sends_an_open_screen_to_the_login_page_within_seconds()
    {
        var screen = new ScreenPage(await wall.NewPageAsync(), wall.Web.BaseAddress);
        await screen.OpenAsync();

        await Kiosks().RevokeAsync(wall.LastKioskId, new AuditActor("browser-test", Roles.Admin, null), CancellationToken.None);

        // RevalidationSeconds is 1 here (5 in production); allow for a loaded machine, not for a slow feature.
        await Expect(screen.Page).ToHaveURLAsync(LoginUrl(), new() { Timeout = 15_000 });
        await Expect(screen.Page.Locator("#user-name")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_screen_runs_under_the_content_security_policy_without_a_violation()
    {
        var page = await wall.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) violations.Add(m.Text); };
        page.PageError += (_, e) => violations.Add(e);
        var screen = new ScreenPage(page, wall.Web.BaseAddress);

        var response = await page.GotoAsync(new Uri(wall.Web.BaseAddress, "screen").ToString());
        await screen.OpenAsyncAfterReload(); // map drawn by Leaflet, date stamped by the page's module
        await Expect(screen.Grids).ToHaveCountAsync(133);

        Assert.Contains("script-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"]);
        Assert.Empty(violations);
    }

    [Fact]
    public async Task Neither_the_screen_nor_the_hub_shows_a_phone_or_id_number_in_full()
    {
        var (_, cookie) = await BrowserLogin.KioskCookieAsync(wall.Web.BaseAddress, wall.DataSource);
        // Covers the screen opening too, which the hub client waits through.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var hub = await LiveHubClient.ConnectAsync(wall.Web.BaseAddress, $"{cookie.Name}={cookie.Value}", timeout.Token);
        var screen = new ScreenPage(await wall.NewPageAsync(), wall.Web.BaseAddress);
        await screen.OpenAsync();
        var id = await wall.PostIncidentAsync("pii-scan", wall.Grids[7].Code, priority: 1, reporterName: "张三丰",
            reporterPhone: "13912345678", title: "楼道堆物 联系人13812345678 身份证110101199003071234 <img src=x onerror=alert(1)>");
        await Expect(screen.TickerRow(id)).ToBeVisibleAsync();
        var hubLines = await hub.ReadUntilAsync($"\"id\":{id}", timeout.Token);

        var html = await screen.Page.ContentAsync();
        foreach (var (what, text) in new[] { ("the screen's HTML", html), ("the hub's messages", hubLines) })
        {
            Assert.False(Mobile().IsMatch(text), $"{what} holds an unmasked mobile number: {Mobile().Match(text).Value}");
            Assert.False(IdNumber().IsMatch(text), $"{what} holds an unmasked ID number: {IdNumber().Match(text).Value}");
            Assert.DoesNotContain("张三丰", text);
        }
        // The case text is shown as text: the <img> is not an element.
        await Expect(screen.TickerRow(id)).ToContainTextAsync("<img src=x");
        Assert.Equal(0, await screen.TickerRow(id).Locator("img").CountAsync());
    }

    [Fact]
    public async Task An_anonymous_browser_asking_for_the_screen_gets_the_login_form()
    {
        var page = await wall.NewPageAsync(asKiosk: false);

        await page.GotoAsync(new Uri(wall.Web.BaseAddress, "screen").ToString());

        await Expect(page).ToHaveURLAsync(LoginUrl());
        await Expect(page.Locator("#user-name")).ToBeVisibleAsync();
    }

    private KioskStore Kiosks() => new(wall.DataSource, TimeProvider.System,
        new SessionStore(wall.DataSource, TimeProvider.System, Microsoft.Extensions.Options.Options.Create(new SecurityOptions())));

    [GeneratedRegex("/login")]
    private static partial Regex LoginUrl();

    // Any whole mobile number (11 digits starting 13–19) or ID number (18 characters / 15 digits); not
    // the fraction digits of a coordinate in the map's SVG (preceded by a decimal point).
    [GeneratedRegex(@"(?<![0-9.])1[3-9][0-9]{9}(?![0-9])")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"(?<![0-9.])([1-9][0-9]{16}[0-9Xx]|[1-9][0-9]{14})(?![0-9Xx])")]
    private static partial Regex IdNumber();
}
