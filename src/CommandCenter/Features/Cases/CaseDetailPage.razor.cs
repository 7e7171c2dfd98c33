using CommandCenter.Core.Cases;
using CommandCenter.Core.ChangeFeed;
using CommandCenter.Live;
using Microsoft.AspNetCore.Components;
using Npgsql;

namespace CommandCenter.Features.Cases;

/// <summary>One case: facts, small map, deadline countdown, actions and the full timeline. Reloads when the
/// change feed announces a change to this case (another officer, ingest or the automatic 督办).</summary>
public sealed partial class CaseDetailPage
{
    [Parameter] public long Id { get; set; }

    [Inject] private CaseDetailReader Reader { get; set; } = null!;
    [Inject] private NpgsqlDataSource Db { get; set; } = null!;
    [Inject] private IChangeFeed Feed { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;
    [Inject] private ILogger<CaseDetailPage> Logger { get; set; } = null!;

    private static readonly IReadOnlyList<string> DetailKeys =
        ["a", "d", "s", "b", "f", "r", "x", "v", "w", "h", "i", "p", "m", "t", "1", "2", "3", "Escape", "Ctrl+Enter"];

    private CaseKeys? _keys;
    private CaseActionPanel? _panel;
    private CaseDetail? _detail;
    private CaseLookups? _lookups;
    private bool _notFound;
    private IDisposable? _subscription;
    private int _reloadQueued;
    private readonly CancellationTokenSource _stop = new();

    protected override async Task OnInitializedAsync()
    {
        _lookups = await CaseLookups.LoadAsync(Db, _stop.Token);
        _subscription = Feed.Subscribe(OnChangesAsync);
    }

    protected override async Task OnParametersSetAsync() => await ReloadAsync();

    private async Task ReloadAsync()
    {
        _detail = await Reader.LoadAsync(Id, _stop.Token);
        _notFound = _detail is null;
    }

    private Task OnChangesAsync(IReadOnlyList<ChangeEntry> entries, CancellationToken ct)
    {
        var mine = $"{Id}";
        // A cheap pre-filter on the payload text; a false positive only costs one reload.
        if (!entries.Any(e => e.PayloadJson.Contains(mine, StringComparison.Ordinal))) return Task.CompletedTask;
        if (Interlocked.Exchange(ref _reloadQueued, 1) == 1) return Task.CompletedTask;
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(150), _stop.Token);
                Interlocked.Exchange(ref _reloadQueued, 0);
                await InvokeAsync(async () => { await ReloadAsync(); StateHasChanged(); });
            }
            catch (OperationCanceledException) { }
            catch (ObjectDisposedException) { }
            catch (Exception ex) { Logger.LogWarning(ex, "Reloading case {CaseId} failed", Id); }
        });
        return Task.CompletedTask;
    }

    private async Task OnKeyAsync(string key)
    {
        if (_panel is not null && await _panel.HandleKeyAsync(key)) return;
        if (key == "Escape") Nav.NavigateTo("cases");
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _stop.CancelAsync();
        _stop.Dispose();
    }
}
