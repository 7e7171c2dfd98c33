using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Cases;
using CommandCenter.Core.Security;
using CommandCenter.Features.Jfb;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using Npgsql;

namespace CommandCenter.ComponentTests.Jfb;

/// <summary>The 纠风办处理记录 panel on the case page (issue 14): an officer enters 交办 and sees it saved; a
/// missing 交办 is refused with the field named, and what was typed stays.</summary>
public sealed class JfbPanelTests : MudTest, IClassFixture<PostgisDatabase>
{
    private readonly FakeTimeProvider _clock = Clocks.Fixed();
    private readonly CaseBench _cases;
    private readonly NpgsqlDataSource _db;

    public JfbPanelTests(PostgisDatabase db)
    {
        _db = db.DataSource;
        _cases = new CaseBench(db.DataSource, _clock);
        Ctx.AddCommandCenter(db.DataSource, _clock);
        Ctx.SignIn(Roles.Officer, "zhang", "张值班");
    }

    private async Task<long> EscalatedAsync()
    {
        var id = await _cases.NewCaseAsync(CaseStatus.InProgress);
        // As the second 不满意 回访 leaves it (the trigger lists it on 纠风办).
        await using var cmd = _db.CreateCommand("UPDATE cases SET escalated_jfb = true, unsatisfied_count = 2, callback_at = now() WHERE id = @id");
        cmd.Parameters.AddWithValue("id", id);
        await cmd.ExecuteNonQueryAsync();
        return id;
    }

    private static Task TypeAsync(IRenderedComponent<JfbPanel> cut, string testId, string text) =>
        cut.InvokeAsync(() => cut.FindComponents<MudTextField<string>>()
            .Single(f => f.Find("input, textarea").ParentElement!.OuterHtml.Contains(testId, StringComparison.Ordinal) || f.Markup.Contains(testId, StringComparison.Ordinal))
            .Instance.ValueChanged.InvokeAsync(text));

    [Fact]
    public async Task An_officer_hands_the_case_over_and_the_record_shows_it()
    {
        var id = await EscalatedAsync();
        var cut = Ctx.Render<JfbPanel>(p => p.Add(c => c.CaseId, id));
        cut.WaitForElement("[data-testid=jfb-stage]");

        await TypeAsync(cut, "jfb-result-input", "已整改");
        cut.Find("[data-testid=jfb-save] button, button[data-testid=jfb-save]").Click();
        cut.WaitForAssertion(() => Assert.Contains("交办对象", cut.Find("[data-testid=jfb-message]").TextContent));

        await TypeAsync(cut, "jfb-to", "城管中队");
        cut.Find("[data-testid=jfb-save] button, button[data-testid=jfb-save]").Click();

        cut.WaitForAssertion(() => Assert.Contains("城管中队", cut.Find("[data-testid=jfb-assigned]").TextContent));
        Assert.Equal("处理中", cut.Find("[data-testid=jfb-stage]").TextContent.Trim());
        Assert.Contains("已整改", cut.Find("[data-testid=jfb-result]").TextContent);
    }
}
