using System.Net;
using Cookie = Microsoft.Playwright.Cookie;
using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Playwright;
using Npgsql;

namespace CommandCenter.BrowserTests.Infrastructure;

/// <summary>Signing a browser (or a .NET hub client) in the way real users do: people fill the login
/// form; wall screens open a kiosk link. Users and kiosk credentials are created straight in the test
/// database with <see cref="TestUsers"/>.</summary>
public static class BrowserLogin
{
    /// <summary>Fills the login form as <paramref name="user"/> and waits until the app has let them in.</summary>
    public static async Task LoginAsync(IPage page, Uri app, TestUser user, string then = "")
    {
        await page.GotoAsync(new Uri(app, "login?returnUrl=" + Uri.EscapeDataString("/" + then)).ToString());
        await page.Locator("#user-name").FillAsync(user.UserName);
        await page.Locator("#password").FillAsync(user.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
    }

    /// <summary>Creates a person of <paramref name="role"/> and logs <paramref name="page"/> in as them.</summary>
    public static async Task<TestUser> LoginAsAsync(IPage page, Uri app, NpgsqlDataSource db, string role, string then = "")
    {
        var user = await TestUsers.CreateAsync(db, role);
        await LoginAsync(page, app, user, then);
        return user;
    }

    /// <summary>Signs a browser context in as a wall screen (a new kiosk credential), without loading
    /// a page: the kiosk link's cookie is put into the context. Returns the credential's id.</summary>
    public static async Task<long> SignInAsKioskAsync(IBrowserContext context, Uri app, NpgsqlDataSource db)
    {
        var (id, cookie) = await KioskCookieAsync(app, db);
        await context.AddCookiesAsync([new Cookie { Name = cookie.Name, Value = cookie.Value, Url = app.GetLeftPart(UriPartial.Authority) }]);
        return id;
    }

    /// <summary>A new kiosk credential and the authentication cookie its link sets (for clients that are
    /// not browsers, e.g. the Node hub client: send it as a Cookie header).</summary>
    public static async Task<(long KioskId, Cookie Cookie)> KioskCookieAsync(Uri app, NpgsqlDataSource db)
    {
        var (id, token) = await TestUsers.CreateKioskAsync(db);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app };
        using var response = await http.GetAsync(KioskStore.LinkPrefix.TrimStart('/') + token);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"the kiosk link was refused: {(int)response.StatusCode}");
        var pair = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cc.auth=", StringComparison.Ordinal)).Split(';')[0];
        var eq = pair.IndexOf('=', StringComparison.Ordinal);
        return (id, new Cookie { Name = pair[..eq], Value = pair[(eq + 1)..] });
    }
}
