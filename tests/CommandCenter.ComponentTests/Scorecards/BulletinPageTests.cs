using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Scorecards;
using CommandCenter.Core.Security;
using CommandCenter.Features.Scorecards;
using CommandCenter.Security;
using CommandCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.ComponentTests.Scorecards;

/// <summary>The monthly 通报 page: only a publisher (policy BulletinPublish = 领导) is offered 发布, publishing
/// asks for confirmation, and a published month shows its stamp instead.</summary>
public sealed class BulletinPageTests : MudTest, IClassFixture<PostgisDatabase>
{
    private readonly PostgisDatabase _db;

    public BulletinPageTests(PostgisDatabase db)
    {
        _db = db;
        Ctx.AddCommandCenter(db.DataSource, TimeProvider.System);
    }

    private IRenderedComponent<BulletinPage> Open(string role, string month, bool mayPublish)
    {
        var auth = Ctx.SignIn(role, $"{role}-user", "测试人");
        if (mayPublish) auth.SetPolicies(Policies.BulletinPublish);
        Ctx.Services.GetRequiredService<NavigationManager>().NavigateTo($"scorecards/bulletin?month={month}");
        var cut = Ctx.Render<BulletinPage>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-test=bulletin-body]")));
        return cut;
    }

    private static string Month(int monthsAgo) => DateTime.UtcNow.AddHours(8).AddMonths(-monthsAgo).ToString("yyyy-MM");

    [Fact]
    public void An_officer_reads_and_prints_the_bulletin_but_is_not_offered_publishing()
    {
        var cut = Open(Roles.Officer, Month(3), mayPublish: false);

        Assert.Empty(cut.FindAll("[data-test=publish-bar]"));
        Assert.NotEmpty(cut.FindAll("[data-test=print]"));
        Assert.NotEmpty(cut.FindAll("[data-test=preview]"));
    }

    [Fact]
    public async Task A_leader_publishes_a_finished_month_after_confirming_and_the_page_then_shows_it_published()
    {
        var cut = Open(Roles.Leader, Month(2), mayPublish: true);

        cut.Find("[data-test=publish]").Click();
        cut.WaitForElement("[data-test=confirm-publish]").Click();   // rendered after the click, not within it

        cut.WaitForAssertion(() => Assert.Contains("已发布", cut.Find("[data-test=published]").TextContent));
        Assert.Contains("发布人 测试人（leader-user）", cut.Find("[data-test=published]").TextContent);
        Assert.Empty(cut.FindAll("[data-test=publish-bar]"));
        Assert.True(ScorePeriod.TryParseMonth(Month(2), out var month));
        var stored = await Ctx.Services.GetRequiredService<BulletinStore>().GetAsync(month, CancellationToken.None);
        Assert.Equal("测试人（leader-user）", stored!.PublishedBy);
    }

    [Fact]
    public void The_month_in_progress_is_not_publishable_yet_and_says_so()
    {
        var cut = Open(Roles.Leader, Month(0), mayPublish: true);

        Assert.Contains("尚未结束", cut.Find("[data-test=publish-bar]").TextContent);
        Assert.Empty(cut.FindAll("[data-test=publish]"));
    }

    [Fact]
    public void A_malformed_month_falls_back_to_last_month_with_a_message()
    {
        var cut = Open(Roles.Officer, "2026-13", mayPublish: false);

        Assert.Contains("不是 yyyy-MM 格式的月份", cut.Find(".problem").TextContent);
        var last = DateTime.UtcNow.AddHours(8).AddMonths(-1);
        Assert.Contains($"{last.Year}年{last.Month}月", cut.Find("h1").TextContent);
    }
}
