using System.Net;
using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.Tests.Security;

public sealed class LoginFlowTests(PostgisDatabase db) : WebAppTests(db)
{
    [Fact]
    public async Task Anonymous_page_request_is_redirected_to_login_with_the_return_url()
    {
        var response = await Web.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/login?returnUrl=%2F", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Login_form_is_public_and_carries_the_security_headers()
    {
        var response = await Web.CreateClient().GetAsync("/login");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Contains("__RequestVerificationToken", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/_framework/blazor.web.js")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js")]
    [InlineData("/js/idle.js")]
    public async Task Scripts_and_styles_are_public(string path)
    {
        var response = await Web.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 100, $"{path} answered with an empty body");
    }

    [Fact]
    public async Task Anonymous_visitors_cannot_open_a_blazor_circuit()
    {
        var response = await Web.CreateClient().PostAsync("/_blazor/negotiate?negotiateVersion=1", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Correct_password_signs_in_with_an_httponly_samesite_cookie_and_returns_to_the_page_asked_for()
    {
        var user = await TestUsers.CreateAsync(Db.DataSource, Roles.Officer);
        var client = Web.CreateClient();

        var response = await WebApp.PostLoginAsync(client, user.UserName, user.Password, returnUrl: "/admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", response.Headers.Location!.PathAndQuery);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cc.auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase); // a browser-session cookie
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Return_url_to_another_site_is_ignored()
    {
        var user = await TestUsers.CreateAsync(Db.DataSource, Roles.Leader);

        var response = await WebApp.PostLoginAsync(Web.CreateClient(), user.UserName, user.Password, returnUrl: "//evil.example/x");

        Assert.Equal("/", response.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task Wrong_password_shows_one_message_for_unknown_users_and_wrong_passwords()
    {
        var user = await TestUsers.CreateAsync(Db.DataSource, Roles.Officer);

        var wrong = await WebApp.PostLoginAsync(Web.CreateClient(), user.UserName, "Wrong-password-1");
        var unknown = await WebApp.PostLoginAsync(Web.CreateClient(), "nobody-" + Guid.NewGuid().ToString("N")[..8], "Wrong-password-1");

        var body = await wrong.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("用户名或密码错误", body);
        Assert.Contains("用户名或密码错误", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_post_without_antiforgery_token_is_refused()
    {
        var user = await TestUsers.CreateAsync(Db.DataSource, Roles.Officer);
        var client = Web.CreateClient();

        var response = await client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login", ["Input.UserName"] = user.UserName, ["Input.Password"] = user.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(response.Headers.TryGetValues("Set-Cookie", out var c) ? c.Where(x => x.StartsWith("cc.auth=", StringComparison.Ordinal)) : []);
    }

    [Fact]
    public async Task Logout_ends_the_session_so_a_copied_cookie_no_longer_works()
    {
        var user = await TestUsers.CreateAsync(Db.DataSource, Roles.Officer);
        var client = Web.CreateClient();
        var login = await WebApp.PostLoginAsync(client, user.UserName, user.Password);
        var copied = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cc.auth=", StringComparison.Ordinal)).Split(';')[0];

        var before = await Replay(copied);
        var page = await client.GetStringAsync("/");
        var logout = await client.PostAsync("/account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebApp.AntiforgeryToken(page),
        }));
        var after = await Replay(copied);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.StartsWith("/login", logout.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/login", after.Headers.Location!.ToString());
    }

    // Issue 12, finding 3: POST /account/logout worked without an antiforgery token, so any site could
    // sign a person out with a hidden form.
    [Theory]
    [InlineData(null)]
    [InlineData("forged-token")]
    public async Task Logout_without_a_valid_antiforgery_token_is_refused_and_the_session_stands(string? token)
    {
        var client = await Web.LoginAsAsync(Roles.Officer);

        var logout = await client.PostAsync("/account/logout", new FormUrlEncodedContent(
            token is null ? [] : new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var page = await client.GetAsync("/cases");

        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Logout_by_get_is_not_a_logout()
    {
        var client = await Web.LoginAsAsync(Roles.Officer);

        await client.GetAsync("/account/logout");
        var page = await client.GetAsync("/cases");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task A_one_time_password_must_be_replaced_before_anything_else()
    {
        var user = await TestUsers.CreateAsync(Db.DataSource, Roles.Admin, mustChangePassword: true);
        var client = Web.CreateClient();

        var login = await WebApp.PostLoginAsync(client, user.UserName, user.Password);
        var home = await client.GetAsync("/");
        var form = await client.GetStringAsync("/account/password");
        var change = await client.PostAsync("/account/password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "password",
            ["__RequestVerificationToken"] = WebApp.AntiforgeryToken(form),
            ["Input.Current"] = user.Password,
            ["Input.Replacement"] = "Brand-new-Passw0rd",
            ["Input.Confirm"] = "Brand-new-Passw0rd",
        }));
        var homeAfter = await client.GetAsync("/");

        Assert.Equal("/account/password", login.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Contains("/account/denied", home.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal(HttpStatusCode.OK, homeAfter.StatusCode);
    }

    private async Task<HttpResponseMessage> Replay(string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        return await Web.CreateClient(handleCookies: false).SendAsync(request);
    }
}
