using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Core.Security;
using CommandCenter.Core.Walls;
using CommandCenter.Features.WallControl;
using CommandCenter.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommandCenter.Tests.Walls;

/// <summary>Walls return to normal when a command's time is up, and a silent wall shows as offline — with
/// the app's clock moved by hand, so nothing here waits for real time to pass.</summary>
public sealed class WallExpiryTests(PostgisDatabase db) : WebAppTests(db, fixedClock: true)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_wall_returns_to_the_normal_view_when_the_command_runs_out()
    {
        await SampleData.EnsureGridsAsync(Db.DataSource);
        var director = Web.Services.GetRequiredService<WallDirector>();
        await director.Loaded.WaitAsync(Wait);
        var (kioskId, cookie) = await WallCookies.KioskAsync(Web);
        await using var wall = await WallHubClient.ConnectAsync(Web, cookie);
        var officer = await Web.LoginAsAsync(Roles.Officer);
        var response = await officer.PostAsJsonAsync("/api/walls/commands", new WallCommandRequest(WallCommandKinds.Focus, GridCode: "G002", DurationSeconds: 60));
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await wall.WaitForAsync(id, Wait);

        Clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(id, director.CurrentFor(kioskId)?.Id);
        Clock.Advance(TimeSpan.FromSeconds(2));

        Assert.Null(director.CurrentFor(kioskId));
        director.Poke(); // what the director's own timer does at the expiry time
        await wall.WaitForAsync(null, Wait);
        Assert.Empty(await Web.Services.GetRequiredService<WallStore>().InForceAsync(Clock.GetUtcNow(), CancellationToken.None));
    }

    [Fact]
    public async Task A_wall_not_heard_from_shows_offline_and_a_quick_reload_keeps_its_online_since()
    {
        var (kioskId, _) = await TestUsers.CreateKioskAsync(Db.DataSource, "副屏");
        var presence = Web.Services.GetRequiredService<WallPresenceStore>();
        var window = Web.Services.GetRequiredService<IOptions<WallOptions>>().Value.OfflineAfter;
        await presence.ReportAsync(kioskId, "circuit-a", "node1", 10, "10.0.0.5", null, CancellationToken.None);
        var since = Clock.GetUtcNow();

        // A reload: the old circuit goes, a new one reports a few seconds later.
        Clock.Advance(TimeSpan.FromSeconds(3));
        await presence.DisconnectAsync(kioskId, "circuit-a", CancellationToken.None);
        Clock.Advance(TimeSpan.FromSeconds(2));
        await presence.ReportAsync(kioskId, "circuit-b", "node1", 12, "10.0.0.5", null, CancellationToken.None);
        var afterReload = await OneAsync(presence, kioskId);
        Clock.Advance(window + TimeSpan.FromSeconds(1));
        var silent = await OneAsync(presence, kioskId);

        Assert.True(afterReload.OnlineAt(Clock.GetUtcNow() - window - TimeSpan.FromSeconds(1), window));
        Assert.Equal(since, afterReload.OnlineSince);
        Assert.Equal(12, afterReload.Position);
        Assert.False(silent.OnlineAt(Clock.GetUtcNow(), window));
    }

    private static async Task<WallPresence> OneAsync(WallPresenceStore store, long kioskId) =>
        (await store.ListAsync(CancellationToken.None)).Single(w => w.KioskId == kioskId);
}
