using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Security;
using CommandCenter.Features.Scorecards;
using CommandCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace CommandCenter.ComponentTests.Scorecards;

/// <summary>/scorecards takes its state from the address; what it cannot read it says, in Chinese, and shows the default.</summary>
public sealed class RankingsTests : MudTest, IClassFixture<PostgisDatabase>
{
    public RankingsTests(PostgisDatabase db)
    {
        Ctx.AddCommandCenter(db.DataSource, TimeProvider.System);
        Ctx.SignIn(Roles.Leader, "leader1", "李领导");
        Ctx.Render<MudPopoverProvider>();
    }

    private IRenderedComponent<Rankings> Open(string query)
    {
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("scorecards" + query);
        var cut = Ctx.Render<Rankings>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-test=period]")));
        return cut;
    }

    [Fact]
    public void Unreadable_period_date_and_kind_are_named_and_this_month_of_departments_is_shown()
    {
        var cut = Open("?period=decade&start=2026-02-30&kind=team");

        var problem = cut.Find("[data-test=problem]").TextContent;
        Assert.Contains("考核周期「decade」无效", problem);
        Assert.Contains("日期「2026-02-30」不是 yyyy-MM-dd 格式", problem);
        Assert.Contains("单位类别「team」无效", problem);
        var today = DateTime.UtcNow.AddHours(8);
        Assert.Contains($"{today.Year}年{today.Month}月", cut.Find("[data-test=period]").TextContent);
        Assert.Contains("本期没有可考核的部门", cut.Find("[data-test=ranking]").TextContent);
    }

    [Fact]
    public void A_quarter_of_grid_teams_is_read_from_the_address()
    {
        var cut = Open("?period=quarter&start=2026-05-20&kind=grid");

        Assert.Empty(cut.FindAll("[data-test=problem]"));
        Assert.Contains("2026年第2季度（2026-04-01 至 2026-06-30）", cut.Find("[data-test=period]").TextContent);
        Assert.Contains("网格团队", cut.Find("[data-test=ranking]").TextContent);
    }
}
