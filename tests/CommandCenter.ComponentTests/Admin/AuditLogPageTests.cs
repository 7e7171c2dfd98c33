using CommandCenter.ComponentTests.Infrastructure;
using CommandCenter.Core.Security;
using CommandCenter.Features.Admin;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.ComponentTests.Admin;

public sealed class AuditLogPageTests(PostgisDatabase db) : AdminTest(db)
{
    private Task AddAsync(string actor, string target, bool ok = true) =>
        Ctx.Services.GetRequiredService<AuditLog>().AppendAsync(
            new AuditEntry(actor, Roles.Admin, AuditActions.GridImported, target, "10.0.0.9", ok), CancellationToken.None);

    [Fact]
    public async Task Entries_render_with_Chinese_role_action_and_outcome()
    {
        var target = Unique("grids-");
        await AddAsync("admin7", target, ok: false);

        var cut = Ctx.Render<AuditLogPage>();

        var row = cut.WaitForRow(target).TextContent;
        Assert.Contains("admin7", row);
        Assert.Contains("管理员", row);
        Assert.Contains(AuditActions.Label(AuditActions.GridImported), row);
        Assert.Contains("失败", row);
        Assert.Contains("10.0.0.9", row);
    }

    [Fact]
    public async Task Searching_by_actor_lists_only_their_entries()
    {
        var mine = Unique("mine-");
        var theirs = Unique("theirs-");
        var actor = Unique("zhao");
        await AddAsync(actor, mine);
        await AddAsync("someone-else", theirs);
        var cut = Ctx.Render<AuditLogPage>();
        cut.WaitForRow(theirs);

        cut.Find("input[name=audit-actor]").Change(actor);
        cut.Find("[data-testid=search]").Click();

        cut.WaitForAssertion(() => Assert.DoesNotContain(theirs, cut.Markup));
        Assert.Contains(mine, cut.Markup);
    }

    [Fact]
    public async Task The_pager_counts_in_Chinese_and_the_date_fields_ask_for_yyyy_MM_dd()
    {
        await AddAsync("admin8", Unique("page-"));

        var cut = Ctx.Render<AuditLogPage>();

        cut.WaitForAssertion(() => Assert.Matches(@"第 1–\d+ 条，共 \d+ 条", cut.Markup));
        Assert.Equal(2, cut.FindAll("input[placeholder=yyyy-MM-dd]").Count);
    }
}
