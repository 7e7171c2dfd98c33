using CommandCenter.Core.Security;
using CommandCenter.Core.Time;
using CommandCenter.Core.Walls;
using CommandCenter.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommandCenter.Features.WallControl;

public sealed partial class WallControlPage
{
    [Inject] private WallStore Store { get; set; } = null!;
    [Inject] private WallDirector Director { get; set; } = null!;
    [Inject] private WallPresenceStore Presence { get; set; } = null!;
    [Inject] private IOptions<WallOptions> Options { get; set; } = null!;
    [Inject] private CurrentActor Actor { get; set; } = null!;
    [Inject] private NpgsqlDataSource Db { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider Auth { get; set; } = null!;

    private static readonly int[] DurationChoices = [1, 5, 15, 30, 60];
    private long Target { get; set; }
    private int Minutes { get; set; } = 5;
    private string? GridInput { get; set; }
    private string? CaseInput { get; set; }
    private string? Error { get; set; }
    private string? Notice { get; set; }
    private IReadOnlyList<WallPresence> Walls { get; set; } = [];
    private IReadOnlyList<WallCommand> InForce { get; set; } = [];
    private IReadOnlyList<WallCommand> History { get; set; } = [];
    private IReadOnlyList<(string Code, string Name, int Grids)> Regions { get; set; } = [];
    private IReadOnlyList<(string Code, string Name)> Grids { get; set; } = [];
    private IReadOnlyList<(string Code, string Name, int Open)> BusyGrids { get; set; } = [];
    private IReadOnlyList<(long Id, string Title)> UrgentCases { get; set; } = [];
    private IDisposable? _subscription;
    private bool _interactive; // tests (and people) act once the circuit is up: clicks before it do nothing

    protected override void OnAfterRender(bool firstRender)
    {
        if (!firstRender) return;
        _interactive = true;
        StateHasChanged();
    }

    protected override async Task OnInitializedAsync()
    {
        Minutes = Math.Max(1, (int)Math.Round(Options.Value.DefaultDuration.TotalMinutes));
        if (!DurationChoices.Contains(Minutes)) Minutes = 5;
        await LoadListsAsync();
        await RefreshAsync();
        _subscription = Director.Subscribe(list => _ = InvokeAsync(async () => { await RefreshAsync(); StateHasChanged(); }));
    }

    private async Task FocusGridAsync()
    {
        var text = GridInput?.Trim() ?? "";
        var grid = Grids.FirstOrDefault(g => g.Code.Equals(text, StringComparison.OrdinalIgnoreCase) || g.Name == text);
        if (grid.Code is null)
        {
            Error = text.Length == 0 ? "请输入网格编码或名称（如 G001）。" : $"找不到网格「{text}」：请输入网格编码（如 G001）或完整的网格名称。";
            return;
        }
        await SendAsync(new WallCommandRequest(WallCommandKinds.Focus, GridCode: grid.Code));
    }

    private async Task SpotlightAsync()
    {
        var text = (CaseInput ?? "").Trim().TrimStart('#');
        if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            Error = $"事件编号「{CaseInput}」无效：请输入数字编号（如 1024）。";
            return;
        }
        await SendAsync(new WallCommandRequest(WallCommandKinds.Spotlight, CaseId: id));
    }

    private async Task SendAsync(WallCommandRequest request)
    {
        (Error, Notice) = (null, null);
        try
        {
            var user = (await Auth.GetAuthenticationStateAsync()).User;
            var command = await Store.SendAsync(request with { KioskId = Target == 0 ? null : Target, DurationSeconds = Minutes * 60 },
                await Actor.GetAsync(), CancellationToken.None, WallEndpoints.IssuedBy(user));
            Director.Poke();
            Notice = $"已发送：{command.Label} → {WallName(command.KioskId)}，{Local(command.ExpiresAt)} 自动恢复。";
        }
        catch (WallCommandException ex) { Error = ex.Message; }
        catch (NpgsqlException) { Error = "数据库暂时无法访问，指令未发送，请稍后重试。"; }
        await RefreshAsync();
    }

    private async Task ReleaseAsync(WallCommand c)
    {
        (Error, Notice) = (null, null);
        try
        {
            Notice = await Store.ReleaseAsync(c.Id, await Actor.GetAsync(), CancellationToken.None)
                ? $"已解除：{c.Label}，大屏恢复正常态势。" : "该指令已结束。";
            Director.Poke();
        }
        catch (WallCommandException ex) { Error = ex.Message; }
        catch (NpgsqlException) { Error = "数据库暂时无法访问，指令未解除，请稍后重试。"; }
        await RefreshAsync();
    }

    private async Task RefreshAsync()
    {
        try
        {
            InForce = await Store.InForceAsync(Clock.GetUtcNow(), CancellationToken.None);
            History = await Store.RecentAsync(12, CancellationToken.None);
            Walls = await Presence.ListAsync(CancellationToken.None);
        }
        catch (NpgsqlException) { Error = "数据库暂时无法访问，列表未更新。"; }
    }

    private async Task LoadListsAsync()
    {
        await using var conn = await Db.OpenConnectionAsync();
        var regions = new List<(string, string, int)>();
        await using (var cmd = new NpgsqlCommand("SELECT r.code, r.name, (SELECT count(*)::int FROM grids g WHERE g.region_code = r.code) FROM regions r ORDER BY r.code", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) regions.Add((r.GetString(0), r.GetString(1), r.GetInt32(2)));
        var grids = new List<(string, string)>();
        await using (var cmd = new NpgsqlCommand("SELECT code, name FROM grids ORDER BY code", conn))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) grids.Add((r.GetString(0), r.GetString(1)));
        var busy = new List<(string, string, int)>();
        await using (var cmd = new NpgsqlCommand($"""
            SELECT g.code, g.name, count(*)::int FROM cases c JOIN grids g ON g.code = c.grid_code
            WHERE {Core.Kpis.KpiCalculator.OpenAtNow} GROUP BY g.code, g.name ORDER BY count(*) DESC, g.code LIMIT 8
            """, conn))
        {
            cmd.Parameters.AddWithValue("now", Clock.GetUtcNow());
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) busy.Add((r.GetString(0), r.GetString(1), r.GetInt32(2)));
        }
        var urgent = new List<(long, string)>();
        await using (var cmd = new NpgsqlCommand($"""
            SELECT c.id, c.title FROM cases c WHERE {Core.Kpis.KpiCalculator.OpenAtNow} AND c.priority = 1
            ORDER BY c.reported_at DESC LIMIT 6
            """, conn))
        {
            cmd.Parameters.AddWithValue("now", Clock.GetUtcNow());
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync())
            {
                var title = Core.Privacy.Masking.FreeText(r.GetString(1)) ?? "";
                urgent.Add((r.GetInt64(0), title.Length > 16 ? title[..16] + "…" : title));
            }
        }
        (Regions, Grids, BusyGrids, UrgentCases) = (regions, grids, busy, urgent);
    }

    private bool Online(WallPresence w) => w.OnlineAt(Clock.GetUtcNow(), Options.Value.OfflineAfter);

    private string WallName(long? kioskId) => kioskId is null ? "全部大屏" : Walls.FirstOrDefault(w => w.KioskId == kioskId)?.Name ?? $"大屏 #{kioskId}";

    private static string Local(DateTimeOffset t) => Shanghai.ToLocal(t).ToString("HH:mm:ss");

    public void Dispose() => _subscription?.Dispose();
}
