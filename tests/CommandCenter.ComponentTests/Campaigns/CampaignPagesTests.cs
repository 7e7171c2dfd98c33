using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Campaigns;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Security;
using CommandCenter.Features.Campaigns;
using CommandCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.ComponentTests.Campaigns;

/// <summary>/campaigns and /campaigns/{id}: a leader creates a campaign from the 群租整治 template, a refused form keeps
/// what was typed and says what is wrong, and the campaign's page shows each grid's totals and the rates, updating
/// when a grid reports.</summary>
public sealed class CampaignPagesTests : MudTest, IClassFixture<PostgisDatabase>
{
    private readonly PostgisDatabase _db;
    private ChangeFeedListener? _feed;
    private static readonly AuditActor Leader = new("王书记（wang）", Roles.Leader, null);

    public CampaignPagesTests(PostgisDatabase db)
    {
        _db = db;
        Ctx.AddCommandCenter(db.DataSource, TimeProvider.System);
        Ctx.SignIn(Roles.Leader, "wang", "王书记");
    }

    public override async Task InitializeAsync()
    {
        await SampleData.EnsureGridsAsync(_db.DataSource);
        _feed = await Ctx.StartChangeFeedAsync(_db.DataSource);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_feed is not null) await _feed.StopAsync(CancellationToken.None);
    }

    private CampaignStore Store => Ctx.Services.GetRequiredService<CampaignStore>();

    [Fact]
    public async Task A_leader_creates_a_campaign_from_the_template_and_is_taken_to_its_page()
    {
        var cut = Ctx.Render<CampaignsPage>();
        cut.WaitForElement("[data-testid=cp-new]").Click();
        cut.WaitForElement("[data-testid=cp-template-qunzu]").Click();
        cut.WaitForElement("[data-testid=cp-submit]").Click();

        var nav = Ctx.Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.Matches(@"/campaigns/\d+$", nav.Uri));
        var id = long.Parse(nav.Uri[(nav.Uri.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var created = (await Store.GetAsync(id, default))!;
        Assert.Equal("群租整治", created.Title);
        Assert.Equal(["认定户数", "约谈", "整改"], created.Counters.Select(c => c.Label));
        Assert.Equal(133, created.GridCount);
        Assert.Equal("wang", created.CreatedBy);
    }

    [Fact]
    public void A_refused_form_says_what_is_missing_and_keeps_the_counters_typed()
    {
        var cut = Ctx.Render<CampaignsPage>();
        cut.WaitForElement("[data-testid=cp-new]").Click();
        cut.WaitForElement("input[name=cp-counter-1]").Input("约谈户数");
        cut.WaitForElement("[data-testid=cp-submit]").Click();

        cut.WaitForAssertion(() => Assert.Equal("请填写任务名称", cut.Find("[data-testid=cp-error]").TextContent.Trim()));
        Assert.Equal("约谈户数", cut.Find("input[name=cp-counter-1]").GetAttribute("value"));
        Assert.Equal("排查户数", cut.Find("input[name=cp-counter-0]").GetAttribute("value"));
    }

    [Fact]
    public async Task The_campaign_page_shows_each_grids_totals_and_the_rates_and_follows_new_reports()
    {
        var today = Campaign.Today(DateTimeOffset.UtcNow);
        var (id, _) = await Store.CreateAsync(new CampaignDraft("群租整治", "", today, today.AddDays(9), CampaignScope.Grids, [], ["G001", "G002"],
            [new("认定户数", null), new("约谈", null), new("整改", null)]), Leader, default);
        var progress = Ctx.Services.GetRequiredService<CampaignProgress>();
        await progress.ReportAsync(new CampaignReportDraft(id!.Value, "G001", new Dictionary<string, int> { ["认定户数"] = 10, ["约谈"] = 8, ["整改"] = 4 },
            DateTimeOffset.UtcNow, "李网格（li）", "test", "a1", null), default);

        var cut = Ctx.Render<CampaignPage>(p => p.Add(x => x.Id, id.Value));
        cut.WaitForAssertion(() => Assert.Equal("80.0%", cut.Find("[data-testid=cp-rate-1]").TextContent.Trim()));
        Assert.Equal("40.0%", cut.Find("[data-testid=cp-rate-2]").TextContent.Trim());
        Assert.Equal("1 / 2", cut.Find("[data-testid=cp-reported]").TextContent.Trim());
        Assert.Contains("8", cut.Find("[data-testid=cp-grid-G001-1]").TextContent);

        await progress.ReportAsync(new CampaignReportDraft(id.Value, "G002", new Dictionary<string, int> { ["认定户数"] = 10, ["约谈"] = 8, ["整改"] = 6 },
            DateTimeOffset.UtcNow, "赵网格（zhao）", "test", "a2", null), default);

        cut.WaitForAssertion(() => Assert.Equal("50.0%", cut.Find("[data-testid=cp-rate-2]").TextContent.Trim()));
        Assert.Equal("2 / 2", cut.Find("[data-testid=cp-reported]").TextContent.Trim());
        Assert.Contains("赵网格（zhao）", cut.Find("[data-testid=cp-history]").TextContent);
    }

    [Fact]
    public async Task The_report_history_shows_the_latest_ten_until_opened()
    {
        var today = Campaign.Today(DateTimeOffset.UtcNow);
        var (id, _) = await Store.CreateAsync(new CampaignDraft("垃圾分类", "", today, today.AddDays(9), CampaignScope.Grids, [], ["G001"],
            [new("入户户数", null)]), Leader, default);
        var progress = Ctx.Services.GetRequiredService<CampaignProgress>();
        for (var i = 1; i <= 12; i++)
            await progress.ReportAsync(new CampaignReportDraft(id!.Value, "G001", new Dictionary<string, int> { ["入户户数"] = i },
                DateTimeOffset.UtcNow, $"网格员{i:00}（w{i}）", "test", $"h{i}", null), default);

        var cut = Ctx.Render<CampaignPage>(p => p.Add(x => x.Id, id!.Value));
        cut.WaitForAssertion(() => Assert.Equal(10, cut.FindAll("[data-testid=cp-history] li").Count));
        Assert.Contains("网格员12", cut.Find("[data-testid=cp-history]").TextContent);   // the newest first
        Assert.DoesNotContain("网格员01", cut.Find("[data-testid=cp-history]").TextContent);

        cut.Find("[data-testid=cp-history-toggle]").Click();

        cut.WaitForAssertion(() => Assert.Equal(12, cut.FindAll("[data-testid=cp-history] li").Count));
        Assert.Contains("收起", cut.Find("[data-testid=cp-history-toggle]").TextContent);
    }

    [Fact]
    public async Task The_campaign_page_can_render_while_its_grids_are_still_loading()
    {
        var today = Campaign.Today(DateTimeOffset.UtcNow);
        var (id, _) = await Store.CreateAsync(new CampaignDraft("消防通道清障", "", today, today.AddDays(9), CampaignScope.Grids, [], ["G001"],
            [new("排查处数", null), new("清理处数", null)]), Leader, default);

        // The grids' progress is locked: the page reads its campaign, then waits on the grid table.
        await using var conn = await _db.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var lockCmd = new Npgsql.NpgsqlCommand("LOCK TABLE campaign_progress IN ACCESS EXCLUSIVE MODE", conn, tx))
            await lockCmd.ExecuteNonQueryAsync();
        var cut = Ctx.Render<CampaignPage>(p => p.Add(x => x.Id, id!.Value));
        await WaitForLockWaiterAsync();

        // Any render now (here the parameters again; live, the first render's OnAfterRender) must not see a half-loaded page.
        cut.Render(p => p.Add(x => x.Id, id!.Value));
        Assert.Empty(cut.FindAll("[data-testid=cp-tiles]"));

        await tx.RollbackAsync();
        cut.WaitForAssertion(() => Assert.Equal("0", cut.Find("[data-testid=cp-total-1]").TextContent.Trim()));
        Assert.Equal("0 / 1", cut.Find("[data-testid=cp-reported]").TextContent.Trim());
    }

    private async Task WaitForLockWaiterAsync()
    {
        await using var cmd = _db.DataSource.CreateCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%campaign_progress%' AND datname = current_database()");
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((long)(await cmd.ExecuteScalarAsync())! == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the page never got to reading the grids");
            await Task.Delay(20);
        }
    }
}
