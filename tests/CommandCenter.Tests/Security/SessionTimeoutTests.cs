using Microsoft.Extensions.DependencyInjection;
using System.Net;
using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.Tests.Security;

public sealed class SessionTimeoutTests(PostgisDatabase db) : WebAppTests(db, fixedClock: true)
{
    [Fact]
    public async Task A_person_idle_for_more_than_thirty_minutes_is_sent_to_the_login_page()
    {
        var client = await Web.LoginAsAsync(Roles.Officer);
        Clock.Advance(TimeSpan.FromMinutes(29));
        var stillIn = await client.GetAsync("/");

        Clock.Advance(TimeSpan.FromMinutes(31));
        var idle = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, idle.StatusCode);
        Assert.Contains("/login", idle.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Activity_keeps_a_person_signed_in_past_thirty_minutes()
    {
        var client = await Web.LoginAsAsync(Roles.Leader);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            Clock.Advance(TimeSpan.FromMinutes(20));
            statuses.Add((await client.PostAsync("/account/activity", null)).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NoContent, s));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task The_session_itself_expires_when_idle_even_if_a_cookie_is_replayed_with_a_fresh_expiry()
    {
        // The server decides, not the cookie: a session with no activity for 31 minutes is ended in the
        // database, whatever the cookie's own expiry says.
        var user = await TestUsers.CreateAsync(Db.DataSource, Roles.Officer);
        var login = await Web.Services.GetRequiredService<LoginService>().PasswordSignInAsync(user.UserName, user.Password, null, null, default);
        var sessions = Web.Services.GetRequiredService<SessionStore>();

        Clock.Advance(TimeSpan.FromMinutes(31));
        var check = await sessions.CheckAsync(login.SessionId, Roles.Officer, touch: true, default);
        var again = await sessions.CheckAsync(login.SessionId, Roles.Officer, touch: true, default);
        var (lines, _) = await Web.Services.GetRequiredService<AuditLog>().SearchAsync(
            new AuditQuery(Actor: user.UserName, Action: AuditActions.SessionEnded), default);

        Assert.Equal(SessionCheck.Idle, check);
        Assert.Equal(SessionCheck.Ended, again);
        Assert.Single(lines);
    }

    [Fact]
    public async Task A_kiosk_screen_never_times_out()
    {
        var (kiosk, _) = await Web.KioskAsync();

        Clock.Advance(TimeSpan.FromDays(400));
        var response = await kiosk.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Disabling_an_account_or_changing_its_role_ends_its_sessions()
    {
        var officer = await TestUsers.CreateAsync(Db.DataSource, Roles.Officer);
        var leader = await TestUsers.CreateAsync(Db.DataSource, Roles.Leader);
        var a = await Web.LoginAsync(officer.UserName, officer.Password);
        var b = await Web.LoginAsync(leader.UserName, leader.Password);
        var users = Web.Services.GetRequiredService<UserStore>();
        var admin = new AuditActor("test-admin", Roles.Admin, "127.0.0.1");

        await users.ChangeAsync(officer.Id, new UserChange.Disable(), admin, default);
        await users.ChangeAsync(leader.Id, new UserChange.SetRole(Roles.Officer), admin, default);

        Assert.Equal(HttpStatusCode.Redirect, (await a.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await b.GetAsync("/")).StatusCode);
    }
}
