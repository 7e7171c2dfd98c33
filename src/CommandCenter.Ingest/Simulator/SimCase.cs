using System.Text.Encodings.Web;
using System.Text.Json;
using CommandCenter.Core.Cases;

namespace CommandCenter.Ingest.Simulator;

/// <summary>One simulated case with its whole planned life: when it will be dispatched, handled, fed
/// back, called back and closed (null milestones never happen — a stalled case), and the detours real cases
/// take: 退回 by the first unit and a re-dispatch, a feedback the officer sends back (驳回重办), 不满意 callbacks
/// that reopen it (the second escalates to 纠风办 — ingest's rule), and duplicates reported through a second
/// channel that an officer merges. <see cref="ToJson"/> renders the record a source would send at a given
/// moment, showing only what has happened by then; <see cref="Actions"/> are the steps a source cannot send
/// (the officer's and the unit's), applied through Core's case actions.</summary>
public sealed class SimCase
{
    public required string ExternalId { get; init; }
    public required string Channel { get; init; }
    public required SimWorld.Category Category { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string Address { get; init; }
    public required string Grid { get; init; }
    public required double Lon { get; init; }
    public required double Lat { get; init; }
    public string? ReporterName { get; init; }
    public string? ReporterPhone { get; init; }
    /// <summary>The grid worker who reported it (网格员巡查), or null.</summary>
    public string? WorkerId { get; init; }
    public required int Priority { get; init; }
    public required DateTimeOffset ReportedAt { get; init; }
    public string? Assignee { get; set; }
    /// <summary>The category's time limit as the simulation runs it (divided by the live pace), so deadlines
    /// move as fast as the cases do and 按期办结率 stays realistic.</summary>
    public TimeSpan TimeLimit { get; set; }
    public DateTimeOffset? DispatchAt { get; set; }
    public DateTimeOffset? StartAt { get; set; }
    public DateTimeOffset? FeedbackAt { get; set; }
    public DateTimeOffset? CallbackAt { get; set; }
    public string? Satisfaction { get; set; }
    public DateTimeOffset? CloseAt { get; set; }
    /// <summary>The mediation of a dispute, if one is held.</summary>
    public SimMediation? Mediation { get; set; }

    /// <summary>退回: first dispatched to <see cref="FirstAssignee"/>, which returned it at <see cref="ReturnAt"/>;
    /// <see cref="DispatchAt"/> is then the re-dispatch.</summary>
    public DateTimeOffset? FirstDispatchAt { get; set; }
    public string? FirstAssignee { get; set; }
    public DateTimeOffset? ReturnAt { get; set; }
    /// <summary>驳回重办: a first feedback the officer sent back at <see cref="ReworkAt"/>.</summary>
    public DateTimeOffset? FirstFeedbackAt { get; set; }
    public DateTimeOffset? ReworkAt { get; set; }
    /// <summary>Rounds that ended in a 不满意 callback (feedback, callback), before the final one.</summary>
    public List<(DateTimeOffset FeedbackAt, DateTimeOffset CallbackAt)> Unsatisfied { get; } = [];
    /// <summary>A duplicate: the primary's external id and when an officer merges it.</summary>
    public string? DuplicateOf { get; init; }
    public DateTimeOffset? MergeAt { get; set; }

    public IEnumerable<SimAction> Actions()
    {
        if (ReturnAt is { } r) yield return new SimAction(r, ExternalId, SimActionKind.Return, null);
        if (ReworkAt is { } w) yield return new SimAction(w, ExternalId, SimActionKind.Rework, null);
        if (MergeAt is { } m) yield return new SimAction(m, ExternalId, SimActionKind.Merge, DuplicateOf);
    }

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The milestones in order; the case's status at a time is that of the last one passed. A null
    /// time ends the list (the case stalls there). <c>Source</c> is false for the steps an officer or unit
    /// takes (退回 → 已受理, 驳回重办 → 处置中): they shape the state, but no source sends them.</summary>
    private IEnumerable<(string Status, DateTimeOffset? At, bool Source)> Milestones()
    {
        yield return (CaseStatus.Accepted, ReportedAt, true);
        if (FirstDispatchAt is { } first)
        {
            yield return (CaseStatus.Dispatched, first, true);
            yield return (CaseStatus.Accepted, ReturnAt, false);
        }
        yield return (CaseStatus.Dispatched, DispatchAt, true);
        yield return (CaseStatus.InProgress, StartAt, true);
        if (FirstFeedbackAt is { } sentBack)
        {
            yield return (CaseStatus.Feedback, sentBack, true);
            yield return (CaseStatus.InProgress, ReworkAt, false);
        }
        foreach (var (feedback, callback) in Unsatisfied)
        {
            yield return (CaseStatus.Feedback, feedback, true);
            yield return (CaseStatus.Callback, callback, true);   // 不满意: ingest reopens it to 处置中
        }
        yield return (CaseStatus.Feedback, FeedbackAt, true);
        yield return (CaseStatus.Callback, CallbackAt, true);
        yield return (CaseStatus.Closed, CloseAt, true);
    }

    public (string Status, DateTimeOffset UpdatedAt) StateAt(DateTimeOffset t)
    {
        var state = (CaseStatus.Accepted, ReportedAt);
        foreach (var (status, at, _) in Milestones())
        {
            if (at is null || at > t) break;
            state = (status, at.Value);
        }
        return state;
    }

    /// <summary>The next milestone a source sends after <paramref name="t"/>, or null when the case is done or stalled.</summary>
    public DateTimeOffset? NextChangeAfter(DateTimeOffset t)
    {
        foreach (var (_, at, source) in Milestones())
        {
            if (at is null) return null;
            if (at > t && source) return at;
        }
        return null;
    }

    /// <summary>The times of the source's milestones in (<paramref name="after"/>, <paramref name="upto"/>], in order:
    /// each is sent as its own version, so a 不满意 callback is never skipped by a later state in the same tick.</summary>
    public IEnumerable<DateTimeOffset> ChangesBetween(DateTimeOffset after, DateTimeOffset upto)
    {
        foreach (var (_, at, source) in Milestones())
        {
            if (at is null || at > upto) yield break;
            if (at > after && source) yield return at.Value;
        }
    }

    /// <summary>Stops the plan after 分流: the unit acts on the case itself (see <see cref="UnitAccounts"/>).</summary>
    public void HandOver()
    {
        (StartAt, FeedbackAt, CallbackAt, CloseAt, Satisfaction) = (null, null, null, null, null);
        (FirstFeedbackAt, ReworkAt, ReturnAt) = (null, null, ReturnAt <= DispatchAt ? ReturnAt : null);
        Unsatisfied.Clear();
        if (Mediation is { } m) Mediation = m with { EndedAt = null };
    }

    private static DateTimeOffset? Upto(DateTimeOffset? at, DateTimeOffset t) => at <= t ? at : null;

    private static DateTimeOffset? Latest(DateTimeOffset t, params DateTimeOffset?[] times) =>
        times.Where(x => x <= t).Max();

    public string ToJson(DateTimeOffset t)
    {
        var (status, updated) = StateAt(t);
        // Between a 退回 and the re-dispatch the case has no unit and no deadline.
        var returned = ReturnAt <= t && !(DispatchAt <= t);
        var dispatched = returned ? null : Upto(DispatchAt, t) ?? Upto(FirstDispatchAt, t);
        var assignee = returned ? null : Upto(DispatchAt, t) is not null ? Assignee : dispatched is not null ? FirstAssignee ?? Assignee : null;
        // The last callback so far: a 不满意 round's, or the final one with its result.
        var failed = Unsatisfied.LastOrDefault(u => u.CallbackAt <= t);
        var callback = Upto(CallbackAt, t) ?? (failed == default ? null : failed.CallbackAt);
        var satisfaction = Upto(CallbackAt, t) is not null ? Satisfaction : callback is not null ? CommandCenter.Core.Cases.Satisfaction.Unsatisfied : null;
        // The deadline of the round under way: from the (re-)dispatch, or the rectification after a 不满意.
        var deadline = failed != default ? failed.CallbackAt + TimeLimit : dispatched + TimeLimit;
        var record = new Dictionary<string, object?>
        {
            ["externalId"] = ExternalId,
            ["channel"] = Channel,
            ["category"] = Category.Code,
            ["title"] = Title,
            ["description"] = Description,
            ["address"] = Address,
            ["lon"] = Lon,
            ["lat"] = Lat,
            ["reporterName"] = ReporterName,
            ["reporterPhone"] = ReporterPhone,
            ["workerId"] = WorkerId,
            ["priority"] = Priority,
            ["status"] = status,
            ["reportedAt"] = ReportedAt,
            ["occurredAt"] = ReportedAt.AddMinutes(-20),
            ["dispatchedAt"] = dispatched,
            ["assignee"] = assignee,
            ["deadlineAt"] = TimeLimit > TimeSpan.Zero ? deadline : null,
            // A feedback sent back (驳回重办) is no longer the case's feedback.
            ["feedbackAt"] = Latest(t, ReworkAt <= t ? null : FirstFeedbackAt, FeedbackAt, failed == default ? null : failed.FeedbackAt),
            ["callbackAt"] = callback,
            ["satisfaction"] = satisfaction,
            ["closedAt"] = Upto(CloseAt, t),
            ["updatedAt"] = updated,
        };
        foreach (var key in record.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList()) record.Remove(key);
        return JsonSerializer.Serialize(record, Json);
    }
}

/// <summary>What the simulated officers and units do that a source cannot report.</summary>
public enum SimActionKind { Return, Rework, Merge }

/// <summary>One such step: on case <paramref name="ExternalId"/> at <paramref name="At"/>; a merge names the primary.</summary>
public sealed record SimAction(DateTimeOffset At, string ExternalId, SimActionKind Kind, string? PrimaryExternalId);

/// <summary>A dispute's mediation: started after dispatch, concluded when the case is fed back.</summary>
public sealed record SimMediation(string ExternalId, string MediatorType, string Mode, string Level,
    DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string Outcome, string? FailureRoute, string? Agreement)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string ToJson(string caseRef, string grid, DateTimeOffset t)
    {
        var ended = EndedAt <= t ? EndedAt : null;
        var record = new Dictionary<string, object?>
        {
            ["externalId"] = ExternalId, ["caseRef"] = caseRef, ["gridCode"] = grid, ["mediatorType"] = MediatorType,
            ["mode"] = Mode, ["level"] = Level, ["startedAt"] = StartedAt, ["endedAt"] = ended,
            ["outcome"] = ended is null ? null : Outcome, ["failureRoute"] = ended is null ? null : FailureRoute,
            ["agreement"] = ended is null ? null : Agreement, ["updatedAt"] = ended ?? StartedAt,
        };
        foreach (var key in record.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList()) record.Remove(key);
        return JsonSerializer.Serialize(record, Json);
    }
}
