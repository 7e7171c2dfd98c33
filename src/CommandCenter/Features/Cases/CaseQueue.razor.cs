using CommandCenter.Shared.Live;
using CommandCenter.Core.Cases;
using CommandCenter.Core.ChangeFeed;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web.Virtualization;
using Npgsql;

namespace CommandCenter.Features.Cases;

/// <summary>The duty queue: open cases, most urgent first, paged from the database as the officer scrolls.
/// It follows the change feed (bursts coalesced into one refresh) and alerts with a sound, a highlight and a
/// flashing title when a new 紧急 case arrives.</summary>
public sealed partial class CaseQueue
{
    [Inject] private CaseQueries Queries { get; set; } = null!;
    [Inject] private CaseActions Actions { get; set; } = null!;
    [Inject] private IChangeFeed Feed { get; set; } = null!;
    [Inject] private NpgsqlDataSource Db { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private DutyOfficer Officer { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;
    [Inject] private ILogger<CaseQueue> Logger { get; set; } = null!;

    private static readonly IReadOnlyList<string> QueueKeys = ["j", "k", "ArrowDown", "ArrowUp", "Enter", "a", "/", "n", "u", "o", "Escape"];
    private static readonly Dictionary<short, string> Priorities = new() { [1] = "紧急", [2] = "较急", [3] = "一般" };
    private static readonly TimeSpan FlashFor = TimeSpan.FromMinutes(5);

    private CaseKeys? _keys;
    private Virtualize<CaseQueueRow>? _list;
    private CaseLookups? _lookups;
    private List<CaseLookups.Item> _statuses = [];
    private CaseQueueFilter _filter = new();
    private int _total;
    private readonly Dictionary<int, CaseQueueRow> _rows = [];   // what the list has loaded, by index
    private int _selected = -1;
    private long? _selectedId;
    private readonly HashSet<long> _knownUrgent = [];
    private readonly Dictionary<long, DateTimeOffset> _flash = [];
    private bool _sound = true;
    private string? _message;
    private IDisposable? _subscription;
    private PeriodicTimer? _tick;
    private readonly CancellationTokenSource _stop = new();
    private CoalescedRefresh _refresh = null!;

    private DateTimeOffset Now => Clock.GetUtcNow();

    private IEnumerable<CaseLookups.Item> Communities =>
        _lookups?.Communities.Where(c => _filter.RegionCode is null || c.Parent == _filter.RegionCode) ?? [];

    private IEnumerable<CaseLookups.Item> Grids => _lookups?.Grids.Where(g =>
        _filter.CommunityCode is not null ? g.Parent == _filter.CommunityCode
        : _filter.RegionCode is null || Communities.Any(c => c.Code == g.Parent)) ?? [];

    protected override async Task OnInitializedAsync()
    {
        _statuses = [.. CaseStatus.All.Select(s => new CaseLookups.Item(s, CaseStatus.Label(s)))];
        _lookups = await CaseLookups.LoadAsync(Db, _stop.Token);
        _knownUrgent.UnionWith(await Queries.UrgentWaitingAsync(_stop.Token));
        _refresh = new CoalescedRefresh(InvokeAsync, RefreshAsync, TimeSpan.FromMilliseconds(250), Clock, Logger, _stop.Token);
        _subscription = Feed.Subscribe(OnChangesAsync);
        _ = TickAsync();
    }

    private async ValueTask<ItemsProviderResult<CaseQueueRow>> LoadRowsAsync(ItemsProviderRequest request)
    {
        var filter = _filter;
        var total = await Queries.CountAsync(filter, request.CancellationToken);
        var rows = await Queries.PageAsync(filter, request.StartIndex, request.Count, request.CancellationToken);
        if (total != _total)
        {
            _total = total;
            _ = InvokeAsync(StateHasChanged);   // the header's count lives outside the virtualised list
        }
        for (var i = 0; i < rows.Count; i++) _rows[request.StartIndex + i] = rows[i];
        return new ItemsProviderResult<CaseQueueRow>(rows, total);
    }

    // Runs on the change-feed loop: never block it; one refresh per burst of changes.
    private Task OnChangesAsync(IReadOnlyList<ChangeEntry> entries, CancellationToken ct)
    {
        // Patrol check-ins change no case; everything else (cases, mediations, categories, grids) may.
        if (entries.All(e => e.Payload is PatrolsChange)) return Task.CompletedTask;
        _refresh.Request();
        return Task.CompletedTask;
    }

    /// <summary>A leader's 批示 reached the center: the same tone as a new urgent case, so nobody misses it.</summary>
    private async Task OnInstructionAsync(CommandCenter.Core.Notices.Notice notice)
    {
        if (_sound && _keys is not null) await _keys.BeepAsync();
    }

    private async Task RefreshAsync()
    {
        if (_stop.IsCancellationRequested) return;
        var urgent = await Queries.UrgentWaitingAsync(_stop.Token);
        var fresh = urgent.Where(id => _knownUrgent.Add(id)).ToList();
        foreach (var id in fresh) _flash[id] = Now;
        foreach (var gone in _flash.Keys.Where(id => !urgent.Contains(id) && Now - _flash[id] > FlashFor).ToList()) _flash.Remove(gone);
        _rows.Clear();
        if (_list is not null) await _list.RefreshDataAsync();
        if (fresh.Count > 0)
        {
            if (_sound && _keys is not null && !await _keys.BeepAsync())
                _message = "新紧急事件！（浏览器尚未允许声音：请在页面上按任意键或点击一次）";
            if (_keys is not null) await _keys.FlashTitleAsync($"【新紧急事件 #{fresh[0]}】");
        }
        StateHasChanged();
    }

    private async Task TickAsync()
    {
        // Relative times ("剩 3时") and the highlight's expiry move on without any change in the data.
        _tick = new PeriodicTimer(TimeSpan.FromSeconds(30), Clock);
        try
        {
            while (await _tick.WaitForNextTickAsync(_stop.Token))
                await InvokeAsync(() =>
                {
                    foreach (var id in _flash.Where(f => Now - f.Value > FlashFor).Select(f => f.Key).ToList()) _flash.Remove(id);
                    StateHasChanged();
                });
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    private async Task SetFilter(CaseQueueFilter filter)
    {
        _filter = filter with { Search = string.IsNullOrWhiteSpace(filter.Search) ? null : filter.Search.Trim() };
        _selected = -1;
        _selectedId = null;
        _rows.Clear();
        if (_list is not null) await _list.RefreshDataAsync();
    }

    private void Select(CaseQueueRow row)
    {
        _selectedId = row.Id;
        _selected = _rows.FirstOrDefault(r => r.Value.Id == row.Id).Key;
    }

    private void Open(long id)
    {
        _flash.Remove(id);
        Nav.NavigateTo($"cases/{id}");
    }

    private async Task ToggleSound()
    {
        _sound = !_sound;
        if (_sound && _keys is not null) await _keys.BeepAsync();
    }

    private string RowClass(CaseQueueRow row) =>
        "cq-row" + (row.Id == _selectedId ? " selected" : "") + (_flash.ContainsKey(row.Id) ? " flash" : "")
        + (row.Priority == 1 ? " urgent" : "") + (row.IsOverdue(Now) ? " is-overdue" : "");

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _stop.CancelAsync();
        _tick?.Dispose();
        _stop.Dispose();
    }
}
