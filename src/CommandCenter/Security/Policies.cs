using CommandCenter.Core.Security;
using Microsoft.AspNetCore.Authorization;

namespace CommandCenter.Security;

/// <summary>Who may see and do what, in one place. Pages, hubs and endpoints name a policy
/// (<c>[Authorize(Policy = Policies.CasesWork)]</c>); anything that names none falls back to
/// <see cref="Person"/>, so a new page is never public by accident and never open to a wall screen.</summary>
public static class Policies
{
    /// <summary>/screen and /hubs/live: the wall screens and every person.</summary>
    public const string Screen = "screen";
    /// <summary>Reading cases (the queue, a case's page): 值班员 and 领导.</summary>
    public const string CasesRead = "cases-read";
    /// <summary>Acting on cases: 值班员 only.</summary>
    public const string CasesWork = "cases-work";
    /// <summary>Trends and the weekly report: 领导.</summary>
    public const string Trends = "trends";
    /// <summary>考核 rankings and the monthly 通报 (read, print, CSV): 值班员 and 领导. Aggregates of every unit,
    /// plus the named 超期 / 纠风办 cases both roles already read on /cases (masked).</summary>
    public const string Scorecards = "scorecards";
    /// <summary>Publishing a monthly 通报: 领导 only (a published bulletin never changes).</summary>
    public const string BulletinPublish = "bulletin-publish";
    /// <summary>Users, categories and time limits, grids, API keys, rejects, the audit log: 管理员.</summary>
    public const string Admin = "admin";
    /// <summary>/work (承办工作台): 承办单位 and 网格员, each scoped to its own unit. Officers, leaders and
    /// administrators are kept out: an officer already sees every case on /cases, and /work is defined by
    /// the account's unit binding, which they do not have.</summary>
    public const string Unit = "unit";
    /// <summary>/m, the grid worker's phone page: 网格员 only (it reports as the worker and lists their grids).</summary>
    public const string Mobile = "mobile";
    /// <summary>/photos/{id}: 值班员, 领导, 承办单位 and 网格员; the case is then checked (a unit or worker sees
    /// only its own cases' photos). Never wall screens: photos show residents and their homes.</summary>
    public const string Photos = "photos";
    /// <summary>The Blazor circuit connection (/_blazor): every signed-in principal, wall screens and unit
    /// accounts included; the pages inside a circuit check their own policies.</summary>
    public const string Circuit = "circuit";
    /// <summary>/wall-control and sending wall commands (page, HTTP, hub): 值班员 and 领导. Never a wall screen:
    /// a wall receives commands, it cannot send them.</summary>
    public const string WallControl = "wall-control";
    /// <summary>/replay, the wall as it was at a past moment: 值班员 and 领导, never wall screens.</summary>
    public const string Replay = "replay";
    /// <summary>A wall screen's own reports (heartbeats on /hubs/walls): kiosk credentials only.</summary>
    public const string WallReport = "wall-report";
    /// <summary>专项任务 (/campaigns, its CSV, putting a campaign on the walls): 值班员 and 领导 create, follow and end
    /// campaigns. Not the administrator (separation of duties, as for cases); grid workers report on /m.</summary>
    public const string Campaigns = "campaigns";
    /// <summary>/metrics (Prometheus): a scraper on this machine that did not come through a proxy, or a signed-in
    /// 管理员. Operational figures, no personal data, but they map the system, so never the public.</summary>
    public const string Metrics = "metrics";
    /// <summary>Any signed-in person; the fallback for everything that names no policy.</summary>
    public const string Person = "person";
    /// <summary>Any signed-in person (not a wall screen), even one who still has to replace a one-time
    /// password (only the password page, logout and the activity ping use it).</summary>
    public const string PersonSession = "person-session";

    public static void Configure(AuthorizationOptions o)
    {
        o.AddPolicy(Screen, p => Ready(p).RequireRole(Roles.Kiosk, Roles.Officer, Roles.Leader, Roles.Admin));
        o.AddPolicy(CasesRead, p => Ready(p).RequireRole(Roles.Officer, Roles.Leader));
        o.AddPolicy(CasesWork, p => Ready(p).RequireRole(Roles.Officer));
        o.AddPolicy(Trends, p => Ready(p).RequireRole(Roles.Leader));
        o.AddPolicy(Scorecards, p => Ready(p).RequireRole(Roles.Officer, Roles.Leader));
        o.AddPolicy(BulletinPublish, p => Ready(p).RequireRole(Roles.Leader));
        o.AddPolicy(Admin, p => Ready(p).RequireRole(Roles.Admin));
        o.AddPolicy(Unit, p => Ready(p).RequireRole(Roles.Unit, Roles.Worker));
        o.AddPolicy(Mobile, p => Ready(p).RequireRole(Roles.Worker));
        o.AddPolicy(Photos, p => Ready(p).RequireRole(Roles.Officer, Roles.Leader, Roles.Unit, Roles.Worker));
        o.AddPolicy(Circuit, p => Ready(p).RequireRole(Roles.Kiosk, Roles.Officer, Roles.Leader, Roles.Admin, Roles.Unit, Roles.Worker));
        o.AddPolicy(WallControl, p => Ready(p).RequireRole(Roles.Officer, Roles.Leader));
        o.AddPolicy(Replay, p => Ready(p).RequireRole(Roles.Officer, Roles.Leader));
        o.AddPolicy(Campaigns, p => Ready(p).RequireRole(Roles.Officer, Roles.Leader));
        o.AddPolicy(WallReport, p => Ready(p).RequireRole(Roles.Kiosk).RequireClaim(SecurityClaims.Kind, SecurityClaims.KioskKind));
        o.AddPolicy(Person, p => Ready(p).RequireRole(Roles.Officer, Roles.Leader, Roles.Admin, Roles.Unit, Roles.Worker));
        o.AddPolicy(PersonSession, p => p.RequireAuthenticatedUser().RequireClaim(SecurityClaims.SessionId)
            .RequireClaim(SecurityClaims.Kind, SecurityClaims.PersonKind));
        o.AddPolicy(Metrics, p => p.RequireAssertion(c =>
            (c.Resource is HttpContext http && Core.Observability.LocalCaller.IsDirectLoopback(http))
            || (c.User.IsInRole(Roles.Admin) && c.User.HasClaim(x => x.Type == SecurityClaims.SessionId)
                && !c.User.HasClaim(x => x.Type == SecurityClaims.MustChangePassword))));
        o.FallbackPolicy = o.GetPolicy(Person);
    }

    // Every working policy: a session, and no one-time password still waiting to be replaced.
    private static AuthorizationPolicyBuilder Ready(AuthorizationPolicyBuilder p) => p
        .RequireAuthenticatedUser()
        .RequireClaim(SecurityClaims.SessionId)
        .RequireAssertion(c => !c.User.HasClaim(x => x.Type == SecurityClaims.MustChangePassword));
}
