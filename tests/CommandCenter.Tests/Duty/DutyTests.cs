using CommandCenter.Core.Cases;
using CommandCenter.Core.Duty;
using CommandCenter.Core.Security;
using CommandCenter.Tests.Cases;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.Tests.Duty;

/// <summary>The duty roster names one team per moment, and a handover keeps what was open and urgent at the moment
/// the outgoing officer signed, whatever happens to those cases afterwards.</summary>
public sealed class DutyTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(8));
    private static readonly AuditActor Admin = new("管理员（admin）", Roles.Admin, "127.0.0.1");
    private static readonly AuditActor Officer = new("陈值班（chen）", Roles.Officer, "127.0.0.1");
    private readonly CaseWorkbench _b = new(db.DataSource, Start);
    private DutyRoster Roster => new(db.DataSource, new AuditLog(db.DataSource, _b.Clock), _b.Clock);
    private Handovers Handovers => new(db.DataSource, _b.Clock);

    [Fact]
    public async Task The_shift_covering_a_moment_is_found_and_an_overlapping_one_is_refused_with_its_times()
    {
        var day = new DateTimeOffset(2026, 3, 10, 8, 30, 0, TimeSpan.FromHours(8));
        Assert.Null(await Roster.AddAsync(new DutyShiftDraft(day, day.AddHours(9), "王书记", "陈值班、李值班", null), Admin, default));

        var overlap = await Roster.AddAsync(new DutyShiftDraft(day.AddHours(8), day.AddHours(20), "赵主任", "周值班", null), Admin, default);
        var current = await Roster.AtAsync(day.AddHours(3), default);
        var after = await Roster.AtAsync(day.AddHours(9), default);

        Assert.Equal("与已有班次（03-10 08:30–03-10 17:30，带班 王书记）时间重叠", overlap);
        Assert.Equal("王书记", current!.Leader);
        Assert.Equal(["陈值班", "李值班"], current.Officers);
        Assert.Null(after);
        Assert.True(await _b.ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'duty.update' AND @id = 0", 0) >= 1);
    }

    [Fact]
    public async Task A_shift_can_be_edited_without_colliding_with_itself_but_not_onto_another_and_the_audit_keeps_what_it_was()
    {
        var day = new DateTimeOffset(2026, 4, 10, 8, 30, 0, TimeSpan.FromHours(8));
        Assert.Null(await Roster.AddAsync(new DutyShiftDraft(day, day.AddHours(9), "王书记", "陈值班", null), Admin, default));
        Assert.Null(await Roster.AddAsync(new DutyShiftDraft(day.AddHours(9), day.AddHours(24), "赵主任", "周值班", null), Admin, default));
        var shift = (await Roster.AtAsync(day.AddHours(1), default))!;

        var moved = await Roster.UpdateAsync(shift.Id, new DutyShiftDraft(day.AddHours(-1), day.AddHours(9), "钱书记", "陈值班、孙值班", "提前一小时"), Admin, default);
        var onto = await Roster.UpdateAsync(shift.Id, new DutyShiftDraft(day, day.AddHours(10), "钱书记", "陈值班", null), Admin, default);
        await Roster.RemoveAsync(shift.Id, Admin, default);
        var gone = await Roster.UpdateAsync(shift.Id, new DutyShiftDraft(day, day.AddHours(9), "钱书记", "陈值班", null), Admin, default);

        Assert.Null(moved);
        Assert.Equal("与已有班次（04-10 17:30–04-11 08:30，带班 赵主任）时间重叠", onto);
        Assert.Equal("该班次已被删除，请刷新", gone);
        Assert.Equal(1, await _b.ScalarAsync("""
            SELECT count(*) FROM audit_log WHERE action = 'duty.update' AND details->>'before' = '04-10 08:30–04-10 17:30，带班 王书记'
              AND details->>'leader' = '钱书记' AND @id = 0
            """, 0));
    }

    [Theory]
    [InlineData(9, "", "陈值班", "请填写带班领导")]
    [InlineData(9, "王书记", " 、 ", "请填写至少一名值班员")]
    [InlineData(-1, "王书记", "陈值班", "结束时间须晚于开始时间")]
    [InlineData(50, "王书记", "陈值班", "一个班次不超过 48 小时")]
    public async Task A_bad_shift_is_refused_with_what_is_wrong(int hours, string leader, string officers, string expected)
    {
        var day = new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.FromHours(8));

        Assert.Equal(expected, await Roster.AddAsync(new DutyShiftDraft(day, day.AddHours(hours), leader, officers, null), Admin, default));
    }

    [Fact]
    public async Task A_handover_keeps_the_open_urgent_and_overdue_cases_as_they_were_when_it_was_signed()
    {
        var urgent = await _b.NewCaseAsync(CaseStatus.Accepted, priority: 1);
        var late = await _b.NewCaseAsync(CaseStatus.Accepted);
        await _b.DoAsync(late, new CaseCommand.Dispatch("chengguan", "城管"));
        _b.Clock.Advance(TimeSpan.FromDays(10));   // past the 72 h limit of the dispatched one
        var ordinary = await _b.NewCaseAsync(CaseStatus.Accepted);

        var (id, refusal) = await Handovers.SignAsync(Officer.Name, "夜间 #1 紧急件待城管到场", Officer, default);
        await _b.DoAsync(urgent, new CaseCommand.Dispatch("zhujian", "住建"));   // moves on after the handover
        var pending = await Handovers.PendingAsync(default);

        Assert.Null(refusal);
        Assert.Equal(id, pending!.Id);
        var snapshot = pending.OpenCases.ToDictionary(c => c.Id);
        Assert.Equal(CaseStatus.Accepted, snapshot[urgent].Status);        // as it was at signing, not now
        Assert.True(snapshot[late].Overdue);
        Assert.False(snapshot.ContainsKey(ordinary));
        Assert.True(pending.UrgentCount >= 1 && pending.OverdueCount >= 1);
    }

    [Fact]
    public async Task The_outgoing_officer_cannot_accept_their_own_handover_and_a_second_one_waits_for_the_first()
    {
        if (await Handovers.PendingAsync(default) is { } earlier) await Handovers.AcceptAsync(earlier.Id, "清场（x）", null, Officer, default);
        var (id, _) = await Handovers.SignAsync(Officer.Name, "无特殊情况", Officer, default);

        var self = await Handovers.AcceptAsync(id!.Value, Officer.Name, null, Officer, default);
        var (_, second) = await Handovers.SignAsync("李值班（li）", "再交一次", Officer, default);
        var accepted = await Handovers.AcceptAsync(id.Value, "李值班（li）", "已了解", Officer, default);
        var again = await Handovers.AcceptAsync(id.Value, "周值班（zhou）", null, Officer, default);

        Assert.Equal("交班人不能为自己接班：请由接班值班员登录后签字", self);
        Assert.Equal("陈值班（chen） 的交班尚未接班签字，请先完成那次交接", second);
        Assert.Null(accepted);
        Assert.Equal("该交班已由他人接班签字", again);
        var history = await Handovers.HistoryAsync("已了解", 10, default);
        Assert.Equal(("李值班（li）", "已了解"), (history.Single(h => h.Id == id).ToOfficer, history.Single(h => h.Id == id).AcceptNote));
    }

    [Fact]
    public async Task A_handover_needs_a_note()
    {
        var (id, refusal) = await Handovers.SignAsync(Officer.Name, "  ", Officer, default);

        Assert.Null(id);
        Assert.StartsWith("请填写交班说明", refusal);
    }
}
