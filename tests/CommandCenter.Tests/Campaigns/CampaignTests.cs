using CommandCenter.Core.Campaigns;
using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.Tests.Campaigns;

/// <summary>专项任务: the grids' totals are exactly the sum of the kept reports, the rates follow seed 002's meaning
/// (约谈 and 整改 over the households found), bad reports are refused with what is wrong and change nothing, and the
/// wall layer's colours follow the headline rate.</summary>
public sealed class CampaignTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    private static readonly AuditActor Leader = new("王书记（wang）", Roles.Leader, "127.0.0.1");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 5, 10, 9, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime());
    private CampaignStore Store => new(db.DataSource, _clock);
    private CampaignProgress Progress => new(db.DataSource, _clock);
    private static readonly DateOnly Day = new(2026, 5, 10);

    private async Task<long> QunzuAsync(CampaignScope scope = CampaignScope.All, IReadOnlyList<string>? regions = null, IReadOnlyList<string>? grids = null)
    {
        await SampleData.EnsureGridsAsync(db.DataSource);
        var (id, error) = await Store.CreateAsync(new CampaignDraft("群租整治", "", Day.AddDays(-3), Day.AddDays(30), scope, regions ?? [], grids ?? [],
            [new("认定户数", null), new("约谈", null), new("整改", null)]), Leader, default);
        Assert.Null(error);
        return id!.Value;
    }

    private Task<CampaignReportOutcome> ReportAsync(long id, string grid, int found, int talked, int rectified, string? ext = null) =>
        Progress.ReportAsync(new CampaignReportDraft(id, grid,
            new Dictionary<string, int> { ["认定户数"] = found, ["约谈"] = talked, ["整改"] = rectified }.Where(kv => kv.Value != 0).ToDictionary(),
            _clock.GetUtcNow(), "李网格（li）", "test", ext ?? Guid.NewGuid().ToString("N"), null), default);

    [Fact]
    public async Task Totals_and_rates_equal_a_raw_recount_of_the_reports_also_when_workers_report_one_grid_at_once()
    {
        var id = await QunzuAsync();
        var random = new Random(15);
        var codes = (await Store.GridsAsync(id, 3, default)).Select(g => g.GridCode).Take(40).ToList();
        // Concurrent reporters on the same few grids: every report must count once.
        await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var grid = codes[i % 10];
            var o = await ReportAsync(id, grid, 3, 2, 1);
            Assert.Equal(CampaignReportStatus.Accepted, o.Status);
        });
        foreach (var grid in codes.Skip(10))
        {
            var found = random.Next(1, 20);
            await ReportAsync(id, grid, found, random.Next(0, found + 1), 0);
            await ReportAsync(id, grid, 0, 0, random.Next(0, 2));
        }

        var summary = (await Store.ListAsync(default)).Single(s => s.Campaign.Id == id);
        var perGrid = await Store.GridsAsync(id, 3, default);
        var recount = await RecountAsync(id);

        Assert.Equal(Enumerable.Range(0, 3).Select(i => recount.Values.Sum(t => t[i])), summary.Totals);
        foreach (var g in perGrid.Where(g => g.Reports > 0)) Assert.Equal(recount[g.GridCode], g.Totals);
        Assert.Equal(recount.Count, summary.GridsReported);
        Assert.Equal(600, perGrid.Where(g => codes.Take(10).Contains(g.GridCode)).Sum(g => g.Totals[0]));
        Assert.Equal((double)summary.Totals[1] / summary.Totals[0], summary.Rate(1));
        Assert.Equal((double)summary.Totals[2] / summary.Totals[0], summary.Rate(2));
    }

    // The history's deltas, summed by SQL straight from campaign_reports: the definition the stored totals must meet.
    private async Task<Dictionary<string, int[]>> RecountAsync(long id)
    {
        await using var cmd = db.DataSource.CreateCommand("""
            SELECT grid_code, array_agg(s ORDER BY o) FROM (
                SELECT r.grid_code, u.o, sum(u.d)::int AS s FROM campaign_reports r, unnest(r.deltas) WITH ORDINALITY AS u(d, o)
                WHERE r.campaign_id = @id GROUP BY r.grid_code, u.o) x GROUP BY grid_code
            """);
        cmd.Parameters.AddWithValue("id", id);
        var map = new Dictionary<string, int[]>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) map[r.GetString(0)] = r.GetFieldValue<int[]>(1);
        return map;
    }

    [Fact]
    public async Task The_seed_figures_give_the_seed_rates_81_and_44_percent()
    {
        var id = await QunzuAsync(CampaignScope.Grids, grids: ["G001", "G002"]);
        await ReportAsync(id, "G001", 500, 400, 200);
        await ReportAsync(id, "G002", 378, 313, 187);

        var s = (await Store.ListAsync(default)).Single(x => x.Campaign.Id == id);

        Assert.Equal(new[] { 878, 713, 387 }, s.Totals);
        Assert.Equal("81.2%", CampaignRates.Percent(s.Rate(1)));
        Assert.Equal("44.1%", CampaignRates.Percent(s.Rate(2)));   // 387 / 878, as the seed — not 387 / 713 (54%)
        Assert.Equal("约谈率", s.Campaign.Counters[1].RateLabel);
    }

    [Fact]
    public async Task A_bad_report_is_refused_with_what_is_wrong_and_changes_nothing()
    {
        var id = await QunzuAsync(CampaignScope.Regions, regions: ["P2"]);
        var grids = await Store.GridsAsync(id, 3, default);
        var inside = grids[0].GridCode;
        await ReportAsync(id, inside, 5, 3, 1);

        var tooMany = await ReportAsync(id, inside, 0, 3, 0);
        var negative = await ReportAsync(id, inside, 0, 0, -2);
        var outside = await ReportAsync(id, "G001", 1, 0, 0);   // G001 is in 片区 P1
        var unknown = await Progress.ReportAsync(new CampaignReportDraft(id, inside, new Dictionary<string, int> { ["走访"] = 1 }, _clock.GetUtcNow(),
            "x", "test", "u1", null), default);
        var notMine = await Progress.ReportAsync(new CampaignReportDraft(id, inside, new Dictionary<string, int> { ["认定户数"] = 1 }, _clock.GetUtcNow(),
            "x", "m", "u2", null, AllowedGrids: ["G999"]), default);

        Assert.Equal("「约谈」累计 6 超过「认定户数」累计 5：约谈的户须是已认定的户，请先报认定户数", tooMany.Reason);
        Assert.Equal("「整改」更正后累计为 -1，不能小于 0（当前累计 1）", negative.Reason);
        Assert.Equal($"网格 G001 不在「群租整治」的范围内", outside.Reason);
        Assert.Equal("「群租整治」没有计数项「走访」（可用：认定户数、约谈、整改）", unknown.Reason);
        Assert.Equal($"网格 {inside} 不是您负责的网格", notMine.Reason);
        var after = (await Store.GridsAsync(id, 3, default)).Single(g => g.GridCode == inside);
        Assert.Equal(new[] { 5, 3, 1 }, after.Totals);
        Assert.Equal(1, after.Reports);
        Assert.All(grids, g => Assert.StartsWith("G", g.GridCode));
        Assert.DoesNotContain(grids, g => g.GridCode == "G001");
    }

    [Fact]
    public async Task A_resent_report_counts_once_and_an_ended_campaign_takes_no_more()
    {
        var id = await QunzuAsync(CampaignScope.Grids, grids: ["G003"]);
        var first = await ReportAsync(id, "G003", 4, 2, 0, ext: "same");
        var again = await ReportAsync(id, "G003", 4, 2, 0, ext: "same");
        Assert.True(await Store.EndAsync(id, Leader, default));
        var late = await ReportAsync(id, "G003", 1, 0, 0);

        Assert.Equal(CampaignReportStatus.Accepted, first.Status);
        Assert.Equal(CampaignReportStatus.Duplicate, again.Status);
        Assert.Equal("「群租整治」已结束，不再接收进度", late.Reason);
        Assert.Equal(new[] { 4, 2, 0 }, (await Store.GridsAsync(id, 3, default)).Single().Totals);
        Assert.Equal(CampaignStatus.Ended, (await Store.GetAsync(id, default))!.StatusAt(_clock.GetUtcNow()));
    }

    [Theory]
    [InlineData("", "2026-05-01", "2026-05-31", "排查户数", "请填写任务名称")]
    [InlineData("垃圾分类", "2026-05-31", "2026-05-01", "排查户数", "结束日期不能早于开始日期")]
    [InlineData("垃圾分类", "2026-05-01", "2026-05-31", "", "请至少填写一个计数项（第一项为基数，如「排查户数」）")]
    public async Task A_bad_campaign_is_refused_naming_the_field(string title, string from, string to, string counter, string expected)
    {
        await SampleData.EnsureGridsAsync(db.DataSource);

        var (id, error) = await Store.CreateAsync(new CampaignDraft(title, null, DateOnly.Parse(from), DateOnly.Parse(to), CampaignScope.All, [], [],
            [new(counter, null)]), Leader, default);

        Assert.Null(id);
        Assert.Equal(expected, error);
    }

    [Fact]
    public async Task Only_officers_and_leaders_create_campaigns_and_one_campaign_at_a_time_is_on_the_walls()
    {
        var a = await QunzuAsync();
        var b = await QunzuAsync();
        var (none, refusal) = await Store.CreateAsync(new CampaignDraft("x", null, Day, Day, CampaignScope.All, [], [], [new("排查户数", null)]),
            new AuditActor("admin", Roles.Admin, null), default);

        Assert.Null(await Store.SetOnWallAsync(a, true, Leader, default));
        Assert.Null(await Store.SetOnWallAsync(b, true, Leader, default));

        Assert.Null(none);
        Assert.Equal("只有值班员和领导可以创建专项任务", refusal);
        Assert.Equal(b, (await Store.OnWallAsync(default))!.Id);
        Assert.Null(await Store.SetOnWallAsync(b, false, Leader, default));
        Assert.Null(await Store.OnWallAsync(default));
    }

    [Fact]
    public async Task The_wall_layer_colours_each_grid_by_its_整改率_and_greys_the_ones_that_have_not_reported()
    {
        var id = await QunzuAsync(CampaignScope.Grids, grids: ["G010", "G011", "G012", "G013", "G014", "G015"]);
        await ReportAsync(id, "G010", 10, 9, 1);    // 10 %
        await ReportAsync(id, "G011", 10, 9, 4);    // 40 %
        await ReportAsync(id, "G012", 10, 9, 7);    // 70 %
        await ReportAsync(id, "G013", 10, 10, 9);   // 90 %
        await ReportAsync(id, "G014", 1, 0, 0);
        await ReportAsync(id, "G014", -1, 0, 0);    // found nothing after all: reported, nothing to rectify
        var c = (await Store.GetAsync(id, default))!;

        var bands = CampaignRates.Bands(c, await Store.GridsAsync(id, 3, default));

        Assert.Equal(CampaignBands.Low, bands["G010"]);
        Assert.Equal(CampaignBands.Mid, bands["G011"]);
        Assert.Equal(CampaignBands.High, bands["G012"]);
        Assert.Equal(CampaignBands.Done, bands["G013"]);
        Assert.Equal(CampaignBands.Empty, bands["G014"]);
        Assert.Equal(CampaignBands.None, bands["G015"]);
        Assert.Equal("整改率", CampaignRates.HeadlineLabel(c.Counters));
    }

    [Fact]
    public async Task The_csv_report_has_a_row_per_grid_and_the_totals_with_rates()
    {
        var id = await QunzuAsync(CampaignScope.Grids, grids: ["G020", "G021"]);
        await ReportAsync(id, "G020", 8, 6, 2);
        var c = (await Store.GetAsync(id, default))!;

        var text = System.Text.Encoding.UTF8.GetString(CommandCenter.Features.Campaigns.CampaignExport.Build(c, await Store.GridsAsync(id, 3, default))).TrimStart('\uFEFF');
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("网格编号,网格,片区,认定户数,约谈,约谈率(%),整改,整改率(%),上报次数,最近上报时间,最近上报人", lines[0]);
        Assert.StartsWith("G020,第20网格,", lines[1]);
        Assert.Contains(",8,6,75,2,25,1,", lines[1]);
        Assert.StartsWith("合计,1/2 个网格已上报,,8,6,75,2,25,1", lines[3]);
    }
}
