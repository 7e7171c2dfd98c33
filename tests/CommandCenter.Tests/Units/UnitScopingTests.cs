using System.Net;
using CommandCenter.Core.Cases;
using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.Tests.Units;

/// <summary>A unit never sees or touches another unit's case, however it asks: the list, search, a case by
/// number, an action, a URL.</summary>
public sealed class UnitScopingTests(PostgisDatabase db) : WebAppTests(db)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private UnitBench Bench => _bench ??= new UnitBench(Db.DataSource, Start);
    private UnitBench? _bench;

    [Fact]
    public async Task The_list_and_search_hold_only_the_units_own_cases()
    {
        var mine = await Bench.DispatchedAsync("chengguan", "城管", title: "乱停车占道-城管件");
        var theirs = await Bench.DispatchedAsync("zhujian", "住建", title: "落水管破裂-住建件");

        var list = await Bench.Reads.ListAsync(UnitBench.Chengguan, null, default);
        var searchTheirs = await Bench.Reads.ListAsync(UnitBench.Chengguan, "住建件", default);
        var byNumber = await Bench.Reads.ListAsync(UnitBench.Chengguan, theirs.ToString(System.Globalization.CultureInfo.InvariantCulture), default);

        Assert.Contains(list, r => r.Id == mine);
        Assert.DoesNotContain(list, r => r.Id == theirs);
        Assert.Empty(searchTheirs);
        Assert.DoesNotContain(byNumber, r => r.Id == theirs);   // the number may appear in this unit's own titles
        Assert.Null(await Bench.Reads.FindAsync(UnitBench.Chengguan, theirs, default));
        Assert.NotNull(await Bench.Reads.FindAsync(UnitBench.Chengguan, mine, default));
    }

    [Fact]
    public async Task A_unit_cannot_act_on_another_units_case_and_nothing_is_written()
    {
        var theirs = await Bench.DispatchedAsync("zhujian", "住建");
        var before = await Bench.Cases.StateAsync(theirs);

        var result = await Bench.ActAsync(UnitBench.Chengguan, theirs, new CaseCommand.Start());

        Assert.Equal(CaseActionOutcome.Refused, result.Outcome);
        Assert.Equal(before.Version, (await Bench.Cases.StateAsync(theirs)).Version);
        Assert.Equal(0, await Bench.CountAsync("SELECT count(*) FROM case_events WHERE case_id = @id AND action = 'start'", theirs));
    }

    [Fact]
    public async Task A_summoned_department_may_check_in_and_report_but_not_sign_for_the_case()
    {
        var id = await Bench.DispatchedAsync("zhujian", "住建");
        await Bench.Cases.DoAsync(id, new CaseCommand.Whistle([new("chengguan", "城管")]));

        Assert.Equal(CaseActionOutcome.Refused, (await Bench.ActAsync(UnitBench.Chengguan, id, new CaseCommand.Start())).Outcome);
        Assert.Equal(CaseActionOutcome.Refused, (await Bench.ActAsync(UnitBench.Chengguan, id, new CaseCommand.CheckIn("gongan"))).Outcome);
        Assert.True((await Bench.ActAsync(UnitBench.Chengguan, id, new CaseCommand.CheckIn("chengguan"))).Done);
        Assert.True((await Bench.ActAsync(UnitBench.Chengguan, id, new CaseCommand.Report("chengguan", "已清理占道"))).Done);
        Assert.Contains(await Bench.Reads.ListAsync(UnitBench.Chengguan, null, default), r => r.Id == id && r.Summoned && !r.IsAssignee);
    }

    [Fact]
    public async Task The_unit_works_its_case_through_the_same_machine_and_the_officer_sees_who_signed()
    {
        var id = await Bench.DispatchedAsync("chengguan", "城管");

        Assert.True((await Bench.ActAsync(UnitBench.Chengguan, id, new CaseCommand.Start())).Done);
        Assert.Equal(CaseActionOutcome.Refused, (await Bench.ActAsync(UnitBench.Chengguan, id, new CaseCommand.Feedback(" "))).Outcome);
        Assert.True((await Bench.ActAsync(UnitBench.Chengguan, id, new CaseCommand.Feedback("已劝离车辆"))).Done);
        Assert.Equal(CaseActionOutcome.Refused, (await Bench.ActAsync(UnitBench.Chengguan, id, new CaseCommand.Review())).Outcome);

        var detail = (await Bench.Cases.Reader.LoadAsync(id, default))!;
        Assert.Equal(CaseStatus.Feedback, detail.State.Status);
        Assert.Contains(detail.Timeline, e => e.Action == CaseActionKind.Start && e.Actor == "城管值守（cg1）");
        var row = (await Bench.Reads.ListAsync(UnitBench.Chengguan, null, default)).Single(r => r.Id == id);
        Assert.Equal("城管值守（cg1）", row.SignedBy);
        Assert.Equal(2, await Bench.CountAsync("SELECT count(*) FROM audit_log WHERE target = '事件 #' || @id AND actor = '城管值守（cg1）'", id));
    }

    [Fact]
    public async Task By_url_a_unit_gets_not_found_for_another_units_case_and_is_refused_the_officers_pages()
    {
        var theirs = await Bench.DispatchedAsync("zhujian", "住建", title: "住建的秘密件");
        var mine = await Bench.DispatchedAsync("chengguan", "城管", title: "城管自己的件");
        var unit = await Web.LoginAsAsync(Roles.Unit);   // bound to chengguan (TestUsers.DefaultUnit)

        var otherResponse = await unit.GetAsync($"/work/{theirs}");
        var other = await otherResponse.Content.ReadAsStringAsync();
        var missing = await unit.GetAsync("/work/987654321");
        var ownResponse = await unit.GetAsync($"/work/{mine}");
        var own = await ownResponse.Content.ReadAsStringAsync();
        var officerPage = await unit.GetAsync($"/cases/{theirs}");
        var list = await unit.GetStringAsync("/work");

        // Another unit's case and a case that does not exist answer alike: the same status and the same words.
        // (200 with the message: .NET 10's prerender drops the body of a page that sets 404 itself.)
        Assert.Equal(missing.StatusCode, otherResponse.StatusCode);
        Assert.Contains("不属于本单位", await missing.Content.ReadAsStringAsync());
        Assert.Contains("不属于本单位", other);
        Assert.DoesNotContain("住建的秘密件", other);
        Assert.Contains("城管自己的件", own);
        Assert.True(officerPage.StatusCode is HttpStatusCode.Forbidden || officerPage.Headers.Location?.ToString().Contains("denied", StringComparison.Ordinal) == true,
            $"{officerPage.StatusCode} {officerPage.Headers.Location}");
        Assert.Contains("城管自己的件", list);
        Assert.DoesNotContain("住建的秘密件", list);
        Assert.True(await Bench.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'access.denied' AND target = '事件 #' || @id", theirs) >= 1);
    }

    [Fact]
    public async Task A_units_export_holds_its_own_cases_only_masked_and_is_audited()
    {
        var theirs = await Bench.DispatchedAsync("zhujian", "住建", title: "住建导出秘密件");
        var mine = await Bench.DispatchedAsync("chengguan", "城管", title: "城管导出件 电话13912345678");
        var unit = await Web.LoginAsAsync(Roles.Unit);   // bound to chengguan

        var response = await unit.GetAsync("/work/export.csv");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"{mine},", csv);
        Assert.Contains("城管导出件", csv);
        Assert.DoesNotContain("13912345678", csv);
        Assert.DoesNotContain("住建导出秘密件", csv);
        Assert.DoesNotContain($"\n{theirs},", csv);
        Assert.True(await Bench.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'data.export' AND details->>'unit' = 'chengguan' AND @id > 0", mine) >= 1);
    }
}
