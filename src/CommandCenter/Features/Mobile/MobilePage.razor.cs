using CommandCenter.Core.Cases;
using CommandCenter.Core.Security;
using CommandCenter.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Npgsql;

namespace CommandCenter.Features.Mobile;

/// <summary>/m, the grid worker's phone page: 上报事件, 巡查 and 我的网格 behind a thumb-sized tab bar.
/// Kept light for a slow mobile network: no map, no chart library, one small module for the position.</summary>
public sealed partial class MobilePage : IDisposable
{
    [Inject] private AuthenticationStateProvider Auth { get; set; } = null!;
    [Inject] private SignedInUnit Units { get; set; } = null!;
    [Inject] private WorkerDesk Desk { get; set; } = null!;
    [Inject] private NpgsqlDataSource Db { get; set; } = null!;

    private enum Tab { Report, Patrol, Campaign, Cases }

    private sealed record Me(UnitBinding Binding, string DisplayName, string UserName);

    private Tab _tab = Tab.Report;
    private Me? _me;
    private CaseLookups? _lookups;
    private IReadOnlyList<WorkerGrid> _grids = [];
    private string? _loadFailed;
    private readonly CancellationTokenSource _stop = new();

    protected override async Task OnInitializedAsync()
    {
        var user = (await Auth.GetAuthenticationStateAsync()).User;
        if (await Units.FindAsync(user, _stop.Token) is not { } unit)
        {
            _loadFailed = "此账号未绑定网格，请联系管理员。";
            return;
        }
        // Published together: a render between the two reads would show "未分配网格" and a form without the worker's grids.
        var lookups = await CaseLookups.LoadAsync(Db, _stop.Token);
        var grids = await Desk.GridsAsync(unit.Binding, _stop.Token);
        (_me, _lookups, _grids) = (new Me(unit.Binding, unit.DisplayName, unit.UserName), lookups, grids);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
