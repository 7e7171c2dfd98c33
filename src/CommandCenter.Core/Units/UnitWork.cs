using CommandCenter.Core.Cases;
using CommandCenter.Core.Security;

namespace CommandCenter.Core.Units;

/// <summary>A unit's actions on its cases: 签收, 退回, 反馈 on what was dispatched to it, 报到 and 报告 on what it
/// was summoned to. They go through the officers' <see cref="CaseActions"/> — same state machine, optimistic
/// concurrency, case_events, change log and audit trigger — with a guard, judged inside the transaction, that
/// the case is still the unit's and the action is one a unit may take.</summary>
public sealed class UnitWork(CaseActions actions)
{
    public Task<CaseActionResult> ApplyAsync(UnitBinding unit, long caseId, int expectedVersion, CaseCommand command, string actor,
        CancellationToken ct) =>
        actions.ApplyAsync(caseId, expectedVersion, command, actor, state => Refusal(unit, state, command), ct);

    /// <summary>Why the unit may not do this on this case, or null if the state machine may decide.</summary>
    public static string? Refusal(UnitBinding unit, CaseState state, CaseCommand command)
    {
        if (!UnitCases.IsUnits(unit, state)) return "该事件不属于本单位";
        var assignee = state.AssigneeCode is { } a && unit.Scope.Contains(a);
        return command switch
        {
            CaseCommand.Start or CaseCommand.Return or CaseCommand.Feedback when !assignee => "该事件未分流给本单位，只能报到或报告",
            CaseCommand.Start or CaseCommand.Return or CaseCommand.Feedback => null,
            CaseCommand.CheckIn c when !unit.Scope.Contains(c.DepartmentCode) => "只能为本单位报到",
            CaseCommand.Report c when !unit.Scope.Contains(c.DepartmentCode) => "只能为本单位报告",
            CaseCommand.CheckIn or CaseCommand.Report => null,
            _ => "承办单位不能执行该操作",
        };
    }
}
