using System.Globalization;
using System.Text.Json;
using CommandCenter.BrowserTests.Infrastructure;
using CommandCenter.BrowserTests.Pages;
using CommandCenter.Core.Ingest;
using CommandCenter.Tests.Cluster;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CommandCenter.BrowserTests.Cluster;

/// <summary>The cluster of ./cluster.sh on its own ports (5360–5367): the integration tests' cluster lives in the
/// other test project, which runs at another time.</summary>
public sealed class BrowserClusterFixture : ClusterFixture
{
    protected override int BasePort => 5360;
}

/// <summary>Issue 17: a wall on a web node that dies must come back by itself through nginx — a Chromium wall,
/// as it hangs in the hall: its Blazor circuit is gone with the node, so the page has to reconnect (and reload)
/// through nginx onto the other node and show new cases again, with nobody touching it.</summary>
[Trait("Category", "Cluster")]
public sealed class ClusterWallTests(BrowserClusterFixture cluster) : IClassFixture<BrowserClusterFixture>, IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    public async Task InitializeAsync() => (_playwright, _browser) = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Fact]
    public async Task A_chromium_wall_whose_web_node_is_killed_heals_through_nginx_on_the_other_without_a_touch()
    {
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1920, Height = 1080 } });
        await BrowserLogin.SignInAsKioskAsync(context, cluster.WebUrl, cluster.PrimaryDb);
        var screen = new ScreenPage(await context.NewPageAsync(), cluster.WebUrl);
        await screen.OpenAsync();
        var before = await screen.TileNumberAsync("今日受理");
        // The node nginx pins this browser to (its cc_node cookie, sent by the context's own request).
        var node = await UpstreamAsync(context);

        cluster.Kill(node);

        // A case arrives while the wall is cut off from its node; the wall must show it once it has healed.
        var key = (await new ApiKeyStore(cluster.PrimaryDb).CreateAsync($"wall-{Guid.NewGuid():N}"[..13], "cluster wall test", CancellationToken.None)).Key;
        await PostIncidentAsync(key);
        await Expect(screen.Tile("今日受理")).ToHaveTextAsync($"{before + 1}件", new() { Timeout = 90_000 });
        // The circuit died with the node, so the page reloaded itself; it must be drawn and live again, not just
        // the server-rendered numbers.
        await screen.OpenAsyncAfterReload();
        await Expect(screen.Grids).ToHaveCountAsync(133);
        await Expect(screen.StaleMark).ToBeHiddenAsync();
        await Expect(screen.Page).ToHaveURLAsync(new Uri(cluster.WebUrl, "screen").ToString());
        Assert.NotEqual(node, await UpstreamAsync(context));
        await screen.ScreenshotAsync("cluster-wall-healed-1920x1080.png");

        // And it stays live on the survivor: the next case arrives over the new circuit, with no further reload.
        await screen.Page.EvaluateAsync("() => window.ccHealedPage = true");
        await PostIncidentAsync(key);
        await Expect(screen.Tile("今日受理")).ToHaveTextAsync($"{before + 2}件");
        Assert.True(await screen.Page.EvaluateAsync<bool>("() => window.ccHealedPage === true"));
        await context.CloseAsync();
    }

    private async Task<int> UpstreamAsync(IBrowserContext context)
    {
        var response = await context.APIRequest.GetAsync(new Uri(cluster.WebUrl, "healthz").ToString());
        var upstream = response.Headers["x-upstream"];
        return int.Parse(upstream.Split(',')[^1].Trim().Split(':')[^1], CultureInfo.InvariantCulture);
    }

    private async Task PostIncidentAsync(string key)
    {
        var record = JsonSerializer.Serialize(new
        {
            externalId = $"wall-{Guid.NewGuid():N}",
            channel = "网格员巡查",
            category = "sewer",
            title = "集群大屏测试：下水道堵塞",
            lon = 119.9052,
            lat = 31.0047,
            reportedAt = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        });
        using var http = new HttpClient { BaseAddress = cluster.IngestUrl, Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/incidents")
        {
            Content = new StringContent(record + "\n", System.Text.Encoding.UTF8, "application/x-ndjson"),
        };
        request.Headers.Add("X-Api-Key", key);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode && body.Contains("\"accepted\":1", StringComparison.Ordinal), $"ingest: {(int)response.StatusCode} {body}");
    }
}
