using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Security;
using CommandCenter.Core.Walls;
using CommandCenter.Features.WallControl;
using CommandCenter.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CommandCenter.Tests.Walls;

/// <summary>Wall control end to end through the app: commands sent over HTTP and the hub, followed by walls
/// on the hub and by <c>/api/walls/current</c>, audited, announced on the change feed; a wall screen can
/// receive but never send.</summary>
public sealed class WallCommandTests(PostgisDatabase db) : WebAppTests(db)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SampleData.EnsureGridsAsync(Db.DataSource);
        // Tests of the class share the database: each starts with no command in force (they run one at a time).
        await ScalarAsync("WITH ended AS (UPDATE wall_commands SET released_at = now(), released_by = 'test' WHERE released_at IS NULL RETURNING 1) SELECT count(*) FROM ended");
        await Web.Services.GetRequiredService<WallDirector>().Loaded.WaitAsync(Wait);
    }

    [Fact]
    public async Task An_officer_focuses_a_grid_over_http_and_walls_follow_it_with_an_audit_line_and_a_feed_entry()
    {
        var (kioskId, cookie) = await WallCookies.KioskAsync(Web);
        await using var wall = await WallHubClient.ConnectAsync(Web, cookie);
        var officer = await Web.LoginAsAsync(Roles.Officer);

        var response = await officer.PostAsJsonAsync("/api/walls/commands", new WallCommandRequest(WallCommandKinds.Focus, GridCode: "G007"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await wall.WaitForAsync(id, Wait);
        var kiosk = (await Web.KioskAsync()).Client;
        var current = await kiosk.GetFromJsonAsync<JsonElement>("/api/walls/current");
        Assert.Equal(id, current.GetProperty("id").GetInt64());
        Assert.Equal("聚焦网格 第7网格", current.GetProperty("label").GetString());
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'wall.command' AND target = '聚焦网格 第7网格' AND actor_role = 'officer'"));
        Assert.Equal(1L, await ScalarAsync($"SELECT count(*) FROM change_log WHERE kind = '{ChangeKinds.WallCommand}' AND (payload->>'commandId')::bigint = {id}"));
        Assert.True(kioskId > 0);
    }

    [Fact]
    public async Task A_wall_screen_can_receive_but_never_send_neither_over_http_nor_through_the_hub()
    {
        var kiosk = (await Web.KioskAsync()).Client;
        var (_, cookie) = await WallCookies.KioskAsync(Web);
        await using var wall = await WallHubClient.ConnectAsync(Web, cookie);
        var before = await ScalarAsync("SELECT count(*) FROM wall_commands");

        using var http = new HttpRequestMessage(HttpMethod.Post, "/api/walls/commands") { Content = JsonContent.Create(new WallCommandRequest(WallCommandKinds.Scene)) };
        http.Headers.Accept.ParseAdd("application/json");
        var post = await kiosk.SendAsync(http);
        using var release = new HttpRequestMessage(HttpMethod.Post, "/api/walls/commands/1/release");
        release.Headers.Accept.ParseAdd("application/json");
        var released = await kiosk.SendAsync(release);
        var send = await Assert.ThrowsAsync<HubException>(() => wall.Connection.InvokeAsync<JsonElement>("Send", new WallCommandRequest(WallCommandKinds.Scene)));
        var rel = await Assert.ThrowsAsync<HubException>(() => wall.Connection.InvokeAsync<bool>("Release", 1L));

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, released.StatusCode);
        Assert.Contains("unauthorized", send.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("unauthorized", rel.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await ScalarAsync("SELECT count(*) FROM wall_commands"));
        Assert.True(wall.Connection.State == HubConnectionState.Connected, "a refused call does not cost the wall its connection");
    }

    [Fact]
    public async Task Even_called_directly_the_store_refuses_a_wall_screen_and_audits_the_attempt()
    {
        var store = Web.Services.GetRequiredService<WallStore>();

        var ex = await Assert.ThrowsAsync<WallCommandException>(() =>
            store.SendAsync(new WallCommandRequest(WallCommandKinds.Scene), new AuditActor("kiosk:大厅", Roles.Kiosk, "10.0.0.9"), CancellationToken.None));

        Assert.Equal("只有值班员和领导可以向大屏发送指令", ex.Message);
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM audit_log WHERE action = 'wall.refused' AND actor = 'kiosk:大厅' AND NOT succeeded"));
    }

    [Fact]
    public async Task An_officer_sends_through_the_hub_and_a_leader_releases_it()
    {
        var (_, wallCookie) = await WallCookies.KioskAsync(Web);
        await using var wall = await WallHubClient.ConnectAsync(Web, wallCookie);
        await using var desk = await WallHubClient.ConnectAsync(Web, await WallCookies.PersonAsync(Web, Roles.Officer));
        await using var leader = await WallHubClient.ConnectAsync(Web, await WallCookies.PersonAsync(Web, Roles.Leader));

        var sent = await desk.Connection.InvokeAsync<JsonElement>("Send", new WallCommandRequest(WallCommandKinds.Focus, RegionCode: "P2"));
        var id = sent.GetProperty("id").GetInt64();
        await wall.WaitForAsync(id, Wait);
        var released = await leader.Connection.InvokeAsync<bool>("Release", id);
        await wall.WaitForAsync(null, Wait);

        Assert.Equal("聚焦片区 西片", sent.GetProperty("label").GetString());
        Assert.True(released);
        Assert.Equal(1L, await ScalarAsync($"SELECT count(*) FROM audit_log WHERE action = 'wall.release' AND actor_role = 'leader' AND details->>'command' = '{id}'"));
    }

    [Fact]
    public async Task A_command_stored_by_another_web_node_reaches_this_nodes_walls_through_the_change_feed()
    {
        var (_, cookie) = await WallCookies.KioskAsync(Web);
        await using var wall = await WallHubClient.ConnectAsync(Web, cookie);
        // Another node: its own store over the same database; nothing in this process is told directly.
        var otherNode = new WallStore(Db.DataSource, TimeProvider.System, Options.Create(new WallOptions()));

        var command = await otherNode.SendAsync(new WallCommandRequest(WallCommandKinds.Scene, RegionCode: "P3"),
            new AuditActor("officer-on-node-2", Roles.Officer, "10.0.0.2"), CancellationToken.None);

        await wall.WaitForAsync(command.Id, Wait);
    }

    [Fact]
    public async Task A_wall_that_connects_later_or_reconnects_picks_up_the_command_in_force()
    {
        var officer = await Web.LoginAsAsync(Roles.Officer);
        var response = await officer.PostAsJsonAsync("/api/walls/commands", new WallCommandRequest(WallCommandKinds.Scene, RegionCode: "P1"));
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var director = Web.Services.GetRequiredService<WallDirector>();
        for (var until = DateTime.UtcNow + Wait; director.CurrentFor(null)?.Id != id && DateTime.UtcNow < until;) await Task.Delay(50);

        var (_, cookie) = await WallCookies.KioskAsync(Web);
        await using var wall = await WallHubClient.ConnectAsync(Web, cookie);

        await wall.WaitForAsync(id, Wait);
    }

    [Fact]
    public async Task A_command_to_one_wall_leaves_the_other_walls_as_they_were()
    {
        var (hallId, hallCookie) = await WallCookies.KioskAsync(Web, "指挥大厅主屏");
        var (_, dutyCookie) = await WallCookies.KioskAsync(Web, "值班室副屏");
        await using var hall = await WallHubClient.ConnectAsync(Web, hallCookie);
        await using var duty = await WallHubClient.ConnectAsync(Web, dutyCookie);
        await duty.WaitForAsync(null, Wait);
        var officer = await Web.LoginAsAsync(Roles.Officer);

        var response = await officer.PostAsJsonAsync("/api/walls/commands", new WallCommandRequest(WallCommandKinds.Focus, KioskId: hallId, GridCode: "G001"));
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await hall.WaitForAsync(id, Wait);

        Assert.Null(duty.LatestId);
        Assert.Null(Web.Services.GetRequiredService<WallDirector>().CurrentFor(null));
    }

    [Theory]
    [InlineData("""{"kind":"focus","gridCode":"G999"}""", "网格 G999 不存在")]
    [InlineData("""{"kind":"focus"}""", "聚焦需要选择一个网格或片区")]
    [InlineData("""{"kind":"spotlight","caseId":987654321}""", "事件 #987654321 不存在")]
    [InlineData("""{"kind":"scene","durationSeconds":999999}""", "持续时间须在 5 秒到 240 分钟之间（收到 999999 秒）")]
    [InlineData("""{"kind":"dance"}""", "未知的指令类型「dance」（可用：focus、spotlight、scene）")]
    [InlineData("""{"kind":"scene","kioskId":424242}""", "大屏 #424242 不存在或已撤销")]
    public async Task A_command_that_cannot_be_followed_is_refused_with_a_chinese_reason_and_nothing_stored(string body, string reason)
    {
        var officer = await Web.LoginAsAsync(Roles.Officer);
        var before = await ScalarAsync("SELECT count(*) FROM wall_commands");

        var response = await officer.PostAsync("/api/walls/commands", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(reason, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        Assert.Equal(before, await ScalarAsync("SELECT count(*) FROM wall_commands"));
    }

    [Fact]
    public async Task A_wall_reports_heartbeats_with_its_position_and_a_person_cannot_report_for_a_wall()
    {
        var (kioskId, cookie) = await WallCookies.KioskAsync(Web, "心跳测试屏");
        await using var wall = await WallHubClient.ConnectAsync(Web, cookie);
        await using var desk = await WallHubClient.ConnectAsync(Web, await WallCookies.PersonAsync(Web, Roles.Officer));

        await wall.Connection.InvokeAsync("Heartbeat", 4242L);
        var refused = await Assert.ThrowsAsync<HubException>(() => desk.Connection.InvokeAsync("Heartbeat", 1L));

        var presence = (await Web.Services.GetRequiredService<WallPresenceStore>().ListAsync(CancellationToken.None)).Single(w => w.KioskId == kioskId);
        Assert.Equal(4242L, presence.Position);
        Assert.True(presence.OnlineAt(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(20)));
        Assert.Equal("心跳测试屏", presence.Name);
        Assert.Contains("unauthorized", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_spotlighted_case_reaches_the_wall_with_its_timeline_and_personal_data_masked()
    {
        var caseId = (await SampleData.AddCasesAsync(Db.DataSource, [new CaseSpec(DateTimeOffset.UtcNow.AddMinutes(-30))
        {
            Grid = "G003", Title = "楼道堆物，联系人13812345678", ReporterName = "张三丰", ReporterPhone = "13812345678", Lon = 119.886, Lat = 31.002,
        }]))[0];
        var command = await Web.Services.GetRequiredService<WallStore>().SendAsync(new WallCommandRequest(WallCommandKinds.Spotlight, CaseId: caseId),
            new AuditActor("zhang", Roles.Officer, null), CancellationToken.None);

        var view = await Web.Services.GetRequiredService<WallViewLoader>().LoadAsync(command, CancellationToken.None);

        Assert.NotNull(view.Spotlight);
        Assert.Equal(119.886, view.Focus!.Lon!.Value, 6);
        var shown = JsonSerializer.Serialize(view);
        Assert.DoesNotContain("13812345678", shown);
        Assert.DoesNotContain("张三丰", shown);
        Assert.Contains("138****5678", shown);
        Assert.DoesNotContain("13812345678", command.Label);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var cmd = Db.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
