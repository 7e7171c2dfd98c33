using CommandCenter.Shared.Live;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Core.Notices;
using CommandCenter.Core.Units;
using CommandCenter.Features.Cases;
using CommandCenter.Security;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Features.Work;

/// <summary>承办工作台: everything dispatched or summoned to the signed-in unit, with its notices. It follows the
/// change feed (bursts coalesced) and, when a notice or a new case arrives for this unit, plays the tone and
/// shows a banner.</summary>
public sealed partial class WorkList
{
    [Inject] private WorkUnit Unit { get; set; } = null!;
    [Inject] private UnitCases Cases { get; set; } = null!;
    [Inject] private NoticeStore Notices { get; set; } = null!;
    [Inject] private IChangeFeed Feed { get; set; } = null!;
    [Inject] private CurrentActor Actor { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private ILogger<WorkList> Logger { get; set; } = null!;

    private static readonly IReadOnlyList<string> WorkKeys = ["/", "Escape"];

    private CaseKeys? _keys;
    private UnitAccount? _account;
    private IReadOnlyList<WorkRow> _rows = [];
    private IReadOnlyList<Notice> _notices = [];
    private readonly HashSet<long> _seenCases = [];
    private readonly HashSet<long> _seenNotices = [];
    private readonly Dictionary<long, DateTimeOffset> _flash = [];
    private string? _search;
    private string? _banner;
    private bool _sound = true;
    private IDisposable? _subscription;
    private readonly CancellationTokenSource _stop = new();
    private CoalescedRefresh _refresh = null!;

    private int UnreadCount => _notices.Count(n => !n.IsRead);

    protected override async Task OnInitializedAsync()
    {
        _account = await Unit.GetAsync(_stop.Token);
        if (_account is null) return;
        await LoadAsync();
        _seenCases.UnionWith(_rows.Select(r => r.Id));
        _seenNotices.UnionWith(_notices.Select(n => n.Id));
        _refresh = new CoalescedRefresh(InvokeAsync, RefreshAsync, TimeSpan.FromMilliseconds(150), Clock, Logger, _stop.Token);
        _subscription = Feed.Subscribe(OnChangesAsync);
    }

    // The list as it is searched now; "download" keeps Blazor's router from treating the file as a page.
    private string ExportHref => string.IsNullOrWhiteSpace(_search) ? "work/export.csv" : $"work/export.csv?q={Uri.EscapeDataString(_search.Trim())}";

    private async Task LoadAsync()
    {
        _rows = await Cases.ListAsync(_account!.Binding, _search, _stop.Token);
        _notices = await Notices.ForUnitAsync(_account.Binding.Scope, 50, _stop.Token);
    }

    // Runs on the change-feed loop: never block it; one refresh per burst.
    private Task OnChangesAsync(IReadOnlyList<ChangeEntry> entries, CancellationToken ct)
    {
        if (entries.All(e => e.Payload is PatrolsChange or GridsChange or CategoriesChange)) return Task.CompletedTask;
        _refresh.Request();
        return Task.CompletedTask;
    }

    private async Task RefreshAsync()
    {
        if (_stop.IsCancellationRequested || _account is null) return;
        await LoadAsync();
        var newCases = _rows.Where(r => _seenCases.Add(r.Id)).ToList();
        var newNotices = _notices.Where(n => _seenNotices.Add(n.Id) && !n.IsRead).ToList();
        foreach (var c in newCases) _flash[c.Id] = Clock.GetUtcNow();
        if (newNotices.Count > 0)
            _banner = $"新{NoticeKinds.Label(newNotices[0].Kind)}：#{newNotices[0].CaseId} {newNotices[0].Text}";
        else if (newCases.Count > 0)
            _banner = $"新派单：#{newCases[0].Id} {Mask(newCases[0].Title)}";
        if ((newNotices.Count > 0 || newCases.Count > 0) && _keys is not null)
        {
            if (_sound && !await _keys.BeepAsync())
                _banner += "（浏览器尚未允许声音：请在页面上按任意键或点击一次）";
            await _keys.FlashTitleAsync(newNotices.Count > 0 ? "【新通知】" : "【新派单】");
        }
        StateHasChanged();
    }

    private async Task OpenNoticeAsync(Notice notice)
    {
        // Opening a notice is its read receipt: audited, and the center sees it in the case's timeline.
        await Notices.MarkReadAsync(notice.Id, _account!.Binding.Scope, await Actor.GetAsync(), _account.Actor, _stop.Token);
        Nav.NavigateTo($"work/{notice.CaseId}");
    }

    private async Task SearchAsync(string? text)
    {
        _search = text;
        await LoadAsync();
    }

    private void Open(long id) => Nav.NavigateTo($"work/{id}");

    private async Task OnKeyAsync(string key)
    {
        if (key == "Escape") _banner = null;
        await Task.CompletedTask;
    }

    private async Task ToggleSound()
    {
        _sound = !_sound;
        if (_sound && _keys is not null) await _keys.BeepAsync();
    }

    private string RowClass(WorkRow row) =>
        "wk-row" + (row.Priority == 1 ? " urgent" : "") + (_flash.TryGetValue(row.Id, out var at) && Clock.GetUtcNow() - at < TimeSpan.FromMinutes(5) ? " flash" : "")
        + (row.Status == Core.Cases.CaseStatus.Closed ? " closed" : "");

    private static string? Mask(string? text) => Core.Privacy.Masking.FreeText(text);

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _stop.CancelAsync();
        _stop.Dispose();
    }
}
