using System.Security.Claims;
using Bunit.TestDoubles;
using CommandCenter.Core.Cases;
using CommandCenter.Core.Ingest;
using CommandCenter.Core.Security;
using CommandCenter.Core.Trends;
using CommandCenter.Core.Admin;
using CommandCenter.Features.Admin;
using CommandCenter.Features.Cases;
using CommandCenter.Features.Trends;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Live;
using CommandCenter.Security;
using CommandCenter.Shared.Ui;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using Npgsql;

namespace CommandCenter.ComponentTests.Infrastructure;

/// <summary>Wires a bUnit context the way the web app wires a circuit: MudBlazor with the Chinese texts,
/// JS modules answered loosely (real behaviour in Chromium belongs to the browser tests), a signed-in
/// person, and the app's stores over a real test database.</summary>
public static class DeskServices
{
    public static BunitContext AddMud(this BunitContext ctx)
    {
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddTransient<MudLocalizer, ChineseMudLocalizer>();
        return ctx;
    }

    /// <summary>Signs a person in for the circuit (what DutyOfficer and CurrentActor read).</summary>
    public static BunitAuthorizationContext SignIn(this BunitContext ctx, string role, string userName = "zhang", string displayName = "张值班")
    {
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized(userName);
        auth.SetRoles(role);
        auth.SetClaims(new Claim(SecurityClaims.DisplayName, displayName));
        return auth;
    }

    /// <summary>The registrations of AddCommandCenterSecurityCore, AddAdminPages, AddCaseWork and AddTrends
    /// (minus background services), over <paramref name="db"/> and <paramref name="clock"/>.</summary>
    public static BunitContext AddCommandCenter(this BunitContext ctx, NpgsqlDataSource db, TimeProvider clock)
    {
        var s = ctx.Services;
        s.AddSingleton(db);
        s.AddSingleton(clock);
        s.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        s.AddSingleton(Options.Create(new SecurityOptions()));
        s.AddSingleton<IPasswordHasher<UserAccount>, PasswordHasher<UserAccount>>();
        s.AddSingleton<AuditLog>();
        s.AddSingleton<SessionStore>();
        s.AddSingleton<UserStore>();
        s.AddSingleton<KioskStore>();
        s.AddSingleton<LoginThrottle>();
        s.AddSingleton<LoginService>();
        s.AddSingleton<CategoryAdminStore>();
        s.AddSingleton<DepartmentAdminStore>();
        s.AddSingleton<CommandCenter.Core.Units.UnitDirectory>();
        s.AddSingleton<CommandCenter.Core.Roster.RosterStore>();
        s.AddSingleton<RejectsStore>();
        s.AddSingleton<ApiKeyStore>();
        s.AddSingleton<CaseActions>();
        s.AddSingleton<CaseQueries>();
        s.AddSingleton<CaseDetailReader>();
        s.AddSingleton<LeadQueries>();
        s.AddSingleton<CommandCenter.Core.Duty.DutyRoster>();
        s.AddSingleton<CommandCenter.Features.Duty.DutyBoard>();
        s.AddSingleton<CommandCenter.Core.Duty.Handovers>();
        // The case pages (officer's and unit's) show the case's photos.
        s.AddSingleton(Options.Create(new CommandCenter.Core.Photos.PhotoOptions()));
        s.AddSingleton<CommandCenter.Core.Photos.PhotoStore>();
        s.AddSingleton<CommandCenter.Core.Photos.PhotoProcessor>();
        s.AddSingleton<CommandCenter.Features.Photos.PhotoIntake>();
        s.AddSingleton<CommandCenter.Core.Units.UnitCases>();
        s.AddSingleton<CommandCenter.Core.Units.UnitWork>();
        s.AddSingleton<CommandCenter.Core.Notices.NoticeStore>();
        s.AddScoped<DutyOfficer>();
        s.AddScoped<ClientOrigin>();
        s.AddScoped<CurrentActor>();
        s.AddSingleton<TrendQueries>();
        s.AddSingleton<TrendComparisons>();
        s.AddSingleton<TrendCases>();
        s.AddSingleton<TrendReadSource>();   // no ReadReplica registered: the primary
        s.AddSingleton<TrendDashboard>();
        CommandCenter.Core.Scorecards.ScorecardExtensions.AddScorecards(s);
        CommandCenter.Core.Campaigns.CampaignExtensions.AddCampaigns(s);
        // 纠风办 (issue 14): the /trends list, the reports and the case page's handling record.
        s.AddSingleton<CommandCenter.Core.Jfb.JfbCases>();
        s.AddSingleton(Options.Create(new CommandCenter.Core.Patrols.PatrolOptions()));
        s.AddSingleton<CommandCenter.Core.Patrols.PatrolCoverage>();
        s.AddSingleton<CommandCenter.Core.Patrols.PatrolAnalytics>();
        s.AddSingleton<PatrolLoader>();
        s.AddSingleton<PeriodReportLoader>();
        // The kiosk page lists the named walls (issue 16).
        s.AddSingleton(Options.Create(new CommandCenter.Core.Walls.WallOptions()));
        s.AddSingleton<CommandCenter.Core.Walls.WallStore>();
        s.AddSingleton<CommandCenter.Core.Walls.WallPresenceStore>();
        return ctx;
    }

    /// <summary>The real change feed over the test database, started; the caller stops it.</summary>
    public static async Task<ChangeFeedListener> StartChangeFeedAsync(this BunitContext ctx, NpgsqlDataSource db)
    {
        var feed = new ChangeFeedListener(db, Options.Create(new ChangeFeedOptions { PollInterval = TimeSpan.FromMilliseconds(200) }),
            TimeProvider.System, NullLogger<ChangeFeedListener>.Instance);
        ctx.Services.AddSingleton<IChangeFeed>(feed);
        await feed.StartAsync(CancellationToken.None);
        await feed.Started;
        return feed;
    }
}
