using System.Net;
using CommandCenter.Core.Security;
using CommandCenter.Live;
using CommandCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Tests.Security;

/// <summary>Who may reach what: every role (and anonymous) against every page, hub and endpoint of the
/// web app. The table below is the specification; the app's own endpoint list is checked against it,
/// so a new page or endpoint fails this test until someone decides who may use it.</summary>
public sealed class AccessMatrixTests(PostgisDatabase db) : WebAppTests(db)
{
    private const string Anonymous = "anonymous";
    private static readonly string[] Everyone = [Anonymous, Roles.Kiosk, Roles.Officer, Roles.Leader, Roles.Admin, Roles.Unit, Roles.Worker];
    // Unit accounts get no wall data: /screen, /hubs/live and the geo layers show every unit's cases.
    private static readonly string[] Screen = [Roles.Kiosk, Roles.Officer, Roles.Leader, Roles.Admin];
    private static readonly string[] Circuit = [Roles.Kiosk, Roles.Officer, Roles.Leader, Roles.Admin, Roles.Unit, Roles.Worker];
    private static readonly string[] People = [Roles.Officer, Roles.Leader, Roles.Admin, Roles.Unit, Roles.Worker];
    private static readonly string[] Units = [Roles.Unit, Roles.Worker];
    private static readonly string[] PhotoViewers = [Roles.Officer, Roles.Leader, Roles.Unit, Roles.Worker];

    private enum Kind { Page, Api, Hub }

    /// <summary>Route pattern → how it is probed and who may use it.</summary>
    private static readonly Dictionary<string, (Kind Kind, string Probe, string[] Allowed)> Matrix = new()
    {
        ["/"] = (Kind.Page, "/", People),
        ["/login"] = (Kind.Page, "/login", Everyone),
        ["/account/denied"] = (Kind.Page, "/account/denied", Everyone),
        ["/error"] = (Kind.Page, "/error", Everyone),
        ["/account/password"] = (Kind.Page, "/account/password", People),
        ["/account/logout"] = (Kind.Page, "POST /account/logout", People),
        ["/account/activity"] = (Kind.Api, "POST /account/activity", People),
        ["/kiosk/{token}"] = (Kind.Page, "/kiosk/{kiosk}", Everyone),
        ["/healthz"] = (Kind.Api, "/healthz", Everyone),
        // Prometheus metrics (policy metrics): a scraper on the node itself (not through a proxy) or an
        // administrator; the test host's requests have no loopback address, so only the admin gets in here.
        ["/metrics"] = (Kind.Api, "/metrics", [Roles.Admin]),
        ["/screen"] = (Kind.Page, "/screen", Screen),
        ["/hubs/live"] = (Kind.Hub, "POST /hubs/live/negotiate?negotiateVersion=1", Screen),
        ["/hubs/live/negotiate"] = (Kind.Hub, "POST /hubs/live/negotiate?negotiateVersion=1", Screen),
        ["/_blazor"] = (Kind.Hub, "POST /_blazor/negotiate?negotiateVersion=1", Circuit),
        ["/_blazor/negotiate"] = (Kind.Hub, "POST /_blazor/negotiate?negotiateVersion=1", Circuit),
        ["/_blazor/initializers"] = (Kind.Api, "/_blazor/initializers", Circuit),
        ["/_blazor/disconnect"] = (Kind.Api, "POST /_blazor/disconnect", Circuit),
        ["/_framework/blazor.web.js"] = (Kind.Api, "/_framework/blazor.web.js", Everyone),
        ["/_framework/blazor.server.js"] = (Kind.Api, "/_framework/blazor.server.js", Everyone),
        ["/_framework/opaque-redirect"] = (Kind.Api, "/_framework/opaque-redirect", Everyone),
        ["/api/geo/grids"] = (Kind.Api, "/api/geo/grids", Screen),
        ["/api/geo/communities"] = (Kind.Api, "/api/geo/communities", Screen),
        ["/api/geo/regions"] = (Kind.Api, "/api/geo/regions", Screen),
        ["/cases"] = (Kind.Page, "/cases", [Roles.Officer, Roles.Leader]),
        ["/cases/{Id:long}"] = (Kind.Page, "/cases/{case}", [Roles.Officer, Roles.Leader]),
        ["/m"] = (Kind.Page, "/m", [Roles.Worker]),
        // The probe's photo belongs to a case dispatched to the test units' unit, so they may see it;
        // PhotoStorageTests checks that another unit's photo stays hidden.
        ["/photos/{id:long}"] = (Kind.Api, "/photos/{photo}", PhotoViewers),
        ["/photos/{id:long}/thumb"] = (Kind.Api, "/photos/{photo}/thumb", PhotoViewers),
        ["/cases/new"] = (Kind.Page, "/cases/new", [Roles.Officer]),
        // 承办工作台: unit accounts only; /work/{id} of a case that is not the unit's answers "not found" (UnitScopingTests).
        ["/work"] = (Kind.Page, "/work", Units),
        ["/work/export.csv"] = (Kind.Api, "/work/export.csv", Units),
        // 领导包案: officers and leaders read it; only leaders take charge (LeaderActionsTests, LeaderInstructionTests).
        ["/leads"] = (Kind.Page, "/leads", [Roles.Officer, Roles.Leader]),
        // 交接班: officers sign; leaders read the history (HandoverTests).
        ["/cases/handover"] = (Kind.Page, "/cases/handover", [Roles.Officer, Roles.Leader]),
        ["/admin/duty"] = (Kind.Page, "/admin/duty", [Roles.Admin]),
        ["/admin/roster"] = (Kind.Page, "/admin/roster", [Roles.Admin]),
        ["/work/{Id:long}"] = (Kind.Page, "/work/{case}", Units),
        ["/trends"] = (Kind.Page, "/trends", [Roles.Leader]),
        ["/trends/report"] = (Kind.Page, "/trends/report", [Roles.Leader]),
        ["/trends/export/{table}.csv"] = (Kind.Api, "/trends/export/areas.csv", [Roles.Leader]),
        ["/trends/heat.json"] = (Kind.Api, "/trends/heat.json", [Roles.Leader]),
        // 考核: rankings and the monthly 通报 for 值班员 and 领导; publishing is a 领导-only action inside the
        // bulletin page's circuit (policy BulletinPublish, BulletinPageTests); the scorecard editor is the admin's.
        ["/scorecards"] = (Kind.Page, "/scorecards", [Roles.Officer, Roles.Leader]),
        ["/scorecards/bulletin"] = (Kind.Page, "/scorecards/bulletin", [Roles.Officer, Roles.Leader]),
        ["/scorecards/bulletin.csv"] = (Kind.Api, "/scorecards/bulletin.csv", [Roles.Officer, Roles.Leader]),
        ["/admin/scorecard"] = (Kind.Page, "/admin/scorecard", [Roles.Admin]),
        ["/admin"] = (Kind.Page, "/admin", [Roles.Admin]),
        ["/admin/users"] = (Kind.Page, "/admin/users", [Roles.Admin]),
        ["/admin/kiosks"] = (Kind.Page, "/admin/kiosks", [Roles.Admin]),
        ["/admin/categories"] = (Kind.Page, "/admin/categories", [Roles.Admin]),
        ["/admin/departments"] = (Kind.Page, "/admin/departments", [Roles.Admin]),
        ["/admin/grids"] = (Kind.Page, "/admin/grids", [Roles.Admin]),
        ["/admin/keys"] = (Kind.Page, "/admin/keys", [Roles.Admin]),
        ["/admin/rejects"] = (Kind.Page, "/admin/rejects", [Roles.Admin]),
        ["/admin/audit"] = (Kind.Page, "/admin/audit", [Roles.Admin]),
        // Wall control and replay (issue 16): the desk drives the walls, a wall only receives (and reports
        // heartbeats); the hub's methods each name their own policy (The_wall_hub_methods_... below).
        ["/wall-control"] = (Kind.Page, "/wall-control", [Roles.Officer, Roles.Leader]),
        ["/replay"] = (Kind.Page, "/replay", [Roles.Officer, Roles.Leader]),
        ["/hubs/walls"] = (Kind.Hub, "POST /hubs/walls/negotiate?negotiateVersion=1", Screen),
        ["/hubs/walls/negotiate"] = (Kind.Hub, "POST /hubs/walls/negotiate?negotiateVersion=1", Screen),
        ["/api/walls/commands"] = (Kind.Api, "POST /api/walls/commands", [Roles.Officer, Roles.Leader]),
        ["/api/walls/commands/{id:long}/release"] = (Kind.Api, "POST /api/walls/commands/0/release", [Roles.Officer, Roles.Leader]),
        ["/api/walls/current"] = (Kind.Api, "/api/walls/current", Screen),
        // 专项任务 (issue 15): 值班员 and 领导 create and follow campaigns and export their reports; grid workers report on /m
        // (CampaignPanelTests), grid apps through the ingest API (IngestAccessMatrixTests).
        ["/campaigns"] = (Kind.Page, "/campaigns", [Roles.Officer, Roles.Leader]),
        ["/campaigns/{Id:long}"] = (Kind.Page, "/campaigns/0", [Roles.Officer, Roles.Leader]),
        ["/campaigns/{id:long}/export.csv"] = (Kind.Api, "/campaigns/0/export.csv", [Roles.Officer, Roles.Leader]),
        // Development only: the framework's fallback for files missing from the static-asset manifest.
        // It has no policy of its own, so the fallback policy keeps it for people.
        ["/{**path:file}"] = (Kind.Page, "/no-such-file.png", People),
    };

    [Fact]
    public void Every_endpoint_of_the_app_is_in_the_matrix_and_static_assets_are_public()
    {
        var endpoints = Web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var unclassified = new List<string>();
        foreach (var e in endpoints)
        {
            var pattern = "/" + (e.RoutePattern.RawText ?? "").Trim('/');
            if (IsStaticAsset(e))
            {
                Assert.True(e.Metadata.GetMetadata<IAllowAnonymous>() is not null, $"static asset {pattern} is not public: {e.DisplayName} {string.Join(",", e.Metadata.Select(m => m.GetType().Name))}");
                continue;
            }
            if (!Matrix.ContainsKey(pattern)) unclassified.Add(pattern);
        }

        Assert.True(unclassified.Count == 0, "endpoints nobody decided access for: " + string.Join(", ", unclassified.Distinct()));
    }

    [Fact]
    public void The_live_hub_offers_clients_no_method_to_call()
    {
        var callable = typeof(LiveHub).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not ("OnConnectedAsync" or "OnDisconnectedAsync" or "Dispose"))
            .Select(m => m.Name).ToList();

        Assert.Empty(callable); // read-only for every role: a method added here needs an [Authorize] and a row in the matrix
    }

    [Fact]
    public void The_wall_hub_methods_each_name_who_may_call_them()
    {
        var methods = typeof(CommandCenter.Features.WallControl.WallHub).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.Name is not ("OnConnectedAsync" or "OnDisconnectedAsync" or "Dispose"))
            .ToDictionary(m => m.Name, m => m.GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>().Select(a => a.Policy).SingleOrDefault());

        // Send and Release: 值班员 and 领导 (policy wall-control); Heartbeat: wall screens only. WallCommandTests
        // calls each as a kiosk and as a person.
        Assert.Equal(new Dictionary<string, string?>
        {
            ["Heartbeat"] = CommandCenter.Security.Policies.WallReport,
            ["Send"] = CommandCenter.Security.Policies.WallControl,
            ["Release"] = CommandCenter.Security.Policies.WallControl,
        }, methods);
    }

    [Fact]
    public async Task Every_role_reaches_exactly_what_the_matrix_allows()
    {
        var caseId = (await SampleData.AddCasesAsync(Db.DataSource, [new CaseSpec(DateTimeOffset.UtcNow)]))[0];
        var photoId = await CommandCenter.Tests.Photos.PhotoFixtures.AttachAsync(Web.Services, Db.DataSource, caseId, TestUsers.DefaultUnit);
        var clients = new Dictionary<string, HttpClient> { [Anonymous] = Web.CreateClient() };
        foreach (var role in Roles.People)
            clients[role] = await Web.LoginAsAsync(role);
        clients[Roles.Kiosk] = (await Web.KioskAsync()).Client;

        var wrong = new List<string>();
        foreach (var (pattern, (kind, probe, allowed)) in Matrix)
        {
            foreach (var role in clients.Keys)
            {
                // Probes that change who the client is (logging out, opening a kiosk link) get a client of their own.
                var client = pattern is "/account/logout" or "/kiosk/{token}" ? await NewClientAsync(role) : clients[role];
                var (_, token) = pattern == "/kiosk/{token}" ? await TestUsers.CreateKioskAsync(Db.DataSource) : (0, "");
                var request = await BuildAsync(client, kind, probe.Replace("{case}", caseId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("{kiosk}", token)
                    .Replace("{photo}", photoId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                using var response = await client.SendAsync(request);
                var verdict = Verdict(kind, pattern, response);
                var expected = allowed.Contains(role) ? "allowed" : role == Anonymous ? "login" : "forbidden";
                if (verdict != expected)
                    wrong.Add($"{role} {probe}: expected {expected}, got {verdict} ({(int)response.StatusCode} {response.Headers.Location})");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Theory]
    [InlineData(Roles.Officer, "cases", "trends")]
    [InlineData(Roles.Leader, "trends", "admin")]
    [InlineData(Roles.Admin, "admin", "cases")]
    [InlineData(Roles.Unit, "work", "cases")]
    [InlineData(Roles.Worker, "work", "screen")]
    public async Task The_home_page_links_only_to_what_the_role_may_open(string role, string shown, string hidden)
    {
        var client = await Web.LoginAsAsync(role);

        var html = await client.GetStringAsync("/");

        Assert.Contains($"href=\"{shown}\"", html);
        Assert.DoesNotContain($"href=\"{hidden}\"", html);
    }

    private async Task<HttpClient> NewClientAsync(string role) => role switch
    {
        Anonymous => Web.CreateClient(),
        Roles.Kiosk => (await Web.KioskAsync()).Client,
        _ => await Web.LoginAsAsync(role),
    };

    private static string Verdict(Kind kind, string pattern, HttpResponseMessage r)
    {
        var location = r.Headers.Location?.ToString() ?? "";
        if (pattern == "/account/logout" && location.EndsWith("ended=logout", StringComparison.Ordinal)) return "allowed";
        if (pattern == "/account/denied") return r.StatusCode == HttpStatusCode.Forbidden ? "allowed" : "broken";
        // The error page says 500 on purpose (monitors read it); reaching it at all is what is checked.
        if (pattern == "/error") return r.StatusCode == HttpStatusCode.InternalServerError ? "allowed" : "broken";
        if (pattern == "/kiosk/{token}") return location.EndsWith("/screen", StringComparison.Ordinal) ? "allowed" : "broken";
        if (r.StatusCode == HttpStatusCode.Unauthorized) return "login";
        // A photo the caller may not see answers 404, as if it did not exist: for the matrix that is a refusal.
        if (pattern.StartsWith("/photos/", StringComparison.Ordinal) && r.StatusCode == HttpStatusCode.NotFound) return "hidden";
        if (r.StatusCode == HttpStatusCode.Forbidden) return "forbidden";
        if (r.StatusCode == HttpStatusCode.Redirect && location.Contains("/login", StringComparison.Ordinal))
            return kind == Kind.Page ? "login" : "redirect (an API must answer 401)";
        if (r.StatusCode == HttpStatusCode.Redirect && location.Contains("/account/denied", StringComparison.Ordinal))
            return kind == Kind.Page ? "forbidden" : "redirect (an API must answer 403)";
        // Allowed: the endpoint ran (a logout redirects; a form or API may refuse its input, never the caller).
        return (int)r.StatusCode < 500 ? "allowed" : $"error {(int)r.StatusCode}";
    }

    private static async Task<HttpRequestMessage> BuildAsync(HttpClient client, Kind kind, string probe)
    {
        var post = probe.StartsWith("POST ", StringComparison.Ordinal);
        var path = post ? probe[5..] : probe;
        var request = new HttpRequestMessage(post ? HttpMethod.Post : HttpMethod.Get, path);
        // Programs ask for data, browsers navigating to a page for HTML: the refusal differs (401/403 vs a redirect).
        if (kind != Kind.Page) request.Headers.Accept.ParseAdd("application/json, */*");
        if (path == "/account/logout")
        {
            // A real logout carries the antiforgery token of a page the person has open.
            var page = await client.GetAsync("/account/denied");
            var html = await page.Content.ReadAsStringAsync();
            request.Content = new FormUrlEncodedContent(html.Contains("__RequestVerificationToken", StringComparison.Ordinal)
                ? new Dictionary<string, string> { ["__RequestVerificationToken"] = WebApp.AntiforgeryToken(html) }
                : []);
        }
        return request;
    }

    // Endpoints made by MapStaticAssets carry the asset's descriptor.
    private static bool IsStaticAsset(RouteEndpoint e) =>
        e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor");
}
