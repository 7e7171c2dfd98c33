using CommandCenter.Core.Cases;
using CommandCenter.Core.Notices;
using CommandCenter.Tests.Infrastructure;
using CommandCenter.Tests.Units;

namespace CommandCenter.Tests.Leaders;

/// <summary>A leader's 批示, 包案 and 督办 go through the same transaction as an officer's action (timeline, audit
/// trigger, change log) and reach the people who must hear of them as notices.</summary>
public sealed class LeaderActionsTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    private const string Leader = "王书记（leader1）";
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly UnitBench _b = new(db.DataSource, Start);
    private LeadQueries Leads => new(db.DataSource);

    [Fact]
    public async Task An_instruction_is_on_the_timeline_and_reaches_the_unit_and_the_center_without_changing_the_status()
    {
        var id = await _b.DispatchedAsync("chengguan", "城管");

        var after = await _b.Cases.DoAsync(id, new CaseCommand.Instruct("  务必今日解决，结果报我  "), Leader);

        Assert.Equal(CaseStatus.Dispatched, after.Status);
        var detail = (await _b.Cases.Reader.LoadAsync(id, default))!;
        var line = Assert.Single(detail.Timeline, e => e.Action == CaseActionKind.Instruct);
        Assert.Equal(("务必今日解决，结果报我", Leader), (line.Note, line.Actor));
        var unit = Assert.Single(await _b.Notices.ForUnitAsync(UnitBench.Chengguan.Scope, 50, default), n => n.CaseId == id);
        Assert.Equal((NoticeKinds.Instruction, "务必今日解决，结果报我", Leader), (unit.Kind, unit.Text, unit.CreatedBy));
        var center = Assert.Single(await _b.Notices.ForCenterAsync(50, default), n => n.CaseId == id);
        Assert.Equal(NoticeKinds.Instruction, center.Kind);
        Assert.DoesNotContain(await _b.Notices.ForUnitAsync(UnitBench.Zhujian.Scope, 50, default), n => n.CaseId == id);
        Assert.Equal(1, await _b.CountAsync("SELECT count(*) FROM audit_log WHERE target = '事件 #' || @id AND actor = '王书记（leader1）'", id));
        Assert.Equal(1, await _b.CountAsync("SELECT count(*) FROM change_log WHERE kind = 'notices' AND payload->'caseIds' @> to_jsonb(@id)", id));
    }

    [Fact]
    public async Task An_empty_instruction_is_refused_and_writes_nothing()
    {
        var id = await _b.DispatchedAsync("chengguan", "城管");
        var s = await _b.Cases.StateAsync(id);

        var result = await _b.Cases.Actions.ApplyAsync(id, s.Version, new CaseCommand.Instruct("   "), Leader, default);

        Assert.Equal(CaseActionOutcome.Refused, result.Outcome);
        Assert.Equal("批示内容不能为空", result.Message);
        Assert.Equal(0, await _b.CountAsync("SELECT count(*) FROM notices WHERE case_id = @id", id));
        Assert.Equal(s.Version, (await _b.Cases.StateAsync(id)).Version);
    }

    [Fact]
    public async Task A_leader_takes_charge_once_the_unit_is_told_and_the_case_is_on_the_lead_list()
    {
        var id = await _b.DispatchedAsync("chengguan", "城管", title: "老旧小区漏水久拖未决");
        await _b.Cases.DoAsync(id, new CaseCommand.TakeCharge("三日内化解，每日报告进展"), Leader);
        var s = await _b.Cases.StateAsync(id);

        var second = await _b.Cases.Actions.ApplyAsync(id, s.Version, new CaseCommand.TakeCharge("我也来"), "李主任（leader2）", default);

        Assert.Equal(Leader, s.LeadBy);
        Assert.Equal(CaseActionOutcome.Refused, second.Outcome);
        Assert.Equal($"该事件已由 {Leader} 包案", second.Message);
        var row = Assert.Single(await Leads.ListAsync(openOnly: true, leader: Leader, default), r => r.CaseId == id);
        Assert.Equal(("老旧小区漏水久拖未决", "三日内化解，每日报告进展", "城管"), (row.Title, row.Note, row.Assignee));
        Assert.DoesNotContain(await Leads.ListAsync(openOnly: true, leader: "李主任（leader2）", default), r => r.CaseId == id);
        var notice = Assert.Single(await _b.Notices.ForUnitAsync(UnitBench.Chengguan.Scope, 50, default), n => n.CaseId == id);
        Assert.Equal(NoticeKinds.Lead, notice.Kind);
        Assert.Contains(Leader, notice.Text);
    }

    [Fact]
    public async Task A_pending_case_cannot_be_taken_in_charge()
    {
        var id = await _b.Cases.NewCaseAsync(CaseStatus.Pending);
        var s = await _b.Cases.StateAsync(id);

        var result = await _b.Cases.Actions.ApplyAsync(id, s.Version, new CaseCommand.TakeCharge("我来"), Leader, default);

        Assert.Equal(CaseActionOutcome.Refused, result.Outcome);
        Assert.DoesNotContain(await Leads.ListAsync(openOnly: false, leader: null, default), r => r.CaseId == id);
    }

    [Fact]
    public async Task The_lead_list_shows_the_latest_instruction_and_masks_numbers_in_free_text()
    {
        var id = await _b.DispatchedAsync("zhujian", "住建");
        await _b.Cases.DoAsync(id, new CaseCommand.TakeCharge("联系业主 13912345678 协调"), Leader);
        await _b.Cases.DoAsync(id, new CaseCommand.Instruct("先排险"), Leader);
        _b.Cases.Clock.Advance(TimeSpan.FromMinutes(5));
        await _b.Cases.DoAsync(id, new CaseCommand.Instruct("再约谈物业"), Leader);

        var row = Assert.Single(await Leads.ListAsync(openOnly: true, leader: null, default), r => r.CaseId == id);

        Assert.Equal("再约谈物业", row.LastInstruction);
        Assert.DoesNotContain("13912345678", row.Note);
    }
}
