using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Campaigns;
using CommandCenter.Core.Security;
using CommandCenter.Features.Mobile;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.ComponentTests.Campaigns;

/// <summary>The phone's 专项 tab: a worker sees the running campaigns of their grids, a slip in a number is named and
/// kept (nothing is sent), and a good report adds to the grid's totals.</summary>
public sealed class CampaignPanelTests : MudTest, IClassFixture<PostgisDatabase>
{
    private readonly PostgisDatabase _db;

    public CampaignPanelTests(PostgisDatabase db)
    {
        _db = db;
        Ctx.AddCommandCenter(db.DataSource, TimeProvider.System);
        Ctx.SignIn(Roles.Worker, "li", "李网格");
    }

    private async Task<long> CampaignAsync(string title, params string[] grids)
    {
        await SampleData.EnsureGridsAsync(_db.DataSource);
        var today = Campaign.Today(DateTimeOffset.UtcNow);
        var (id, error) = await Ctx.Services.GetRequiredService<CampaignStore>().CreateAsync(new CampaignDraft(title, "", today.AddDays(-1), today.AddDays(9),
            CampaignScope.Grids, [], grids, [new("排查户数", null), new("约谈", null), new("整改", null)]), new AuditActor("wang", Roles.Leader, null), default);
        Assert.Null(error);
        return id!.Value;
    }

    [Fact]
    public async Task A_slip_in_a_number_is_named_and_kept_and_a_good_report_adds_to_the_grid()
    {
        var id = await CampaignAsync("群租整治（手机）", "G030", "G031");
        var cut = Ctx.Render<CampaignPanel>(p => p.Add(x => x.Binding, new UnitBinding("team-30", ["G030"])).Add(x => x.UserName, "li").Add(x => x.DisplayName, "李网格"));
        cut.WaitForAssertion(() => Assert.Contains("群租整治（手机）", cut.Find("[data-testid=m-campaign-title]").TextContent));
        // Only the worker's own grid is offered, and with one grid it is already chosen.
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=m-campaign-grids] button")));

        cut.WaitForElement("input[name=m-count-0]").Input("５");        // full-width digit from a Chinese keyboard: fine
        cut.WaitForElement("input[name=m-count-1]").Input("3户");
        cut.WaitForElement("[data-testid=m-campaign-submit]").Click();
        cut.WaitForAssertion(() => Assert.Equal("未上报：「约谈」请填整数（现在是“3户”）", cut.Find("[data-testid=m-campaign-verdict]").TextContent.Trim()));
        Assert.Equal("3户", cut.Find("input[name=m-count-1]").GetAttribute("value"));

        cut.WaitForElement("input[name=m-count-1]").Input("3");
        cut.WaitForElement("[data-testid=m-campaign-submit]").Click();
        cut.WaitForAssertion(() => Assert.StartsWith("已上报 第30网格。现累计：排查户数 5，约谈 3，整改 0", cut.Find("[data-testid=m-campaign-verdict]").TextContent.Trim()));
        var grid = (await Ctx.Services.GetRequiredService<CampaignStore>().GridsAsync(id, 3, default)).Single(g => g.GridCode == "G030");
        Assert.Equal(new[] { 5, 3, 0 }, grid.Totals);
        Assert.Equal("李网格（li）", grid.LastReportedBy);
    }

    [Fact]
    public async Task A_refused_report_says_why_and_keeps_the_numbers()
    {
        await CampaignAsync("垃圾分类（手机）", "G040");
        var cut = Ctx.Render<CampaignPanel>(p => p.Add(x => x.Binding, new UnitBinding("team-40", ["G040"])).Add(x => x.UserName, "li").Add(x => x.DisplayName, "李网格"));

        cut.WaitForElement("input[name=m-count-1]").Input("2");
        cut.WaitForElement("[data-testid=m-campaign-submit]").Click();

        cut.WaitForAssertion(() => Assert.StartsWith("未上报：「约谈」累计 2 超过「排查户数」累计 0", cut.Find("[data-testid=m-campaign-verdict]").TextContent.Trim()));
        Assert.Equal("2", cut.Find("input[name=m-count-1]").GetAttribute("value"));
    }
}
