namespace CommandCenter.Core.Cases;

/// <summary>The outcome of asking the state machine for a transition: either the new state and the
/// audit entry to write, or a refusal with a message a duty officer can act on.</summary>
public sealed record Decision
{
    public CaseState? NewState { get; private init; }
    public string? Refusal { get; private init; }
    public string Action { get; private init; } = "";
    public string? Note { get; private init; }
    /// <summary>Extra facts for the audit row's <c>data</c> (department, level, satisfaction ...).</summary>
    public IReadOnlyDictionary<string, object?> Data { get; private init; } = new Dictionary<string, object?>();

    public bool Allowed => NewState is not null;

    public static Decision Ok(CaseState state, string action, string? note = null, IReadOnlyDictionary<string, object?>? data = null) =>
        new() { NewState = state, Action = action, Note = note, Data = data ?? new Dictionary<string, object?>() };

    public static Decision Refuse(string message) => new() { Refusal = message };
}
