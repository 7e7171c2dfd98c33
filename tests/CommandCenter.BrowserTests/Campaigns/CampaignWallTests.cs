using CommandCenter.BrowserTests.Infrastructure;
using CommandCenter.BrowserTests.Pages;
using CommandCenter.Core.Campaigns;
using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.BrowserTests.Campaigns;

/// <summary>专项任务 in real Chromium: a leader puts a campaign on the walls from its page; the wall colours the grids by
/// progress with the campaign's legend and figures, and a grid worker's report on the phone recolours it live.</summary>
public sealed class CampaignWallTests(WallFixture wall) : IClassFixture<WallFixture>
{
    [Fact]
    public async Task A_campaign_put_on_the_wall_colours_the_grids_and_a_phone_report_updates_it_live()
    {
        var store = new CampaignStore(wall.DataSource, TimeProvider.System);
        var progress = new CampaignProgress(wall.DataSource, TimeProvider.System);
        var today = Campaign.Today(DateTimeOffset.UtcNow);
        var (id, error) = await store.CreateAsync(new CampaignDraft("群租整治专项行动", "逐户排查认定群租户，约谈并督促整改。", today.AddDays(-7), today.AddDays(30),
            CampaignScope.All, [], [], [new("认定户数", null), new("约谈", null), new("整改", null)]), new AuditActor("wang", Roles.Leader, null), default);
        Assert.Null(error);
        var random = new Random(2);
        foreach (var (code, _, _) in wall.Grids.Skip(1).Where(_ => random.NextDouble() < 0.75))
        {
            var found = random.Next(3, 12);
            var talked = (int)(found * (0.6 + random.NextDouble() * 0.4));
            await progress.ReportAsync(new CampaignReportDraft(id!.Value, code, new Dictionary<string, int>
                { ["认定户数"] = found, ["约谈"] = talked, ["整改"] = random.Next(0, talked + 1) }.Where(kv => kv.Value > 0).ToDictionary(),
                DateTimeOffset.UtcNow, "网格员（gw）", "test", $"bt-{code}", null), default);
        }

        var screen = new ScreenPage(await wall.NewPageAsync(), wall.Web.BaseAddress);
        await screen.OpenAsync();
        var desk = await wall.NewPersonPageAsync(Roles.Leader, 1600, 900);
        await desk.GotoAsync(new Uri(wall.Web.BaseAddress, $"campaigns/{id}").ToString());
        await Expect(desk.Locator(".cp[data-live=true]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await desk.Locator("[data-testid=cp-wall]").ClickAsync();

        var map = screen.Page.Locator("[data-test=map]");
        await Expect(map).ToHaveAttributeAsync("data-layer", "campaign");
        await Expect(screen.Page.Locator("[data-test=layer-legend]")).ToContainTextAsync("整改率");
        await Expect(screen.Page.Locator("[data-test=wall-campaign]")).ToContainTextAsync("群租整治专项行动");
        var first = wall.Grids[0].Code;
        await Expect(screen.Page.Locator($"path[data-code={first}]")).ToHaveAttributeAsync("data-band", CampaignBands.None);
        await desk.ScreenshotAsync(new() { Path = Artifacts.PathFor("campaign-desk-1600x900.png"), FullPage = true });

        // A grid worker reports the first grid on the phone: the wall recolours it.
        var worker = await TestUsers.CreateAsync(wall.DataSource, Roles.Worker, displayName: "李网格", gridCodes: [first]);
        var phone = await wall.NewPageAsync(375, 667, asKiosk: false);
        await BrowserLogin.LoginAsync(phone, wall.Web.BaseAddress, worker, "m");
        // The position prompt's answer comes from the page's script: the page is interactive once it shows.
        await Expect(phone.GetByText("定位被拒绝")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await phone.Locator("[data-testid=m-tab-campaign]").ClickAsync();
        await Expect(phone.Locator("[data-testid=m-campaign-title]")).ToContainTextAsync("群租整治专项行动");
        await phone.Locator("input[name=m-count-0]").FillAsync("10");
        await phone.Locator("input[name=m-count-1]").FillAsync("9");
        await phone.Locator("input[name=m-count-2]").FillAsync("9");
        await phone.Locator("[data-testid=m-campaign-submit]").ClickAsync();
        await Expect(phone.Locator("[data-testid=m-campaign-verdict]")).ToContainTextAsync("已上报");
        await phone.ScreenshotAsync(new() { Path = Artifacts.PathFor("campaign-phone-375x667.png") });

        await Expect(screen.Page.Locator($"path[data-code={first}]")).ToHaveAttributeAsync("data-band", CampaignBands.Done);
        await screen.ScreenshotAsync("campaign-wall-1920x1080.png");

        // Taken off the walls: the normal map and legend come back.
        await desk.Locator("[data-testid=cp-wall]").ClickAsync();
        await Expect(map).ToHaveAttributeAsync("data-layer", "");
        await Expect(screen.Page.Locator("[data-test=wall-campaign]")).ToHaveCountAsync(0);
    }
}
