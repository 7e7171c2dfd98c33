using CommandCenter.BrowserTests.Cases;
using CommandCenter.BrowserTests.Infrastructure;
using CommandCenter.BrowserTests.Pages;
using CommandCenter.Core.Duty;
using CommandCenter.Core.Security;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.BrowserTests.Duty;

/// <summary>The wall names who is on duty from the roster, and two officers complete a shift handover in Chromium.</summary>
public sealed class DutyBrowserTests(WallFixture wall) : IClassFixture<WallFixture>
{
    [Fact]
    public async Task The_wall_names_the_shift_on_duty_and_two_officers_hand_over()
    {
        var roster = new DutyRoster(wall.DataSource, new AuditLog(wall.DataSource, TimeProvider.System), TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        Assert.Null(await roster.AddAsync(new DutyShiftDraft(now.AddHours(-1), now.AddHours(8), "王书记", "测试值班员、李值班", null),
            new AuditActor("管理员（admin）", Roles.Admin, null), default));

        var screen = new ScreenPage(await wall.NewPageAsync(), wall.Web.BaseAddress);
        await screen.OpenAsync();
        await Expect(screen.Page.Locator("[data-test=duty]")).ToContainTextAsync("带班领导 王书记");
        await Expect(screen.Page.Locator("[data-test=duty]")).ToContainTextAsync("测试值班员、李值班");
        await screen.Page.ScreenshotAsync(new() { Path = Artifacts.PathFor("wall-duty.png") });

        var outgoing = new OfficerPage(await wall.NewPersonPageAsync(Roles.Officer), wall.Web.BaseAddress);
        await outgoing.Page.GotoAsync(new Uri(wall.Web.BaseAddress, "cases/handover").ToString());
        await Expect(outgoing.Page.Locator(".ho[data-live=true]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await outgoing.Page.Locator("textarea[name=ho-note]").FillAsync("夜班无重大情况，城管两件待到场");
        await outgoing.Page.Locator("[data-testid=ho-sign]").ClickAsync();
        await Expect(outgoing.Page.Locator("[data-testid=ho-message]")).ToContainTextAsync("已交班签字");
        await Expect(outgoing.Page.Locator("[data-testid=ho-accept]")).ToHaveCountAsync(0);   // not for oneself

        // Another officer account: a second test login of the same role is a different user (BrowserLogin).
        var incoming = new OfficerPage(await wall.NewPersonPageAsync(Roles.Officer), wall.Web.BaseAddress);
        await incoming.Page.GotoAsync(new Uri(wall.Web.BaseAddress, "cases/handover").ToString());
        await Expect(incoming.Page.Locator(".ho[data-live=true]")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        await Expect(incoming.Page.Locator("[data-testid=ho-note]")).ToContainTextAsync("城管两件待到场");
        await incoming.Page.ScreenshotAsync(new() { Path = Artifacts.PathFor("handover-pending.png") });
        await incoming.Page.Locator("[data-testid=ho-accept]").ClickAsync();
        await Expect(incoming.Page.Locator("[data-testid=ho-message]")).ToContainTextAsync("已接班签字");
        // The outgoing officer's open page follows: no longer pending, in the history.
        await Expect(outgoing.Page.Locator("[data-testid=ho-pending]")).ToHaveCountAsync(0);
        await Expect(outgoing.Page.Locator("[data-testid=ho-history]")).ToContainTextAsync("→");
    }
}
