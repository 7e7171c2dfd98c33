using System.Net;
using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommandCenter.Tests.Security;

/// <summary>Issue 17: behind nginx every request reaches a node from the proxy's address. The nodes believe
/// X-Forwarded-For from the configured proxies only (<c>Network:TrustedProxies</c>), so per-address limits and
/// the audit log see the real client there, and nobody can pick an address by sending the header elsewhere.</summary>
public sealed class TrustedProxyTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    [Fact]
    public async Task Behind_a_trusted_proxy_each_client_address_has_its_own_login_limit()
    {
        await using var web = Web(trusted: true, loginsPerMinute: 2);
        var a = Client(web, "203.0.113.1");
        var b = Client(web, "203.0.113.2");

        var fromA = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) fromA.Add((await a.GetAsync("/login")).StatusCode);
        var fromB = (await b.GetAsync("/login")).StatusCode;

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], fromA);
        Assert.Equal(HttpStatusCode.OK, fromB);
    }

    [Fact]
    public async Task Without_trusted_proxies_a_forwarded_address_is_not_believed()
    {
        await using var web = Web(trusted: false, loginsPerMinute: 2);
        var a = Client(web, "203.0.113.1");
        var b = Client(web, "203.0.113.2");

        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/login")).StatusCode);
        // The same caller (the loopback address) with another header: still over its limit.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await b.GetAsync("/login")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_through_a_trusted_proxy_is_audited_with_the_clients_address()
    {
        await using var web = Web(trusted: true);
        var user = await TestUsers.CreateAsync(db.DataSource, Roles.Officer);
        var client = Client(web, "198.51.100.23");

        Assert.Equal(HttpStatusCode.Redirect, (await WebApp.PostLoginAsync(client, user.UserName, user.Password)).StatusCode);

        await using var cmd = db.DataSource.CreateCommand(
            "SELECT ip FROM audit_log WHERE actor = @a AND action = @login ORDER BY id DESC LIMIT 1");
        cmd.Parameters.AddWithValue("a", user.UserName);
        cmd.Parameters.AddWithValue("login", AuditActions.LoginSucceeded);
        Assert.Equal("198.51.100.23", await cmd.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Healthz_through_a_trusted_proxy_still_tells_only_up_or_down()
    {
        await using var web = Web(trusted: true);
        var client = Client(web, "127.0.0.1");   // a browser on the proxy's own machine is still behind the proxy

        var text = await (await client.GetAsync("/healthz")).Content.ReadAsStringAsync();

        Assert.Matches("""^\{"status":"[A-Za-z]+"\}$""", text);
    }

    [Fact]
    public async Task A_trusted_proxy_that_is_not_an_address_stops_the_node_with_a_message()
    {
        await using var web = WebApp.Create(db, settings: new Dictionary<string, string?> { ["Network:TrustedProxies:0"] = "nginx.local" });

        var error = Assert.ThrowsAny<Exception>(() => web.CreateClient());

        var validation = error as OptionsValidationException ?? error.InnerException as OptionsValidationException;
        Assert.NotNull(validation);
        Assert.Contains("Network:TrustedProxies: 'nginx.local'", validation.Message);
    }

    private WebApp Web(bool trusted, int loginsPerMinute = 10000)
    {
        var settings = new Dictionary<string, string?> { ["Security:LoginPermitsPerMinute"] = loginsPerMinute.ToString() };
        if (trusted) settings["Network:TrustedProxies:0"] = "127.0.0.1";
        // The test server has no socket: give every request the loopback address nginx on the node would have.
        return WebApp.Create(db, settings: settings,
            configure: b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, FromLoopback>()));
    }

    private static HttpClient Client(WebApp web, string forwardedFor)
    {
        var client = web.CreateClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return client;
    }

    private sealed class FromLoopback : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Loopback;
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
