namespace CommandCenter.Core.Security;

/// <summary>Who is acting and from where, for the audit line of an administrative change.</summary>
public sealed record AuditActor(string Name, string? Role, string? Ip)
{
    /// <summary>The command line on the server (e.g. <c>admin init</c>): no user, no address.</summary>
    public static readonly AuditActor System = new("system", null, "local");
}
