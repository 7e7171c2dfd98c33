using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.Tests.Walls;

/// <summary>Session cookies ("cc.auth=…") for SignalR clients, which carry a Cookie header rather than a jar.</summary>
public static class WallCookies
{
    public static async Task<(long KioskId, string Cookie)> KioskAsync(WebApp web, string name = "测试大屏")
    {
        var (id, token) = await TestUsers.CreateKioskAsync(web.Database.DataSource, name);
        var response = await web.CreateClient(handleCookies: false).GetAsync(KioskStore.LinkPrefix + token);
        return (id, AuthCookie(response));
    }

    public static async Task<string> PersonAsync(WebApp web, string role)
    {
        var user = await TestUsers.CreateAsync(web.Database.DataSource, role);
        var client = web.CreateClient(handleCookies: false);
        var form = await client.GetAsync("/login");
        var antiforgery = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = WebApp.AntiforgeryToken(await form.Content.ReadAsStringAsync()),
                ["Input.UserName"] = user.UserName,
                ["Input.Password"] = user.Password,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        return AuthCookie(await client.SendAsync(post));
    }

    private static string AuthCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cc.auth=", StringComparison.Ordinal)).Split(';')[0];
}
