namespace CommandCenter.Core.Cases;

/// <summary>Everything a duty officer (or the automatic 督办) can ask of a case. A closed hierarchy:
/// <see cref="CaseMachine"/> decides each one against a <see cref="CaseState"/>.</summary>
public abstract record CaseCommand
{
    private protected CaseCommand() { }

    /// <summary>The action code written to the audit trail and the change log.</summary>
    public abstract string Action { get; }

    /// <summary>受理: classify and locate. A grid may be supplied when the source could not locate the case.</summary>
    public sealed record Accept(string? GridCode = null, short? Priority = null) : CaseCommand
    { public override string Action => CaseActionKind.Accept; }

    /// <summary>分流 to a department, a 村居 or a grid team; the deadline follows the category's time limit.</summary>
    public sealed record Dispatch(string AssigneeCode, string AssigneeName, string? Note = null) : CaseCommand
    { public override string Action => CaseActionKind.Dispatch; }

    /// <summary>The handler signs for the case and starts work (处置中).</summary>
    public sealed record Start(string? Note = null) : CaseCommand
    { public override string Action => CaseActionKind.Start; }

    /// <summary>退回: the handler returns a mis-dispatched case; it goes back to 已受理 for re-dispatch.</summary>
    public sealed record Return(string Note) : CaseCommand
    { public override string Action => CaseActionKind.Return; }

    /// <summary>反馈: the handler reports the result.</summary>
    public sealed record Feedback(string Note) : CaseCommand
    { public override string Action => CaseActionKind.Feedback; }

    /// <summary>The officer accepts the feedback and sends the case to 回访.</summary>
    public sealed record Review(string? Note = null) : CaseCommand
    { public override string Action => CaseActionKind.Review; }

    /// <summary>The officer rejects the feedback: back to 处置中.</summary>
    public sealed record Rework(string Note) : CaseCommand
    { public override string Action => CaseActionKind.Rework; }

    /// <summary>回访 (民意访评): 满意 / 基本满意 close the case; 不满意 reopens it, twice escalates to 纠风办.</summary>
    public sealed record Callback(string Result, string? Note = null) : CaseCommand
    { public override string Action => CaseActionKind.Callback; }

    /// <summary>Manual 督办 with a note (level 1–3, never lower than the current level).</summary>
    public sealed record Supervise(short Level, string Note) : CaseCommand
    { public override string Action => CaseActionKind.Supervise; }

    /// <summary>领导批示: a leader's instruction on a case; no status change, a notice to the unit and the center.</summary>
    public sealed record Instruct(string Text) : CaseCommand
    { public override string Action => CaseActionKind.Instruct; }

    /// <summary>领导包案: a leader takes personal charge of a hard case until it is closed.</summary>
    public sealed record TakeCharge(string Note) : CaseCommand
    { public override string Action => CaseActionKind.TakeCharge; }

    /// <summary>Automatic 督办 raised by the deadline thresholds.</summary>
    public sealed record AutoSupervise(short Level, string Reason) : CaseCommand
    { public override string Action => CaseActionKind.AutoSupervise; }

    /// <summary>吹哨: summon departments (code → name) to handle the case jointly.</summary>
    public sealed record Whistle(IReadOnlyList<KeyValuePair<string, string>> Departments, string? Note = null) : CaseCommand
    { public override string Action => CaseActionKind.Whistle; }

    /// <summary>A summoned department 报到.</summary>
    public sealed record CheckIn(string DepartmentCode) : CaseCommand
    { public override string Action => CaseActionKind.CheckIn; }

    /// <summary>A summoned department reports what it did.</summary>
    public sealed record Report(string DepartmentCode, string Note) : CaseCommand
    { public override string Action => CaseActionKind.Report; }

    /// <summary>Merge this case (a duplicate) into <paramref name="PrimaryId"/>. The primary's facts are
    /// filled in by the data service before deciding.</summary>
    public sealed record Merge(long PrimaryId, string? PrimaryStatus = null, long? PrimaryMergedInto = null, string? Note = null) : CaseCommand
    { public override string Action => CaseActionKind.Merge; }

    /// <summary>催办: chase the unit a case is dispatched to (note required, no status change).</summary>
    public sealed record Urge(string Note) : CaseCommand
    { public override string Action => CaseActionKind.Urge; }

    /// <summary>Start a mediation (dispute categories only).</summary>
    public sealed record StartMediation(string MediatorType, string Level, string? Note = null) : CaseCommand
    { public override string Action => CaseActionKind.MediationStart; }

    /// <summary>Conclude the open mediation. <paramref name="FailureRoute"/> is required for 调解失败 only.</summary>
    public sealed record EndMediation(string Outcome, string? FailureRoute, string? Agreement, string? Level = null) : CaseCommand
    { public override string Action => CaseActionKind.MediationEnd; }
}
