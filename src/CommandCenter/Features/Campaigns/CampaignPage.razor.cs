using CommandCenter.Core.Campaigns;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Security;
using CommandCenter.Shared.Live;
using CommandCenter.Shared.Ui;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace CommandCenter.Features.Campaigns;

/// <summary>/campaigns/{id}: one campaign's totals and rates, every target grid's progress, the latest reports;
/// export, the wall layer and ending it. Reloads when the change feed reports this campaign.</summary>
public sealed partial class CampaignPage : IAsyncDisposable
{
    [Parameter] public long Id { get; set; }

    [Inject] private CampaignStore Store { get; set; } = null!;
    [Inject] private IChangeFeed Feed { get; set; } = null!;
    [Inject] private CurrentActor Actor { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private ILogger<CampaignPage> Logger { get; set; } = null!;

    private Campaign? _campaign;
    private IReadOnlyList<CampaignGridRow> _grids = [];
    private IReadOnlyList<CampaignReportLine> _history = [];
    // The page is read top-down (tiles, grid table); 50 reports under it made it several screens long.
    private const int CollapsedHistory = 10;
    private bool _historyOpen;
    private IEnumerable<CampaignReportLine> ShownHistory => _historyOpen ? _history : _history.Take(CollapsedHistory);
    private int[] _totals = [];
    private bool _missing, _live, _busy, _error, _onlyMissing;
    private string? _message;
    private IDisposable? _subscription;
    private readonly CancellationTokenSource _stop = new();
    private CoalescedRefresh _refresh = null!;

    private IEnumerable<CampaignGridRow> Rows => _onlyMissing ? _grids.Where(g => g.Reports == 0) : _grids;

    protected override async Task OnInitializedAsync()
    {
        _refresh = new CoalescedRefresh(InvokeAsync, async () => { await LoadAsync(); StateHasChanged(); }, TimeSpan.FromMilliseconds(300), Clock, Logger, _stop.Token);
        _subscription = Feed.Subscribe((entries, _) =>
        {
            // The wall layer is one campaign at a time: another campaign going on the wall takes this one off.
            if (entries.Any(e => e.Payload is CampaignChange ch && (ch.CampaignId == Id || ch.Event == CampaignChange.Wall))) _refresh.Request();
            return Task.CompletedTask;
        });
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && !_live) { _live = true; StateHasChanged(); }
    }

    // Everything is read first and published together: a render can run at any await (the first render's
    // OnAfterRender flips _live while the grids are still loading), and one that saw the new campaign with the
    // old, empty totals indexed past them and ended the circuit, leaving the page on its progress bar.
    private async Task LoadAsync()
    {
        var campaign = await Store.GetAsync(Id, _stop.Token);
        if (campaign is null)
        {
            (_campaign, _missing) = (null, true);
            return;
        }
        var grids = await Store.GridsAsync(Id, campaign.Counters.Count, _stop.Token);
        var history = await Store.HistoryAsync(Id, null, 50, _stop.Token);
        int[] totals = [.. Enumerable.Range(0, campaign.Counters.Count).Select(i => grids.Sum(g => g.Totals[i]))];
        (_campaign, _grids, _history, _totals, _missing) = (campaign, grids, history, totals, false);
    }

    private Task ToggleWallAsync() => RunAsync(async () =>
    {
        var show = _campaign!.OnWallAt is null;
        var refusal = await Store.SetOnWallAsync(Id, show, await Actor.GetAsync(), _stop.Token);
        return (refusal ?? (show ? $"大屏已切换到本任务的进度图层（各网格按{CampaignRates.HeadlineLabel(_campaign.Counters)}着色，未上报的网格为灰色）。" : "大屏已恢复常规态势图。"), refusal is null);
    });

    private async Task EndAsync()
    {
        if (!await Dialogs.ConfirmAsync("结束专项任务", $"结束「{_campaign!.Title}」后网格员不能再上报进度，已有数据保留。确定结束？", "结束任务")) return;
        await RunAsync(async () =>
        {
            var ended = await Store.EndAsync(Id, await Actor.GetAsync(), _stop.Token);
            return (ended ? "任务已结束。" : "任务已经结束，无需重复操作。", ended);
        });
    }

    private async Task RunAsync(Func<Task<(string Message, bool Ok)>> action)
    {
        if (_busy) return;
        _busy = true;
        try
        {
            var (message, ok) = await action();
            (_message, _error) = (message, !ok);
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _stop.CancelAsync();
        _stop.Dispose();
    }
}
