using static CommandCenter.Core.Cases.CaseStatus;

namespace CommandCenter.Core.Cases;

/// <summary>The closed loop as pure code: 待受理 → 已受理 → 已分流 → 处置中 → 已反馈 → 待回访 → 已办结, plus
/// 退回, 督办, 吹哨, 回访 with reopen/escalation, merge and mediation. No I/O: given a state, a command and
/// the time it returns the new state or a refusal in Chinese. <see cref="CaseActions"/> applies it.</summary>
public static partial class CaseMachine
{
    public static Decision Decide(CaseState s, CaseCommand command, DateTimeOffset now)
    {
        if (s.MergedInto is { } into)
            return Decision.Refuse($"该事件已合并到 #{into}，请在主事件上操作");
        return command switch
        {
            CaseCommand.Accept c => Accept(s, c, now),
            CaseCommand.Dispatch c => Dispatch(s, c, now),
            CaseCommand.Start c => Start(s, c),
            CaseCommand.Return c => Return(s, c),
            CaseCommand.Feedback c => GiveFeedback(s, c, now),
            CaseCommand.Review c => Review(s, c),
            CaseCommand.Rework c => Rework(s, c),
            CaseCommand.Callback c => RecordCallback(s, c, now),
            CaseCommand.Supervise c => Supervise(s, c, now),
            CaseCommand.AutoSupervise c => AutoSupervise(s, c, now),
            CaseCommand.Urge c => Urge(s, c),
            CaseCommand.Instruct c => Instruct(s, c),
            CaseCommand.TakeCharge c => TakeCharge(s, c),
            CaseCommand.Whistle c => Whistle(s, c, now),
            CaseCommand.CheckIn c => CheckIn(s, c, now),
            CaseCommand.Report c => Report(s, c, now),
            CaseCommand.Merge c => Merge(s, c, now),
            CaseCommand.StartMediation c => StartMediation(s, c),
            CaseCommand.EndMediation c => EndMediation(s, c),
            _ => Decision.Refuse("未知操作"),
        };
    }

    /// <summary>The actions that make sense for a case now (for buttons and shortcuts). A listed action
    /// can still be refused for its arguments (e.g. a missing note).</summary>
    public static IReadOnlyList<string> Available(CaseState s)
    {
        if (s.MergedInto is not null || s.Status == Closed) return [];
        var list = new List<string>();
        switch (s.Status)
        {
            case Pending: list.Add(CaseActionKind.Accept); break;
            case Accepted: list.Add(CaseActionKind.Dispatch); break;
            case Dispatched: list.AddRange([CaseActionKind.Start, CaseActionKind.Return]); break;
            case InProgress: list.AddRange([CaseActionKind.Feedback, CaseActionKind.Return]); break;
            case Feedback: list.AddRange([CaseActionKind.Review, CaseActionKind.Rework]); break;
            case Callback: list.Add(CaseActionKind.Callback); break;
        }
        if (s.Status != Pending) list.Add(CaseActionKind.Supervise);
        if (s.Status is Dispatched or InProgress && s.AssigneeCode is not null) list.Add(CaseActionKind.Urge);
        if (s.Status is Accepted or Dispatched or InProgress) list.Add(CaseActionKind.Whistle);
        if (s.Summons.Any(x => x.CheckedInAt is null)) list.Add(CaseActionKind.CheckIn);
        if (s.Summons.Any(x => x.CheckedInAt is not null && x.ReportedAt is null)) list.Add(CaseActionKind.Report);
        if (s.IsDispute && s.Status is Accepted or Dispatched or InProgress)
            list.Add(s.MediationOpen ? CaseActionKind.MediationEnd : CaseActionKind.MediationStart);
        list.Add(CaseActionKind.Merge);
        return list;
    }

    private static Decision NotIn(CaseState s, string action, params string[] allowed) =>
        Decision.Refuse($"当前状态为「{Label(s.Status)}」，不能{CaseActionKind.Label(action)}" +
                        $"（只有「{string.Join("」「", allowed.Select(Label))}」的事件可以{CaseActionKind.Label(action)}）");

    private static bool Blank(string? text) => string.IsNullOrWhiteSpace(text);

    private static string? Trim(string? text) => Blank(text) ? null : text!.Trim();

    private static Decision Accept(CaseState s, CaseCommand.Accept c, DateTimeOffset now)
    {
        if (s.Status != Pending) return NotIn(s, c.Action, Pending);
        var grid = Trim(c.GridCode) ?? s.GridCode;
        if (grid is null) return Decision.Refuse("该事件尚未定位到网格，请先选择所属网格再受理");
        if (c.Priority is { } p && p is < 1 or > 3) return Decision.Refuse("紧急程度只能是 1（紧急）、2（较急）或 3（一般）");
        return Decision.Ok(s with { Status = Accepted, AcceptedAt = now, GridCode = grid, Priority = c.Priority ?? s.Priority },
            c.Action, data: new Dictionary<string, object?> { ["grid"] = grid, ["priority"] = c.Priority ?? s.Priority });
    }

    private static Decision Dispatch(CaseState s, CaseCommand.Dispatch c, DateTimeOffset now)
    {
        if (s.Status != Accepted) return NotIn(s, c.Action, Accepted);
        if (Blank(c.AssigneeCode)) return Decision.Refuse("请选择分流对象（部门、村居或网格）");
        var deadline = now.AddHours(s.TimeLimitHours);
        return Decision.Ok(s with
        {
            Status = Dispatched, DispatchedAt = now, AssigneeCode = c.AssigneeCode.Trim(),
            AssigneeName = Trim(c.AssigneeName) ?? c.AssigneeCode.Trim(), DeadlineAt = deadline,
        }, c.Action, Trim(c.Note), new Dictionary<string, object?>
        {
            ["assignee"] = c.AssigneeCode.Trim(), ["assigneeName"] = Trim(c.AssigneeName), ["deadline"] = deadline,
            ["timeLimitHours"] = s.TimeLimitHours,
        });
    }

    private static Decision Start(CaseState s, CaseCommand.Start c) =>
        s.Status != Dispatched ? NotIn(s, c.Action, Dispatched)
            : Decision.Ok(s with { Status = InProgress }, c.Action, Trim(c.Note));

    private static Decision Return(CaseState s, CaseCommand.Return c)
    {
        if (s.Status is not (Dispatched or InProgress)) return NotIn(s, c.Action, Dispatched, InProgress);
        if (Blank(c.Note)) return Decision.Refuse("退回必须填写原因（例如：不属于本单位职责）");
        // Back to 已受理 without an assignee: the officer re-dispatches it and a new deadline starts then.
        return Decision.Ok(s with { Status = Accepted, AssigneeCode = null, AssigneeName = null, DeadlineAt = null },
            c.Action, c.Note.Trim(), new Dictionary<string, object?> { ["returnedBy"] = s.AssigneeCode });
    }

    private static Decision GiveFeedback(CaseState s, CaseCommand.Feedback c, DateTimeOffset now)
    {
        if (s.Status != InProgress) return NotIn(s, c.Action, InProgress);
        if (Blank(c.Note)) return Decision.Refuse("反馈必须填写处置结果");
        return Decision.Ok(s with { Status = Feedback, FeedbackAt = now }, c.Action, c.Note.Trim(),
            new Dictionary<string, object?> { ["onTime"] = s.DeadlineAt is null || now <= s.DeadlineAt });
    }

    /// <summary>Why a case may not move toward closing yet: 吹哨 departments that have not reported,
    /// or a mediation still open. Null when nothing blocks.</summary>
    public static string? ClosingBlocker(CaseState s)
    {
        var missing = s.Summons.Where(x => !x.Done).Select(x => x.DepartmentName).ToList();
        if (missing.Count > 0)
            return $"吹哨部门尚未全部报到并报告：{string.Join("、", missing)}，不能办结";
        if (s.MediationOpen) return "调解尚未结束，请先登记调解结果";
        return null;
    }

    private static Decision Review(CaseState s, CaseCommand.Review c)
    {
        if (s.Status != Feedback) return NotIn(s, c.Action, Feedback);
        if (ClosingBlocker(s) is { } why) return Decision.Refuse(why);
        return Decision.Ok(s with { Status = Callback }, c.Action, Trim(c.Note));
    }

    private static Decision Rework(CaseState s, CaseCommand.Rework c)
    {
        if (s.Status != Feedback) return NotIn(s, c.Action, Feedback);
        if (Blank(c.Note)) return Decision.Refuse("驳回必须说明原因");
        return Decision.Ok(s with { Status = InProgress, FeedbackAt = null }, c.Action, c.Note.Trim());
    }

    private static Decision RecordCallback(CaseState s, CaseCommand.Callback c, DateTimeOffset now)
    {
        if (s.Status != Callback) return NotIn(s, c.Action, Callback);
        if (!Satisfaction.All.Contains(c.Result))
            return Decision.Refuse($"回访结果只能是：{string.Join("、", Satisfaction.All)}");
        var data = new Dictionary<string, object?> { ["satisfaction"] = c.Result };
        var visited = s with { Satisfaction = c.Result, CallbackAt = now };
        if (c.Result != Satisfaction.Unsatisfied)
        {
            if (ClosingBlocker(s) is { } why) return Decision.Refuse(why);
            return Decision.Ok(visited with { Status = Closed, ClosedAt = now }, c.Action, Trim(c.Note), data);
        }
        // 不满意: reopened for rectification with a fresh time limit; the second time it also goes to
        // 纠风办 for accountability and is marked at the highest 督办 level.
        var unsatisfied = (short)(s.UnsatisfiedCount + 1);
        var escalate = unsatisfied >= 2;
        data["reopened"] = true;
        data["escalatedJfb"] = escalate;
        return Decision.Ok(visited with
        {
            Status = InProgress, FeedbackAt = null, UnsatisfiedCount = unsatisfied,
            ReopenedCount = (short)(s.ReopenedCount + 1), DeadlineAt = now.AddHours(s.TimeLimitHours),
            EscalatedJfb = s.EscalatedJfb || escalate,
            SuperviseLevel = escalate ? (short)3 : s.SuperviseLevel,
            SupervisedAt = escalate ? now : s.SupervisedAt,
        }, c.Action, Trim(c.Note) ?? (escalate ? "再次不满意，移交纠风办问责" : "不满意，重新整改"), data);
    }
}
