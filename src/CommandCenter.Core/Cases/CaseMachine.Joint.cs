using static CommandCenter.Core.Cases.CaseStatus;

namespace CommandCenter.Core.Cases;

// 督办, 吹哨, merge and mediation: actions beside the main loop that mostly do not change the status.
public static partial class CaseMachine
{
    private static Decision Supervise(CaseState s, CaseCommand.Supervise c, DateTimeOffset now)
    {
        if (s.Status is Pending or Closed) return NotIn(s, c.Action, Accepted, Dispatched, InProgress, Feedback, Callback);
        if (c.Level is < 1 or > 3) return Decision.Refuse("督办等级只能是 1、2、3 级");
        if (c.Level < s.SuperviseLevel) return Decision.Refuse($"该事件已是 {s.SuperviseLevel} 级督办，不能降为 {c.Level} 级");
        if (Blank(c.Note)) return Decision.Refuse("督办必须填写督办意见");
        return Decision.Ok(s with { SuperviseLevel = c.Level, SupervisedAt = now }, c.Action, c.Note.Trim(),
            new Dictionary<string, object?> { ["level"] = c.Level, ["from"] = s.SuperviseLevel });
    }

    private static Decision Urge(CaseState s, CaseCommand.Urge c)
    {
        if (s.Status is not (Dispatched or InProgress)) return NotIn(s, c.Action, Dispatched, InProgress);
        if (s.AssigneeCode is null) return Decision.Refuse("该事件没有承办单位，无法催办");
        if (Blank(c.Note)) return Decision.Refuse("催办必须填写催办内容");
        return Decision.Ok(s, c.Action, c.Note.Trim(), new Dictionary<string, object?> { ["unit"] = s.AssigneeCode });
    }

    private static Decision AutoSupervise(CaseState s, CaseCommand.AutoSupervise c, DateTimeOffset now)
    {
        if (s.Status is not (Dispatched or InProgress)) return NotIn(s, c.Action, Dispatched, InProgress);
        if (c.Level <= s.SuperviseLevel) return Decision.Refuse($"该事件已是 {s.SuperviseLevel} 级督办");
        return Decision.Ok(s with { SuperviseLevel = c.Level, SupervisedAt = now }, c.Action, c.Reason,
            new Dictionary<string, object?> { ["level"] = c.Level, ["from"] = s.SuperviseLevel });
    }

    private static Decision Whistle(CaseState s, CaseCommand.Whistle c, DateTimeOffset now)
    {
        if (s.Status is not (Accepted or Dispatched or InProgress)) return NotIn(s, c.Action, Accepted, Dispatched, InProgress);
        if (c.Departments.Count == 0) return Decision.Refuse("吹哨至少要召集一个部门");
        var again = c.Departments.Where(d => s.Summons.Any(x => x.DepartmentCode == d.Key)).Select(d => d.Value).ToList();
        if (again.Count > 0) return Decision.Refuse($"以下部门已被召集：{string.Join("、", again)}");
        var added = c.Departments.DistinctBy(d => d.Key).Select(d => new SummonsState(d.Key, d.Value, now));
        return Decision.Ok(s with { Summons = [.. s.Summons, .. added] }, c.Action, Trim(c.Note),
            new Dictionary<string, object?> { ["departments"] = c.Departments.Select(d => d.Value).ToArray() });
    }

    private static Decision CheckIn(CaseState s, CaseCommand.CheckIn c, DateTimeOffset now)
    {
        if (!s.IsOpen) return Decision.Refuse("事件已办结，不能再报到");
        var one = s.Summons.FirstOrDefault(x => x.DepartmentCode == c.DepartmentCode);
        if (one is null) return Decision.Refuse("该部门未被吹哨召集，不能报到");
        if (one.CheckedInAt is not null) return Decision.Refuse($"{one.DepartmentName} 已经报到");
        return Decision.Ok(Replace(s, one, one with { CheckedInAt = now }), c.Action, null,
            new Dictionary<string, object?> { ["department"] = one.DepartmentName });
    }

    private static Decision Report(CaseState s, CaseCommand.Report c, DateTimeOffset now)
    {
        if (!s.IsOpen) return Decision.Refuse("事件已办结，不能再报告");
        var one = s.Summons.FirstOrDefault(x => x.DepartmentCode == c.DepartmentCode);
        if (one is null) return Decision.Refuse("该部门未被吹哨召集");
        if (one.CheckedInAt is null) return Decision.Refuse($"{one.DepartmentName} 尚未报到，请先报到再报告");
        if (one.ReportedAt is not null) return Decision.Refuse($"{one.DepartmentName} 已经报告过");
        if (Blank(c.Note)) return Decision.Refuse("报告必须填写处置情况");
        return Decision.Ok(Replace(s, one, one with { ReportedAt = now, Report = c.Note.Trim() }), c.Action, c.Note.Trim(),
            new Dictionary<string, object?> { ["department"] = one.DepartmentName });
    }

    private static CaseState Replace(CaseState s, SummonsState old, SummonsState updated) =>
        s with { Summons = [.. s.Summons.Select(x => ReferenceEquals(x, old) ? updated : x)] };

    private static Decision Merge(CaseState s, CaseCommand.Merge c, DateTimeOffset now)
    {
        if (!s.IsOpen) return Decision.Refuse("已办结的事件不能再合并");
        if (c.PrimaryId == s.Id) return Decision.Refuse("不能把事件合并到它自己");
        if (c.PrimaryStatus is null) return Decision.Refuse($"找不到事件 #{c.PrimaryId}");
        if (c.PrimaryMergedInto is { } p) return Decision.Refuse($"事件 #{c.PrimaryId} 本身已合并到 #{p}，请合并到 #{p}");
        if (s.Summons.Any(x => !x.Done) || s.MediationOpen)
            return Decision.Refuse("该事件还有进行中的吹哨或调解，不能作为重复件合并");
        // The duplicate is closed as merged; KPIs count cases WHERE merged_into IS NULL, so it counts once.
        return Decision.Ok(s with { Status = Closed, ClosedAt = now, MergedInto = c.PrimaryId }, c.Action, Trim(c.Note),
            new Dictionary<string, object?> { ["primary"] = c.PrimaryId });
    }

    private static Decision StartMediation(CaseState s, CaseCommand.StartMediation c)
    {
        if (!s.IsDispute) return Decision.Refuse("该事件分类不属于矛盾纠纷，不能发起调解");
        if (s.Status is not (Accepted or Dispatched or InProgress)) return NotIn(s, c.Action, Accepted, Dispatched, InProgress);
        if (s.MediationOpen) return Decision.Refuse("该事件已有进行中的调解");
        if (!Mediation.MediatorTypes.Contains(c.MediatorType))
            return Decision.Refuse($"调解员类型只能是：{string.Join("、", Mediation.MediatorTypes)}");
        if (!Mediation.Levels.Contains(c.Level)) return Decision.Refuse($"调解层级只能是：{string.Join("、", Mediation.Levels)}");
        return Decision.Ok(s with { MediationOpen = true }, c.Action, Trim(c.Note),
            new Dictionary<string, object?> { ["mediatorType"] = c.MediatorType, ["level"] = c.Level });
    }

    private static Decision EndMediation(CaseState s, CaseCommand.EndMediation c)
    {
        if (!s.MediationOpen) return Decision.Refuse("该事件没有进行中的调解");
        if (!Mediation.Outcomes.Contains(c.Outcome)) return Decision.Refuse($"调解结果只能是：{string.Join("、", Mediation.Outcomes)}");
        if (c.Outcome == Mediation.Failed && !Mediation.FailureRoutes.Contains(c.FailureRoute ?? ""))
            return Decision.Refuse("调解失败必须选择去向：转诉讼 或 转信访");
        if (c.Outcome != Mediation.Failed && c.FailureRoute is not null) return Decision.Refuse("只有调解失败才需要选择转诉讼或转信访");
        if (c.Outcome is Mediation.Success or Mediation.Partial && Blank(c.Agreement))
            return Decision.Refuse("调解成功或部分达成时必须填写调解协议内容");
        if (c.Level is not null && !Mediation.Levels.Contains(c.Level))
            return Decision.Refuse($"调解层级只能是：{string.Join("、", Mediation.Levels)}");
        return Decision.Ok(s with { MediationOpen = false }, c.Action, Trim(c.Agreement),
            new Dictionary<string, object?> { ["outcome"] = c.Outcome, ["failureRoute"] = c.FailureRoute, ["level"] = c.Level });
    }
}
