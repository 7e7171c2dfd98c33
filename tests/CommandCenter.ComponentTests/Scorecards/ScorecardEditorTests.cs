using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Scorecards;
using CommandCenter.Features.Scorecards;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.ComponentTests.Scorecards;

/// <summary>The administrator's scorecard editor: bad input is listed in Chinese item by item and nothing is
/// stored; a good edit becomes the next version and the old one stays.</summary>
public sealed class ScorecardEditorTests(PostgisDatabase db) : AdminTest(db)
{
    private ScorecardStore Store => Ctx.Services.GetRequiredService<ScorecardStore>();

    private async Task<int> VersionsAsync() => (await Store.ListAsync(CancellationToken.None)).Count;

    private IRenderedComponent<ScorecardEditor> Open()
    {
        var cut = Ctx.Render<ScorecardEditor>();
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=item-row]")));
        return cut;
    }

    private static int Index(IRenderedComponent<ScorecardEditor> cut, string metric) =>
        cut.FindAll("[data-testid=item-row]").Select(r => r.GetAttribute("data-metric")).ToList().IndexOf(metric);

    private static void Save(IRenderedComponent<ScorecardEditor> cut) => cut.Find("[data-testid=save-scorecard]").Click();

    [Fact]
    public async Task Weights_that_do_not_sum_to_100_are_refused_with_the_sum_and_nothing_is_stored()
    {
        var before = await VersionsAsync();
        var cut = Open();

        cut.Find($"input[name=item-weight-{Index(cut, ScoreMetric.SatisfactionRate)}]").Change("25");
        cut.WaitForAssertion(() => Assert.Contains("95 / 100", cut.Find("[data-testid=weight-sum]").TextContent));
        Save(cut);

        cut.WaitForAssertion(() => Assert.Contains("计分项权重合计须为 100（当前合计 95）",
            cut.FindAll("[data-testid=problem]").Select(p => p.TextContent.Trim())));
        Assert.Equal(before, await VersionsAsync());
        Assert.Equal("25", cut.Find($"input[name=item-weight-{Index(cut, ScoreMetric.SatisfactionRate)}]").GetAttribute("value"));
        Assert.Empty(cut.FindAll("[data-testid=saved]"));
    }

    [Fact]
    public async Task A_negative_cap_and_an_empty_name_are_named_by_item_number()
    {
        var before = await VersionsAsync();
        var cut = Open();
        var overdue = Index(cut, ScoreMetric.Overdue);
        var returns = Index(cut, ScoreMetric.Returns);

        cut.Find($"input[name=item-cap-{overdue}]").Change("-5");
        cut.Find($"input[name=item-name-{returns}]").Change("");
        Save(cut);

        cut.WaitForAssertion(() =>
        {
            var problems = cut.FindAll("[data-testid=problem]").Select(p => p.TextContent.Trim()).ToList();
            Assert.Contains($"第 {overdue + 1} 项「超期件」：扣分上限不能小于 0", problems);
            Assert.Contains($"第 {returns + 1} 项「退回件」：名称不能为空", problems);
        });
        Assert.Equal(before, await VersionsAsync());
    }

    [Fact]
    public async Task A_valid_edit_is_saved_as_the_next_version_and_the_old_version_is_kept()
    {
        var before = await Store.CurrentAsync(CancellationToken.None);
        var cut = Open();

        cut.Find($"input[name=item-per-case-{Index(cut, ScoreMetric.Jfb)}]").Change("8");
        cut.Find("input[name=note]").Change("纠风办件加重扣分");
        Save(cut);

        cut.WaitForAssertion(() => Assert.Contains($"已保存为第 {before.Version + 1} 版", cut.Find("[data-testid=saved]").TextContent));
        var after = await Store.CurrentAsync(CancellationToken.None);
        Assert.Equal(8m, after.Definition.Items.Single(i => i.Metric == ScoreMetric.Jfb).PerCase);
        Assert.Equal(("纠风办件加重扣分", "admin1"), (after.Note, after.CreatedBy));
        var old = (await Store.GetAsync(before.Version, CancellationToken.None))!;
        Assert.Equal(before.Definition.Items.Single(i => i.Metric == ScoreMetric.Jfb).PerCase, old.Definition.Items.Single(i => i.Metric == ScoreMetric.Jfb).PerCase);
        Assert.Contains(cut.FindAll("[data-testid=version-row]"), r => r.TextContent.Contains("纠风办件加重扣分"));
        await using var audit = Db.DataSource.CreateCommand("SELECT count(*) FROM audit_log WHERE action = 'scorecard.save' AND actor = 'admin1' AND target = @t");
        audit.Parameters.AddWithValue("t", $"第 {after.Version} 版");
        Assert.Equal(1L, await audit.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Removing_a_scored_item_leaves_the_weights_short_and_the_save_is_refused()
    {
        var before = await VersionsAsync();
        var cut = Open();

        cut.FindAll("[data-testid=item-row]")[Index(cut, ScoreMetric.ClosureRate)].QuerySelector("[data-testid=remove-item]")!.Click();
        Save(cut);

        cut.WaitForAssertion(() => Assert.Contains("计分项权重合计须为 100（当前合计 80）",
            cut.FindAll("[data-testid=problem]").Select(p => p.TextContent.Trim())));
        Assert.Equal(before, await VersionsAsync());
        Assert.Equal(-1, Index(cut, ScoreMetric.ClosureRate));
    }
}
