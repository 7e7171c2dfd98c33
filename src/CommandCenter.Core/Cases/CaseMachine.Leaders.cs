using static CommandCenter.Core.Cases.CaseStatus;

namespace CommandCenter.Core.Cases;

/// <summary>Leaders' acts. Neither changes the status: a 批示 tells everyone working the case what the leader
/// wants, a 包案 names the leader answerable for it. Who may issue them (领导 only) is the page's and
/// <c>LeaderDesk</c>'s rule; the machine judges the case.</summary>
public static partial class CaseMachine
{
    private static Decision Instruct(CaseState s, CaseCommand.Instruct c)
    {
        if (Blank(c.Text)) return Decision.Refuse("批示内容不能为空");
        if (c.Text.Trim().Length > 1000) return Decision.Refuse("批示内容不超过 1000 字");
        // A closed case may still get a 批示 (e.g. "举一反三，排查同类问题"): it reaches the center; the unit too.
        return Decision.Ok(s, c.Action, c.Text.Trim(), new Dictionary<string, object?> { ["unit"] = s.AssigneeCode });
    }

    private static Decision TakeCharge(CaseState s, CaseCommand.TakeCharge c)
    {
        if (s.Status is Pending or Closed) return NotIn(s, c.Action, Accepted, Dispatched, InProgress, Feedback, Callback);
        if (s.LeadBy is { } lead) return Decision.Refuse($"该事件已由 {lead} 包案");
        if (Blank(c.Note)) return Decision.Refuse("包案须写明包案要求（如：三日内化解、每日报告进展）");
        return Decision.Ok(s, c.Action, c.Note.Trim());
    }
}
