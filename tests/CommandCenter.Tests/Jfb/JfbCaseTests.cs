using CommandCenter.Core.Cases;
using CommandCenter.Core.Jfb;
using CommandCenter.Core.Trends;
using CommandCenter.Tests.Cases;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.Tests.Jfb;

/// <summary>纠风办 (issue 14): a second 不满意 puts the case on the list (whatever path escalated it), the
/// officer's handling record — 交办, 处理结果, 问责 — is a timeline and audit line, and a report's count is
/// the raw count of escalations in its period.</summary>
public sealed class JfbCaseTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly CaseWorkbench _w = new(db.DataSource, Start);
    private JfbCases Jfb => new(db.DataSource, _w.Clock);

    /// <summary>A case the officer path escalates: two 不满意 回访, with rework in between.</summary>
    private async Task<long> EscalatedCaseAsync()
    {
        var id = await _w.NewCaseAsync(CaseStatus.Accepted);
        await _w.DoAsync(id, new CaseCommand.Dispatch("chengguan", "城管"));
        await _w.DoAsync(id, new CaseCommand.Start());
        for (var i = 0; i < 2; i++)
        {
            await _w.DoAsync(id, new CaseCommand.Feedback("已处理"));
            await _w.DoAsync(id, new CaseCommand.Review());
            _w.Clock.Advance(TimeSpan.FromHours(1));
            await _w.DoAsync(id, new CaseCommand.Callback(Satisfaction.Unsatisfied));
        }
        return id;
    }

    [Fact]
    public async Task A_second_unsatisfied_callback_by_an_officer_lists_the_case_escalated_at_that_callback()
    {
        var id = await EscalatedCaseAsync();

        var record = await Jfb.FindAsync(id, default);

        Assert.NotNull(record);
        Assert.Equal(_w.Clock.GetUtcNow(), record.EscalatedAt);
        Assert.Equal("待交办", record.Stage);
        Assert.Contains(await Jfb.ListAsync(default), r => r.CaseId == id);
    }

    [Fact]
    public async Task The_handling_record_is_entered_in_order_audited_and_on_the_timeline()
    {
        var id = await EscalatedCaseAsync();
        var jfb = Jfb;
        var v1 = (await jfb.FindAsync(id, default))!.Version;

        var early = await jfb.SaveAsync(id, v1, new JfbRecordInput(null, null, "已整改", null), "值班员甲", default);
        var assigned = await jfb.SaveAsync(id, v1, new JfbRecordInput("城管中队", "三日内整改到位并回访", null, null), "值班员甲", default);
        var stale = await jfb.SaveAsync(id, v1, new JfbRecordInput(null, null, "已整改", null), "值班员乙", default);
        var done = await jfb.SaveAsync(id, assigned.Version, new JfbRecordInput(null, null, "管道已更换，居民确认", "约谈城管中队负责人"), "值班员甲", default);

        Assert.Equal(CaseActionOutcome.Refused, early.Outcome);
        Assert.Contains("交办对象", early.Message);
        Assert.True(assigned.Done);
        Assert.Equal(CaseActionOutcome.Conflict, stale.Outcome);
        Assert.True(done.Done);
        var record = (await jfb.FindAsync(id, default))!;
        Assert.Equal(("城管中队", "管道已更换，居民确认", "约谈城管中队负责人", "已问责"), (record.AssignedTo, record.Result, record.Accountability, record.Stage));
        var timeline = (await _w.Reader.LoadAsync(id, default))!.Timeline.Where(e => e.Action == CaseActionKind.JfbRecord).ToList();
        Assert.Equal(2, timeline.Count);
        Assert.Contains("问责：约谈城管中队负责人", timeline[^1].Note);
        Assert.Equal(2, await _w.ScalarAsync(
            "SELECT count(*) FROM audit_log WHERE target = '事件 #' || @id AND details->>'action' = 'jfb-record'", id));
    }

    [Fact]
    public async Task A_periods_count_is_the_raw_count_of_escalations_in_it()
    {
        await EscalatedCaseAsync();
        await EscalatedCaseAsync();
        var day = DateOnly.FromDateTime(Core.Time.Shanghai.ToLocal(_w.Clock.GetUtcNow()).Date);
        var period = TrendRange.DayPeriod(day, day);

        var count = await Jfb.CountAsync(period, default);

        await using var cmd = db.DataSource.CreateCommand(
            "SELECT count(*) FROM cases WHERE escalated_jfb AND callback_at >= @from AND callback_at < @to");
        cmd.Parameters.AddWithValue("from", period.From.ToUniversalTime());
        cmd.Parameters.AddWithValue("to", period.To.ToUniversalTime());
        Assert.Equal((long)(await cmd.ExecuteScalarAsync())!, count);
        Assert.True(count >= 2);
        Assert.Equal(count, (await Jfb.EscalatedInAsync(period, default)).Count);
    }
}
