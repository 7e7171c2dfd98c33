using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Duty;
using CommandCenter.Core.Security;
using CommandCenter.Features.Admin;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.ComponentTests.Admin;

/// <summary>/admin/duty: a shift is edited in the same form as a new one; a refused edit keeps what was typed.</summary>
public sealed class DutyRosterPageTests(PostgisDatabase db) : AdminTest(db)
{
    [Fact]
    public async Task Editing_a_shift_fills_the_form_saves_the_change_and_a_refusal_keeps_the_typing()
    {
        var roster = Ctx.Services.GetRequiredService<DutyRoster>();
        var start = Clock.GetUtcNow().AddHours(1);
        var leader = Unique("带班");
        Assert.Null(await roster.AddAsync(new DutyShiftDraft(start, start.AddHours(8), leader, "陈值班", null),
            new AuditActor("admin1", Roles.Admin, null), default));
        var cut = Ctx.Render<DutyRosterPage>();

        // MudBlazor re-renders the row's buttons after the list first shows: find and click again until the click lands.
        cut.WaitForRow(leader);
        cut.WaitForAssertion(() => cut.Row(leader).Button("修改").Click());

        cut.WaitForAssertion(() => Assert.StartsWith("修改班次（原 ", cut.Find("[data-testid=shift-form-title]").TextContent));
        Assert.Equal(leader, cut.Find("input[name=duty-leader]").GetAttribute("value"));
        // Find and fire in one dispatcher turn: MudBlazor may re-render between them and renumber the handlers.
        await cut.InvokeAsync(() => cut.Find("input[name=duty-to]").Change("不是时间"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=save-shift]").Click());
        cut.WaitForAssertion(() => Assert.Contains("结束时间「不是时间」格式不对", cut.Find("[data-testid=admin-message]").TextContent));
        Assert.Equal("不是时间", cut.Find("input[name=duty-to]").GetAttribute("value"));

        var to = CommandCenter.Core.Time.Shanghai.Format(start.AddHours(10), "yyyy-MM-dd HH:mm");
        await cut.InvokeAsync(() => cut.Find("input[name=duty-to]").Change(to));
        await cut.InvokeAsync(() => cut.Find("input[name=duty-officers]").Change("陈值班、孙值班"));
        await cut.InvokeAsync(() => cut.Find("[data-testid=save-shift]").Click());

        cut.WaitForAssertion(() => Assert.Contains("已修改班次", cut.Find("[data-testid=admin-message]").TextContent));
        cut.WaitForAssertion(() => Assert.Contains("陈值班、孙值班", cut.Row(leader).TextContent));
        Assert.Equal("新增班次", cut.Find("[data-testid=shift-form-title]").TextContent);
        var stored = (await roster.AtAsync(start.AddHours(9), default))!;
        Assert.Equal(leader, stored.Leader);
    }
}
