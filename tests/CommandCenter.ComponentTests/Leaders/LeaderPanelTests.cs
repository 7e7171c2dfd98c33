using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Cases;
using CommandCenter.Core.Security;
using CommandCenter.Features.Leaders;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.ComponentTests.Leaders;

/// <summary>The leader's panel on a case page: what it offers follows the case, its refusals are the machine's, and
/// what it does is written as the leader.</summary>
public sealed class LeaderPanelTests : MudTest, IClassFixture<PostgisDatabase>
{
    private readonly FakeTimeProvider _clock = Clocks.Fixed();
    private readonly CaseBench _cases;
    private int _changed;

    public LeaderPanelTests(PostgisDatabase db)
    {
        _cases = new CaseBench(db.DataSource, _clock);
        Ctx.AddCommandCenter(db.DataSource, _clock);
        Ctx.SignIn(Roles.Leader, "wang", "王书记");
    }

    private async Task<IRenderedComponent<LeaderPanel>> RenderAsync(long id)
    {
        var detail = await _cases.DetailAsync(id);
        return Ctx.Render<LeaderPanel>(p => p.Add(c => c.Detail, detail).Add(c => c.OnChanged, () => _changed++));
    }

    [Fact]
    public async Task A_pending_case_offers_only_an_instruction()
    {
        var cut = await RenderAsync(await _cases.NewCaseAsync(CaseStatus.Pending));

        Assert.NotNull(cut.Find("[data-testid=leader-instruct]"));
        Assert.Empty(cut.FindAll("[data-testid=leader-take-charge]"));
        Assert.Empty(cut.FindAll("[data-testid=leader-supervise]"));
    }

    [Fact]
    public async Task An_empty_instruction_shows_the_machines_refusal_and_writes_nothing()
    {
        var id = await _cases.NewCaseAsync(CaseStatus.Accepted);
        var cut = await RenderAsync(id);

        cut.Find("[data-testid=leader-instruct]").Click();
        cut.Find("[data-testid=leader-submit]").Click();

        cut.WaitForAssertion(() => Assert.Contains("批示内容不能为空", cut.Find("[data-testid=leader-message]").TextContent));
        Assert.DoesNotContain((await _cases.DetailAsync(id)).Timeline, e => e.Action == CaseActionKind.Instruct);
    }

    [Fact]
    public async Task Taking_charge_is_written_as_the_leader_and_the_page_reloads()
    {
        var id = await _cases.NewCaseAsync(CaseStatus.Accepted);
        var cut = await RenderAsync(id);

        cut.Find("[data-testid=leader-take-charge]").Click();
        cut.Find("textarea").Input("三日内化解");
        cut.Find("[data-testid=leader-submit]").Click();

        cut.WaitForAssertion(() => Assert.Equal(1, _changed));
        var detail = await _cases.DetailAsync(id);
        Assert.Equal("王书记（wang）", detail.State.LeadBy);
        Assert.Contains(detail.Timeline, e => e.Action == CaseActionKind.TakeCharge && e.Note == "三日内化解" && e.Actor == "王书记（wang）");
    }
}
