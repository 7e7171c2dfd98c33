using System.Net;
using System.Security.Claims;
using CommandCenter.Core.Security;
using CommandCenter.Security;
using CommandCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Tests.Security;

public sealed class KioskTests(PostgisDatabase db) : WebAppTests(db)
{
    [Fact]
    public async Task Kiosk_link_signs_the_screen_in_with_a_persistent_cookie_and_sends_it_to_the_screen()
    {
        var (_, token) = await TestUsers.CreateKioskAsync(Db.DataSource);

        var response = await Web.CreateClient().GetAsync(KioskStore.LinkPrefix + token);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/screen", response.Headers.Location!.OriginalString);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cc.auth=", StringComparison.Ordinal));
        Assert.Contains("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_kiosk_cookie_survives_a_restart_and_works_on_anotherWeb_node()
    {
        var (_, token) = await TestUsers.CreateKioskAsync(Db.DataSource);
        var signIn = await Web.CreateClient().GetAsync(KioskStore.LinkPrefix + token);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cc.auth=", StringComparison.Ordinal)).Split(';')[0];

        // A second app instance on the same database: what a restart or a second node sees.
        await using var otherNode = WebApp.Create(Db);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Cookie", cookie);
        var response = await otherNode.CreateClient(handleCookies: false).SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_kiosk_token_is_refused_and_audited()
    {
        var response = await Web.CreateClient().GetAsync(KioskStore.LinkPrefix + "not-a-real-token");
        var (lines, _) = await Web.Services.GetRequiredService<AuditLog>().SearchAsync(new AuditQuery(Action: AuditActions.KioskRejected), default);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEmpty(lines);
    }

    [Fact]
    public async Task A_kiosk_may_open_the_screen_connection_but_no_person_page()
    {
        var (kiosk, _) = await Web.KioskAsync();

        var circuit = await kiosk.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        var home = await kiosk.GetAsync("/");
        var admin = await kiosk.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.OK, circuit.StatusCode);
        Assert.Contains("/account/denied", home.Headers.Location!.ToString());
        Assert.Contains("/account/denied", admin.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Revoking_the_credential_refuses_the_screen_on_its_next_request_and_the_link_stops_working()
    {
        var (id, token) = await TestUsers.CreateKioskAsync(Db.DataSource);
        var kiosk = Web.CreateClient();
        await kiosk.GetAsync(KioskStore.LinkPrefix + token);
        var before = await kiosk.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        await Web.Services.GetRequiredService<KioskStore>().RevokeAsync(id, new AuditActor("test-admin", Roles.Admin, null), default);
        var after = await kiosk.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);
        var linkAgain = await Web.CreateClient().GetAsync(KioskStore.LinkPrefix + token);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, linkAgain.StatusCode);
    }

    [Fact]
    public async Task Revoking_the_credential_ends_an_open_circuit_at_its_next_revalidation()
    {
        var login = await Web.Services.GetRequiredService<LoginService>().KioskSignInAsync(
            (await CreateTokenAsync()).Token, null, null, default);
        var sessions = Web.Services.GetRequiredService<SessionStore>();
        var before = await sessions.CheckAsync(login.SessionId, Roles.Kiosk, touch: false, default);

        await Web.Services.GetRequiredService<KioskStore>().RevokeAsync(login.SubjectId, new AuditActor("test-admin", Roles.Admin, null), default);
        // What SessionRevalidatingAuthenticationStateProvider asks every RevalidationSeconds for each circuit.
        var after = await sessions.CheckAsync(login.SessionId, Roles.Kiosk, touch: false, default);

        Assert.Equal(SessionCheck.Valid, before);
        Assert.NotEqual(SessionCheck.Valid, after);
    }

    [Fact]
    public async Task Revoking_the_credential_aborts_the_screens_open_hub_connections()
    {
        var (id, token) = await TestUsers.CreateKioskAsync(Db.DataSource);
        var login = await Web.Services.GetRequiredService<LoginService>().KioskSignInAsync(token, null, null, default);
        var other = await Web.Services.GetRequiredService<LoginService>().KioskSignInAsync((await CreateTokenAsync()).Token, null, null, default);
        var revalidator = Web.Services.GetRequiredService<HubSessionRevalidator>();
        var revoked = new RecordingConnection(SecurityPrincipal.Create(login, false));
        var kept = new RecordingConnection(SecurityPrincipal.Create(other, false));
        await revalidator.OnConnectedAsync(new HubLifetimeContext(revoked, Web.Services, new TestHub()), _ => Task.CompletedTask);
        await revalidator.OnConnectedAsync(new HubLifetimeContext(kept, Web.Services, new TestHub()), _ => Task.CompletedTask);

        await Web.Services.GetRequiredService<KioskStore>().RevokeAsync(id, new AuditActor("test-admin", Roles.Admin, null), default);
        await revalidator.RevalidateAsync(default);

        Assert.True(revoked.Aborted);
        Assert.False(kept.Aborted);
    }

    // Issue 12, finding 3: GET /kiosk/<anything> ended the caller's session before checking the token, so
    // any page that made the wall's browser open such a link knocked the wall to the login page.
    [Theory]
    [InlineData("not-a-real-token")]
    [InlineData("x")]
    [InlineData("%2e%2e%2fscreen")]
    public async Task An_invalid_kiosk_link_leaves_the_screens_session_standing(string token)
    {
        var (kiosk, _) = await Web.KioskAsync();

        var link = await kiosk.GetAsync(KioskStore.LinkPrefix + token);
        var circuit = await kiosk.PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Forbidden, link.StatusCode);
        Assert.False(link.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("cc.auth=", StringComparison.Ordinal)),
            "an invalid link must not touch the cookie");
        Assert.Equal(HttpStatusCode.OK, circuit.StatusCode);
    }

    [Fact]
    public async Task An_invalid_kiosk_link_leaves_a_persons_session_standing()
    {
        var officer = await Web.LoginAsAsync(Roles.Officer);

        var link = await officer.GetAsync(KioskStore.LinkPrefix + "not-a-real-token");
        var page = await officer.GetAsync("/cases");

        Assert.Equal(HttpStatusCode.Forbidden, link.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task A_valid_kiosk_link_replaces_the_callers_session_with_the_screens()
    {
        var officer = await Web.LoginAsAsync(Roles.Officer);
        var (_, token) = await CreateTokenAsync();

        var link = await officer.GetAsync(KioskStore.LinkPrefix + token);
        var cases = await officer.GetAsync("/cases");

        Assert.Equal(HttpStatusCode.Redirect, link.StatusCode);
        Assert.Contains("/account/denied", cases.Headers.Location!.ToString()); // a screen now, no longer an officer
    }

    private Task<(long Id, string Token)> CreateTokenAsync() => TestUsers.CreateKioskAsync(Db.DataSource, "另一块大屏");

    private sealed class TestHub : Hub;

    /// <summary>A hub connection as SignalR hands it to filters; records whether it was aborted.</summary>
    private sealed class RecordingConnection(ClaimsPrincipal user) : HubCallerContext
    {
        public bool Aborted { get; private set; }
        public override string ConnectionId { get; } = Guid.NewGuid().ToString("N");
        public override string? UserIdentifier => User?.Identity?.Name;
        public override ClaimsPrincipal? User => user;
        public override IDictionary<object, object?> Items { get; } = new Dictionary<object, object?>();
        public override Microsoft.AspNetCore.Http.Features.IFeatureCollection Features { get; } = new Microsoft.AspNetCore.Http.Features.FeatureCollection();
        public override CancellationToken ConnectionAborted => CancellationToken.None;
        public override void Abort() => Aborted = true;
    }
}
