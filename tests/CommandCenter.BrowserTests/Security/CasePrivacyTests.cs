using CommandCenter.BrowserTests.Cases;
using CommandCenter.BrowserTests.Infrastructure;
using CommandCenter.Core.Security;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.BrowserTests.Security;

/// <summary>Personal data on the case pages: masked by default; an officer may reveal it on the case
/// page, which is audited; a leader reads cases but can neither reveal nor act. Case text is text.</summary>
public sealed class CasePrivacyTests(WallFixture wall) : IClassFixture<WallFixture>
{
    [Fact]
    public async Task An_officer_sees_the_reporter_masked_until_asking_and_the_asking_is_audited()
    {
        var id = await wall.PostIncidentAsync("privacy-officer", wall.Grids[3].Code, reporterName: "王小明", reporterPhone: "13611112222",
            title: "楼道堵塞 联系 13611112222");
        var officer = new OfficerPage(await wall.NewPersonPageAsync(Roles.Officer), wall.Web.BaseAddress);
        await officer.OpenCaseAsync(id);
        var reporter = officer.Page.Locator("[data-testid=case-reporter]");

        await Expect(reporter).ToContainTextAsync("王**");
        await Expect(reporter).ToContainTextAsync("136****2222");
        await Expect(officer.Page.Locator("[data-testid=case-title]")).ToContainTextAsync("136****2222");
        Assert.DoesNotContain("13611112222", await officer.Page.ContentAsync());

        await officer.Page.Locator("[data-testid=reveal-pii]").ClickAsync();

        await Expect(reporter).ToContainTextAsync("王小明");
        await Expect(reporter).ToContainTextAsync("13611112222");
        await using var cmd = wall.DataSource.CreateCommand(
            "SELECT count(*) FROM audit_log WHERE action = 'personal-data.view' AND target = @t AND actor_role = 'officer' AND ip IS NOT NULL");
        cmd.Parameters.AddWithValue("t", $"事件 #{id}");
        Assert.Equal(1L, await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_leader_reads_a_case_masked_with_no_way_to_reveal_or_act()
    {
        var id = await wall.PostIncidentAsync("privacy-leader", wall.Grids[4].Code, reporterName: "赵大海", reporterPhone: "13733334444");
        var leader = new OfficerPage(await wall.NewPersonPageAsync(Roles.Leader), wall.Web.BaseAddress);
        await leader.Page.GotoAsync(new Uri(wall.Web.BaseAddress, $"cases/{id}").ToString());

        await Expect(leader.Page.Locator("[data-testid=case-reporter]")).ToContainTextAsync("赵**");
        await Expect(leader.Page.Locator("[data-testid=reveal-pii]")).ToHaveCountAsync(0);
        await Expect(leader.Page.Locator("[data-testid=action-form]")).ToHaveCountAsync(0);
        Assert.DoesNotContain("13733334444", await leader.Page.ContentAsync());
    }

    [Fact]
    public async Task Script_in_a_case_title_is_shown_as_text_on_the_case_page()
    {
        var id = await wall.PostIncidentAsync("privacy-xss", wall.Grids[5].Code,
            title: "<script>window.pwned=1</script><img src=x onerror=\"window.pwned=2\">");
        var officer = new OfficerPage(await wall.NewPersonPageAsync(Roles.Officer), wall.Web.BaseAddress);
        await officer.OpenCaseAsync(id);
        var title = officer.Page.Locator("[data-testid=case-title]");

        await Expect(title).ToContainTextAsync("<script>window.pwned=1</script>");
        Assert.Equal(0, await title.Locator("img, script").CountAsync());
        Assert.Null(await officer.Page.EvaluateAsync<int?>("() => window.pwned ?? null"));
    }
}
