using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Cases;
using CommandCenter.Core.Security;
using CommandCenter.Core.Units;
using CommandCenter.Features.Work;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.ComponentTests.Work;

/// <summary>The unit's action panel offers only what the unit may do now, and acts through the same machine.</summary>
public sealed class WorkActionsTests : MudTest, IClassFixture<PostgisDatabase>
{
    private readonly FakeTimeProvider _clock = Clocks.Fixed();
    private readonly CaseBench _cases;
    private static readonly UnitAccount Chengguan = new("cg1", "城管值守", Roles.Unit, new UnitBinding("chengguan", []),
        new UnitInfo("chengguan", "城管", "部门"));
    private CaseActionResult? _result;

    public WorkActionsTests(PostgisDatabase db)
    {
        _cases = new CaseBench(db.DataSource, _clock);
        Ctx.AddCommandCenter(db.DataSource, _clock);
        Ctx.SignIn(Roles.Unit, "cg1", "城管值守");
    }

    private async Task<long> DispatchedAsync(string unit)
    {
        var id = await _cases.NewCaseAsync(CaseStatus.Accepted);
        var result = await _cases.Actions.ApplyAsync(id, 1, new CaseCommand.Dispatch(unit, unit), "值班员甲", CancellationToken.None);
        Assert.True(result.Done, result.Message);
        return id;
    }

    private async Task<IRenderedComponent<WorkActions>> RenderAsync(long id)
    {
        var detail = await _cases.DetailAsync(id);
        return Ctx.Render<WorkActions>(p => p.Add(c => c.Detail, detail).Add(c => c.Account, Chengguan).Add(c => c.Done, r => _result = r));
    }

    [Fact]
    public async Task A_case_dispatched_to_the_unit_offers_sign_for_and_return_and_signing_moves_it_to_in_progress()
    {
        var id = await DispatchedAsync("chengguan");
        var cut = await RenderAsync(id);

        Assert.Equal(["签收", "退回"], cut.FindAll("[data-testid^=work-]").Where(b => b.TagName == "BUTTON" && b.GetAttribute("data-testid") != "work-submit")
            .Select(b => b.TextContent.Trim()));
        cut.Find("[data-testid=work-start]").Click();
        cut.Find("[data-testid=work-submit]").Click();

        cut.WaitForAssertion(() => Assert.True(_result?.Done, _result?.Message));
        Assert.Equal(CaseStatus.InProgress, (await _cases.DetailAsync(id)).State.Status);
    }

    [Fact]
    public async Task A_return_without_a_reason_is_refused_by_the_machine()
    {
        var id = await DispatchedAsync("chengguan");
        var cut = await RenderAsync(id);

        cut.Find("[data-testid=work-return]").Click();
        cut.Find("[data-testid=work-submit]").Click();

        cut.WaitForAssertion(() => Assert.Equal(CaseActionOutcome.Refused, _result?.Outcome));
        Assert.Equal(CaseStatus.Dispatched, (await _cases.DetailAsync(id)).State.Status);
    }

    [Fact]
    public async Task Another_units_case_offers_nothing()
    {
        var cut = await RenderAsync(await DispatchedAsync("zhujian"));

        Assert.NotNull(cut.Find("[data-testid=work-no-actions]"));
    }
}
