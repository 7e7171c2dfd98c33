namespace CommandCenter.Core.Security;

/// <summary>Who is acting and from where, for the audit line of an administrative change.</summary>
public sealed record AuditActor(string Name, string? Role, string? Ip)
{
    /// <summary>The person's display name (王领导) when known; audit lines keep <see cref="Name"/>, the account.</summary>
    public string? DisplayName { get; init; }

    /// <summary>How a document signed by the actor names them: 显示名（用户名）, like case timelines.</summary>
    public string Label => DisplayName is { Length: > 0 } d && d != Name ? $"{d}（{Name}）" : Name;

    /// <summary>The command line on the server (e.g. <c>admin init</c>): no user, no address.</summary>
    public static readonly AuditActor System = new("system", null, "local");
}
