using System.Net;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.Tests.Security;

public sealed class RateLimitTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    [Fact]
    public async Task The_login_form_answers_429_after_its_per_address_limit()
    {
        await using var web = WebApp.Create(db, settings: new Dictionary<string, string?> { ["Security:LoginPermitsPerMinute"] = "3" });
        var client = web.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
            statuses.Add((await client.GetAsync("/login")).StatusCode);
        var kiosk = await client.GetAsync("/kiosk/guessing");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, kiosk.StatusCode);
    }
}
