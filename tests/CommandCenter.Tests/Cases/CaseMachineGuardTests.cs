using CommandCenter.Core.Cases;
using static CommandCenter.Core.Cases.CaseStatus;

namespace CommandCenter.Tests.Cases;

/// <summary>The guards inside legal transitions: notes, grids, 吹哨 completion, 回访 escalation, mediation.</summary>
public sealed class CaseMachineGuardTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private static CaseState Case(string status) => new() { Id = 7, Status = status, GridCode = "G001", TimeLimitHours = 48 };

    [Fact]
    public void Accepting_a_case_without_a_grid_asks_for_one_and_accepting_with_one_locates_it()
    {
        var unlocated = Case(Pending) with { GridCode = null };
        Assert.Contains("网格", CaseMachine.Decide(unlocated, new CaseCommand.Accept(), Now).Refusal);
        var ok = CaseMachine.Decide(unlocated, new CaseCommand.Accept("G009", 1), Now);
        Assert.Equal(("G009", (short)1, Now), (ok.NewState!.GridCode, ok.NewState.Priority, ok.NewState.AcceptedAt!.Value));
    }

    [Fact]
    public void Dispatch_sets_the_deadline_from_the_category_time_limit_and_return_clears_it()
    {
        var d = CaseMachine.Decide(Case(Accepted), new CaseCommand.Dispatch("chengguan", "城管"), Now).NewState!;
        Assert.Equal(Now.AddHours(48), d.DeadlineAt);
        Assert.Equal("城管", d.AssigneeName);
        var back = CaseMachine.Decide(d, new CaseCommand.Return("不属于城管职责"), Now.AddHours(1)).NewState!;
        Assert.Equal((Accepted, (string?)null, (DateTimeOffset?)null), (back.Status, back.AssigneeCode, back.DeadlineAt));
    }

    [Theory]
    [InlineData("return")]
    [InlineData("feedback")]
    [InlineData("rework")]
    [InlineData("supervise")]
    public void Actions_that_need_a_note_are_refused_without_one(string action)
    {
        var (status, cmd) = action switch
        {
            "return" => (InProgress, (CaseCommand)new CaseCommand.Return("  ")),
            "feedback" => (InProgress, new CaseCommand.Feedback("")),
            "rework" => (Feedback, new CaseCommand.Rework(" ")),
            _ => (InProgress, new CaseCommand.Supervise(1, "")),
        };
        Assert.False(CaseMachine.Decide(Case(status), cmd, Now).Allowed);
    }

    [Fact]
    public void Supervise_never_lowers_the_level()
    {
        var refused = CaseMachine.Decide(Case(InProgress) with { SuperviseLevel = 2 }, new CaseCommand.Supervise(1, "催办"), Now);
        Assert.Contains("不能降为", refused.Refusal);
    }

    [Fact]
    public void Whistle_departments_must_each_check_in_and_report_before_the_case_can_go_to_callback()
    {
        var s = CaseMachine.Decide(Case(InProgress), new CaseCommand.Whistle([new("zhujian", "住建"), new("wuye", "物业")]), Now).NewState!;
        Assert.Contains("尚未报到", CaseMachine.Decide(s, new CaseCommand.Report("zhujian", "已到场"), Now).Refusal);
        s = CaseMachine.Decide(s, new CaseCommand.CheckIn("zhujian"), Now).NewState!;
        s = CaseMachine.Decide(s, new CaseCommand.Report("zhujian", "已维修"), Now).NewState!;
        s = CaseMachine.Decide(s, new CaseCommand.Feedback("已处理"), Now).NewState!;
        var blocked = CaseMachine.Decide(s, new CaseCommand.Review(), Now);
        Assert.Contains("物业", blocked.Refusal);
        Assert.DoesNotContain("住建", blocked.Refusal);
        s = CaseMachine.Decide(s, new CaseCommand.CheckIn("wuye"), Now).NewState!;
        s = CaseMachine.Decide(s, new CaseCommand.Report("wuye", "已协调业主"), Now).NewState!;
        Assert.Equal(Callback, CaseMachine.Decide(s, new CaseCommand.Review(), Now).NewState!.Status);
    }

    [Fact]
    public void First_unsatisfied_callback_reopens_and_the_second_escalates_to_jfb()
    {
        var first = CaseMachine.Decide(Case(Callback), new CaseCommand.Callback(Satisfaction.Unsatisfied), Now).NewState!;
        Assert.Equal((InProgress, (short)1, (short)1, false), (first.Status, first.UnsatisfiedCount, first.ReopenedCount, first.EscalatedJfb));
        Assert.Equal(Now.AddHours(48), first.DeadlineAt);
        var again = CaseMachine.Decide(first with { Status = Callback }, new CaseCommand.Callback(Satisfaction.Unsatisfied), Now).NewState!;
        Assert.Equal((InProgress, (short)2, true, (short)3), (again.Status, again.UnsatisfiedCount, again.EscalatedJfb, again.SuperviseLevel));
    }

    [Fact]
    public void Mediation_is_only_for_disputes_and_a_failure_needs_a_route()
    {
        Assert.Contains("矛盾纠纷", CaseMachine.Decide(Case(Accepted), new CaseCommand.StartMediation("红管家", "网格"), Now).Refusal);
        var open = CaseMachine.Decide(Case(Accepted) with { IsDispute = true }, new CaseCommand.StartMediation("红管家", "网格"), Now).NewState!;
        Assert.True(open.MediationOpen);
        Assert.Contains("转诉讼", CaseMachine.Decide(open, new CaseCommand.EndMediation(Mediation.Failed, null, null), Now).Refusal);
        Assert.Contains("协议", CaseMachine.Decide(open, new CaseCommand.EndMediation(Mediation.Success, null, " "), Now).Refusal);
        Assert.False(CaseMachine.Decide(open, new CaseCommand.EndMediation(Mediation.Failed, "转信访", null), Now).NewState!.MediationOpen);
        Assert.Contains("调解尚未结束", CaseMachine.ClosingBlocker(open));
    }

    [Theory]
    [InlineData(-5, 0)]
    [InlineData(-4, 1)]
    [InlineData(-1, 1)]
    [InlineData(0, 2)]
    [InlineData(23, 2)]
    [InlineData(24, 3)]
    [InlineData(100, 3)]
    public void Supervise_policy_maps_hours_past_the_deadline_to_levels(int hoursPast, short level)
    {
        var deadline = Now;
        Assert.Equal(level, SupervisePolicy.LevelAt(deadline, deadline.AddHours(hoursPast), new SuperviseOptions()));
    }

    [Fact]
    public void Supervise_thresholds_that_do_not_grow_are_rejected_at_start()
    {
        var bad = new SuperviseOptions { Level1 = TimeSpan.FromHours(1), Level2 = TimeSpan.Zero };
        var errors = new List<System.ComponentModel.DataAnnotations.ValidationResult>();
        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(bad, new(bad), errors, validateAllProperties: true));
        Assert.Contains("Level1", errors[0].ErrorMessage);
        var good = new SuperviseOptions();
        Assert.True(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(good, new(good), [], true));
    }
}
