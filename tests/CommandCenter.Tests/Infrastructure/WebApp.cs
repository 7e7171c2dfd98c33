using System.Net;
using System.Text.RegularExpressions;
using CommandCenter.Core.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CommandCenter.Tests.Infrastructure;

/// <summary>The web app in a test host against a test database, with helpers to log in as a real
/// user does: create the user, GET /login, post the form with its antiforgery token, keep the cookie.
/// <code>
/// await using var web = WebApp.Create(db);
/// var officer = await web.LoginAsAsync(Roles.Officer);
/// var html = await officer.GetStringAsync("/cases");
/// </code></summary>
public sealed partial class WebApp : IAsyncDisposable
{
    private WebApp(PostgisDatabase db, WebApplicationFactory<Program> factory)
    {
        Database = db;
        Factory = factory;
    }

    public PostgisDatabase Database { get; }
    public WebApplicationFactory<Program> Factory { get; }
    public IServiceProvider Services => Factory.Services;

    /// <param name="clock">fixes "now" for the app (lockout, idle timeout, cookie expiry)</param>
    /// <param name="settings">extra configuration, e.g. <c>["Security:LoginPermitsPerMinute"] = "3"</c></param>
    public static WebApp Create(PostgisDatabase db, TimeProvider? clock = null,
        IDictionary<string, string?>? settings = null, Action<IWebHostBuilder>? configure = null)
    {
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:CommandCenter", db.ConnectionString);
            // Revalidate open circuits and hub connections every second so tests need not wait 5.
            b.UseSetting("Security:RevalidationSeconds", "1");
            // Every test logs in from 127.0.0.1: the per-address login limit would throttle the suite.
            b.UseSetting("Security:LoginPermitsPerMinute", "10000");
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
                b.UseSetting(key, value);
            if (clock is not null)
                b.ConfigureServices(s => s.AddSingleton(clock));
            configure?.Invoke(b);
        });
        return new WebApp(db, factory);
    }

    /// <summary>A client that keeps cookies and does not follow redirects (so tests see them).</summary>
    public HttpClient CreateClient(bool handleCookies = true)
    {
        var client = Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = handleCookies });
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
    }

    /// <summary>Creates a person of <paramref name="role"/> and returns a client logged in as them.</summary>
    public async Task<HttpClient> LoginAsAsync(string role)
    {
        var user = await TestUsers.CreateAsync(Database.DataSource, role);
        return await LoginAsync(user.UserName, user.Password);
    }

    /// <summary>Logs in through the login form; fails the test when the login is refused.</summary>
    public async Task<HttpClient> LoginAsync(string userName, string password)
    {
        var client = CreateClient();
        var response = await PostLoginAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"login as {userName} was refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    /// <summary>Posts the login form as a browser does (GET for the antiforgery token, then POST).</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password, string? returnUrl = null)
    {
        var url = returnUrl is null ? "/login" : $"/login?returnUrl={Uri.EscapeDataString(returnUrl)}";
        var form = await client.GetStringAsync(url);
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = AntiforgeryToken(form),
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>A client signed in as a wall screen through a new kiosk link.</summary>
    public async Task<(HttpClient Client, long KioskId)> KioskAsync()
    {
        var (id, token) = await TestUsers.CreateKioskAsync(Database.DataSource);
        var client = CreateClient();
        var response = await client.GetAsync(KioskStore.LinkPrefix + token);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"kiosk sign-in refused: {(int)response.StatusCode}");
        return (client, id);
    }

    /// <summary>The cookie ("cc.auth=…") of a wall screen signed in through a new kiosk link.</summary>
    public async Task<string> KioskCookieAsync()
    {
        var (_, token) = await TestUsers.CreateKioskAsync(Database.DataSource);
        var response = await CreateClient(handleCookies: false).GetAsync(KioskStore.LinkPrefix + token);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cc.auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>The antiforgery token of the (first) form in a page.</summary>
    public static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } m
            ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("no antiforgery token in the page");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}
