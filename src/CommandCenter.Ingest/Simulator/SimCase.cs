using System.Text.Encodings.Web;
using System.Text.Json;
using CommandCenter.Core.Cases;

namespace CommandCenter.Ingest.Simulator;

/// <summary>One simulated case with its whole planned life: when it will be dispatched, handled, fed
/// back, called back and closed (null milestones never happen — a stalled case). <see cref="ToJson"/>
/// renders the record a source would send at a given moment, showing only what has happened by then.</summary>
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
    public required int Priority { get; init; }
    public required DateTimeOffset ReportedAt { get; init; }
    public string? Assignee { get; init; }
    public DateTimeOffset? DispatchAt { get; set; }
    public DateTimeOffset? StartAt { get; set; }
    public DateTimeOffset? FeedbackAt { get; set; }
    public DateTimeOffset? CallbackAt { get; set; }
    public string? Satisfaction { get; set; }
    public DateTimeOffset? CloseAt { get; set; }
    /// <summary>The mediation of a dispute, if one is held.</summary>
    public SimMediation? Mediation { get; set; }

    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The milestones in order; the case's status at a time is that of the last one passed.</summary>
    private IEnumerable<(string Status, DateTimeOffset? At)> Milestones()
    {
        yield return (CaseStatus.Accepted, ReportedAt);
        yield return (CaseStatus.Dispatched, DispatchAt);
        yield return (CaseStatus.InProgress, StartAt);
        yield return (CaseStatus.Feedback, FeedbackAt);
        yield return (CaseStatus.Callback, CallbackAt);
        yield return (CaseStatus.Closed, CloseAt);
    }

    public (string Status, DateTimeOffset UpdatedAt) StateAt(DateTimeOffset t)
    {
        var state = (CaseStatus.Accepted, ReportedAt);
        foreach (var (status, at) in Milestones())
        {
            if (at is null || at > t) break;
            state = (status, at.Value);
        }
        return state;
    }

    /// <summary>The next milestone after <paramref name="t"/>, or null when the case is done or stalled.</summary>
    public DateTimeOffset? NextChangeAfter(DateTimeOffset t)
    {
        foreach (var (_, at) in Milestones())
        {
            if (at is null) return null;
            if (at > t) return at;
        }
        return null;
    }

    /// <summary>Stops the plan after 分流: the unit acts on the case itself (see <see cref="UnitAccounts"/>).</summary>
    public void HandOver()
    {
        (StartAt, FeedbackAt, CallbackAt, CloseAt, Satisfaction) = (null, null, null, null, null);
        if (Mediation is { } m) Mediation = m with { EndedAt = null };
    }

    private static DateTimeOffset? Upto(DateTimeOffset? at, DateTimeOffset t) => at <= t ? at : null;

    public string ToJson(DateTimeOffset t)
    {
        var (status, updated) = StateAt(t);
        var callback = Upto(CallbackAt, t);
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
            ["priority"] = Priority,
            ["status"] = status,
            ["reportedAt"] = ReportedAt,
            ["occurredAt"] = ReportedAt.AddMinutes(-20),
            ["dispatchedAt"] = Upto(DispatchAt, t),
            ["assignee"] = Upto(DispatchAt, t) is null ? null : Assignee,
            ["feedbackAt"] = Upto(FeedbackAt, t),
            ["callbackAt"] = callback,
            ["satisfaction"] = callback is null ? null : Satisfaction,
            ["closedAt"] = Upto(CloseAt, t),
            ["updatedAt"] = updated,
        };
        foreach (var key in record.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList()) record.Remove(key);
        return JsonSerializer.Serialize(record, Json);
    }
}

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
