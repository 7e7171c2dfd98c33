using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Cases;
using CommandCenter.Core.Security;
using CommandCenter.Features.Cases;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CommandCenter.ComponentTests.Cases;

public sealed class CaseActionPanelTests : MudTest, IClassFixture<PostgisDatabase>
{
    private readonly FakeTimeProvider _clock = Clocks.Fixed();
    private readonly CaseBench _cases;
    private int _changed;

    public CaseActionPanelTests(PostgisDatabase db)
    {
        _cases = new CaseBench(db.DataSource, _clock);
        Ctx.AddCommandCenter(db.DataSource, _clock);
        Ctx.SignIn(Roles.Officer, "zhang", "张值班");
    }

    private async Task<IRenderedComponent<CaseActionPanel>> PanelForAsync(long id)
    {
        var detail = await _cases.DetailAsync(id);
        return Ctx.Render<CaseActionPanel>(p => p.Add(c => c.Detail, detail).Add(c => c.OnChanged, () => _changed++));
    }

    private static Task PressAsync(IRenderedComponent<CaseActionPanel> cut, string key) =>
        cut.InvokeAsync(() => cut.Instance.HandleKeyAsync(key));

    [Fact]
    public async Task A_case_in_progress_offers_its_actions_with_their_keys()
    {
        var cut = await PanelForAsync(await _cases.NewCaseAsync(CaseStatus.InProgress));

        var buttons = cut.FindAll("button[data-action]").Select(b => b.TextContent.Trim()).ToList();
        Assert.Equal(["反馈 (F)", "退回 (B)", "督办 (W)", "吹哨 (H)", "合并重复件 (M)"], buttons);
    }

    [Fact]
    public async Task A_closed_case_says_there_is_nothing_to_do()
    {
        var cut = await PanelForAsync(await _cases.NewCaseAsync(CaseStatus.Closed));

        Assert.Empty(cut.FindAll("button[data-action]"));
        Assert.Contains("该事件已办结，无可用操作", cut.Markup);
    }

    [Theory]
    [InlineData(CaseStatus.InProgress, "return", "退回必须填写原因")]
    [InlineData(CaseStatus.InProgress, "feedback", "反馈必须填写处置结果")]
    [InlineData(CaseStatus.Dispatched, "supervise", "督办必须填写督办意见")]
    public async Task Submitting_without_the_required_text_names_it_and_changes_nothing(string status, string action, string error)
    {
        var id = await _cases.NewCaseAsync(status);
        var cut = await PanelForAsync(id);

        cut.Find($"button[data-action={action}]").Click();
        cut.Find("[data-testid=action-form]").Submit();

        cut.WaitForAssertion(() => Assert.Contains(error, cut.Find("[data-testid=action-error]").TextContent));
        Assert.NotEmpty(cut.FindAll("[data-testid=action-form]"));
        var after = (await _cases.DetailAsync(id)).State;
        Assert.Equal((status, 1), (after.Status, after.Version));
        Assert.Equal(0, _changed);
    }

    [Fact]
    public async Task The_required_field_is_labelled_as_required()
    {
        var cut = await PanelForAsync(await _cases.NewCaseAsync(CaseStatus.Dispatched));

        await PressAsync(cut, "b");

        Assert.Contains("退回原因（必填）", cut.Find("[data-testid=action-form]").TextContent);
    }

    [Fact]
    public async Task Ctrl_Enter_submits_the_open_form_and_names_the_officer()
    {
        var id = await _cases.NewCaseAsync(CaseStatus.Dispatched);
        var cut = await PanelForAsync(id);

        await PressAsync(cut, "b");
        cut.Find("[data-testid=action-form] textarea").Input("不属于本单位职责");
        await PressAsync(cut, "Ctrl+Enter");

        cut.WaitForAssertion(() => Assert.Equal("已退回（张值班（zhang））", cut.Find("[data-testid=action-done]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=action-form]"));
        Assert.Equal(CaseStatus.Accepted, (await _cases.DetailAsync(id)).State.Status);
        Assert.Equal(1, _changed);
    }

    [Fact]
    public async Task Escape_closes_the_form_without_applying_it()
    {
        var id = await _cases.NewCaseAsync(CaseStatus.InProgress);
        var cut = await PanelForAsync(id);
        await PressAsync(cut, "f");
        cut.Find("[data-testid=action-form] textarea").Input("已疏通");

        await PressAsync(cut, "Escape");

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=action-form]")));
        Assert.Equal(CaseStatus.InProgress, (await _cases.DetailAsync(id)).State.Status);
    }

    [Fact]
    public async Task A_key_without_an_action_for_this_case_opens_nothing()
    {
        var cut = await PanelForAsync(await _cases.NewCaseAsync(CaseStatus.Pending));

        var handled = await cut.InvokeAsync(() => cut.Instance.HandleKeyAsync("f"));

        Assert.True(handled);   // not Escape: the page does not treat it as its own key
        Assert.Empty(cut.FindAll("[data-testid=action-form]"));
    }

    [Fact]
    public async Task A_case_changed_by_another_officer_meanwhile_shows_the_conflict_and_a_refresh_button()
    {
        var id = await _cases.NewCaseAsync(CaseStatus.InProgress);
        var cut = await PanelForAsync(id);
        await PressAsync(cut, "f");
        cut.Find("[data-testid=action-form] textarea").Input("已疏通");
        var other = await _cases.Actions.ApplyAsync(id, 1, new CaseCommand.Supervise(1, "请加快"), "李值班（li）", CancellationToken.None);
        Assert.True(other.Done);

        await PressAsync(cut, "Ctrl+Enter");

        cut.WaitForAssertion(() => Assert.Contains("该事件已被其他值班员更新，请刷新后重试", cut.Find("[data-testid=action-error]").TextContent));
        Assert.Equal("刷新", cut.Find("[data-testid=conflict-refresh]").TextContent.Trim());
        Assert.Equal(CaseStatus.InProgress, (await _cases.DetailAsync(id)).State.Status);
    }

    [Fact]
    public async Task Refresh_after_a_conflict_asks_the_page_to_reload_and_clears_the_message()
    {
        var id = await _cases.NewCaseAsync(CaseStatus.InProgress);
        var cut = await PanelForAsync(id);
        await PressAsync(cut, "w");
        cut.Find("[data-testid=action-form] textarea").Input("请尽快处置");
        await _cases.Actions.ApplyAsync(id, 1, new CaseCommand.Supervise(1, "请加快"), "李值班（li）", CancellationToken.None);
        await PressAsync(cut, "Ctrl+Enter");
        cut.WaitForElement("[data-testid=conflict-refresh]");

        cut.Find("[data-testid=conflict-refresh]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=action-error]")));
        Assert.Equal(1, _changed);
    }

    [Fact]
    public async Task A_form_opened_before_a_live_update_warns_that_it_will_be_refused()
    {
        var id = await _cases.NewCaseAsync(CaseStatus.InProgress);
        var cut = await PanelForAsync(id);
        await PressAsync(cut, "f");
        await _cases.Actions.ApplyAsync(id, 1, new CaseCommand.Supervise(1, "请加快"), "李值班（li）", CancellationToken.None);
        var newer = await _cases.DetailAsync(id);

        cut.Render(p => p.Add(c => c.Detail, newer));

        Assert.Contains("该事件刚被更新", cut.Find("[data-testid=action-form] [role=alert]").TextContent);
    }
}
