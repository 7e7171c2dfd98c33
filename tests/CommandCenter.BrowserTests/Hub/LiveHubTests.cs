using System.Text.Json;
using CommandCenter.BrowserTests.Infrastructure;

namespace CommandCenter.BrowserTests.Hub;

/// <summary>/hubs/live from the .NET SignalR client, as a non-Blazor screen would use it.</summary>
public sealed class LiveHubTests(WallFixture wall) : IClassFixture<WallFixture>
{
    [Fact]
    public async Task A_hub_client_gets_a_snapshot_then_a_masked_delta_for_a_new_case()
    {
        var (_, cookie) = await BrowserLogin.KioskCookieAsync(wall.Web.BaseAddress, wall.DataSource);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await using var hub = await LiveHubClient.ConnectAsync(wall.Web.BaseAddress, $"{cookie.Name}={cookie.Value}", timeout.Token);
        var snapshot = await hub.NextAsync("snapshot", _ => true, timeout.Token);
        Assert.Equal(133, snapshot.GetProperty("grids").EnumerateObject().Count());
        var acceptedBefore = snapshot.GetProperty("kpis").GetProperty("accepted").GetInt32();

        var grid = wall.Grids[119].Code;
        long[] ids = [await wall.PostIncidentAsync("hub-new-case", grid, priority: 1, reporterName: "张三", reporterPhone: "13912345678")];
        // The new case and its grid's colour may arrive in one delta or in two consecutive ones (the snapshot can be
        // read just before the case commits, its grid then follows with the next refresh): read deltas until both.
        JsonElement? withCase = null, withGrid = null;
        while (withCase is null || withGrid is null)
        {
            var next = await hub.NextAsync("delta", _ => true, timeout.Token);
            if (next.GetProperty("cases").EnumerateArray().Any(c => c.GetProperty("id").GetInt64() == ids[0])) withCase ??= next;
            if (next.GetProperty("grids").TryGetProperty(grid, out var g) && g.GetProperty("level").GetString() == "urgent") withGrid ??= next;
        }

        var delta = withCase.Value;
        var shown = delta.GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("id").GetInt64() == ids[0]);
        Assert.Equal("张*", shown.GetProperty("reporter").GetString());
        Assert.Equal("139****5678", shown.GetProperty("phone").GetString());
        Assert.DoesNotContain("13912345678", delta.GetRawText());
        Assert.True(withGrid.Value.GetProperty("grids").EnumerateObject().Count() < 133, "a delta carries only the grids that changed");
        Assert.True(withGrid.Value.GetProperty("kpis").GetProperty("accepted").GetInt32() > acceptedBefore);
    }
}
