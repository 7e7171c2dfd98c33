using CommandCenter.Core.Cases;
using CommandCenter.Core.Notices;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.Tests.Units;

/// <summary>督办 and 催办 reach the unit as notices, committed with the action and announced; reading one
/// records who and when, once, and both show in the case's timeline.</summary>
public sealed class NoticeTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly UnitBench _b = new(db.DataSource, Start);

    [Fact]
    public async Task A_manual_supervise_and_an_urge_each_give_the_unit_one_notice_announced_on_the_change_feed()
    {
        var id = await _b.DispatchedAsync("chengguan", "城管");

        await _b.Cases.DoAsync(id, new CaseCommand.Supervise(2, "今天必须处理完"));
        await _b.Cases.DoAsync(id, new CaseCommand.Urge("请尽快签收"));

        var notices = (await _b.Notices.ForUnitAsync(UnitBench.Chengguan.Scope, 50, default)).Where(n => n.CaseId == id).ToList();
        Assert.Equal([NoticeKinds.Urge, NoticeKinds.Supervise], notices.Select(n => n.Kind));
        Assert.Contains("2级督办：今天必须处理完", notices[1].Text);
        Assert.Equal(2, await _b.CountAsync("SELECT count(*) FROM change_log WHERE kind = 'notices' AND payload->'caseIds' @> to_jsonb(@id)", id));
        Assert.DoesNotContain(await _b.Notices.ForUnitAsync(UnitBench.Zhujian.Scope, 50, default), n => n.CaseId == id);
    }

    [Fact]
    public async Task An_urge_needs_a_note_and_a_dispatched_case()
    {
        var id = await _b.Cases.NewCaseAsync(CaseStatus.Accepted);
        var s = await _b.Cases.StateAsync(id);

        var early = await _b.Cases.Actions.ApplyAsync(id, s.Version, new CaseCommand.Urge("快"), "值班员甲", default);
        await _b.Cases.DoAsync(id, new CaseCommand.Dispatch("chengguan", "城管"));
        s = await _b.Cases.StateAsync(id);
        var blank = await _b.Cases.Actions.ApplyAsync(id, s.Version, new CaseCommand.Urge(""), "值班员甲", default);

        Assert.Equal(CaseActionOutcome.Refused, early.Outcome);
        Assert.Equal(CaseActionOutcome.Refused, blank.Outcome);
    }

    [Fact]
    public async Task Reading_a_notice_records_the_receipt_once_is_audited_and_shows_in_the_timeline()
    {
        var id = await _b.DispatchedAsync("chengguan", "城管");
        await _b.Cases.DoAsync(id, new CaseCommand.Urge("请回电居民"));
        var notice = (await _b.Notices.ForUnitAsync(UnitBench.Chengguan.Scope, 50, default)).Single(n => n.CaseId == id);

        var byOther = await _b.Notices.MarkReadAsync(notice.Id, UnitBench.Zhujian.Scope, UnitBench.Person, "住建（zj1）", default);
        _b.Cases.Clock.Advance(TimeSpan.FromMinutes(3));
        var first = await _b.Notices.MarkReadAsync(notice.Id, UnitBench.Chengguan.Scope, UnitBench.Person, "城管值守（cg1）", default);
        var again = await _b.Notices.MarkReadAsync(notice.Id, UnitBench.Chengguan.Scope, UnitBench.Person, "城管值守（cg1）", default);

        Assert.False(byOther);
        Assert.True(first);
        Assert.False(again);
        var read = (await _b.Notices.ForUnitAsync(UnitBench.Chengguan.Scope, 50, default)).Single(n => n.Id == notice.Id);
        Assert.Equal(("城管值守（cg1）", Start.AddMinutes(3)), (read.ReadBy, read.ReadAt));
        Assert.Equal(1, await _b.CountAsync("SELECT count(*) FROM audit_log WHERE action = 'notice.read' AND target = '事件 #' || @id", id));
        var timeline = (await _b.Cases.Reader.LoadAsync(id, default))!.Timeline;
        Assert.Contains(timeline, e => e.Action == CaseActionKind.Notice && e.Note!.Contains("请回电居民", StringComparison.Ordinal) && e.Note.Contains("城管", StringComparison.Ordinal));
        Assert.Contains(timeline, e => e.Action == CaseActionKind.NoticeRead && e.Actor == "城管值守（cg1）");
    }

    [Fact]
    public async Task The_automatic_supervise_notifies_the_unit()
    {
        var id = await _b.DispatchedAsync("chengguan", "城管");
        var deadline = (await _b.Cases.StateAsync(id)).DeadlineAt!.Value;
        _b.Cases.Clock.SetUtcNow(deadline.AddMinutes(1));

        await _b.Cases.Actions.AutoSuperviseAsync(new SuperviseOptions(), default);

        Assert.Contains((await _b.Notices.ForUnitAsync(UnitBench.Chengguan.Scope, 50, default)),
            n => n.CaseId == id && n.Kind == NoticeKinds.Supervise && n.CreatedBy == "系统");
    }
}
