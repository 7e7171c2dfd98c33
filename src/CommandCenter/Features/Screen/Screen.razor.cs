using CommandCenter.Live;
using Microsoft.AspNetCore.Components;
using CommandCenter.Shared.Interop;
using Microsoft.JSInterop;

namespace CommandCenter.Features.Screen;

/// <summary>The 大屏: re-renders on each LiveState snapshot (already coalesced to a few per second), and
/// leaves the map and charts to their components, which send the browser only what changed.</summary>
public sealed partial class Screen
{
    [Inject] private LiveState Live { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private ILogger<Screen> Logger { get; set; } = null!;

    // The charts redraw at most once a second (see ApexChart.razor.js); the tiles and the map follow every snapshot.
    private static readonly TimeSpan ChartInterval = TimeSpan.FromSeconds(1);

    private LiveSnapshot _snap = null!;
    private ElementReference _root;
    private IDisposable? _subscription;
    private JsModule? _module;

    protected override void OnInitialized() => _snap = Live.Current;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        // Subscribe only once interactive: a prerendered instance is thrown away and must not keep a subscription.
        _subscription = Live.Subscribe(OnSnapshot);
        OnSnapshot(Live.Current);
        _module = new JsModule(JS, "./Features/Screen/Screen.razor.js");
        await _module.CreateAsync(_root, (int)Live.Options.StaleAfter.TotalMilliseconds);
    }

    private void OnSnapshot(LiveSnapshot snapshot) => _ = RenderAsync(snapshot);

    private async Task RenderAsync(LiveSnapshot snapshot)
    {
        try
        {
            await InvokeAsync(() =>
            {
                _snap = snapshot;
                StateHasChanged();
            });
        }
        catch (Exception ex) when (ex is ObjectDisposedException or JSDisconnectedException or InvalidOperationException)
        {
            Logger.LogDebug("A wall circuit went away while rendering: {Error}", ex.Message);
        }
    }

    private bool IsStale => !_snap.Healthy || Clock.GetUtcNow() - _snap.DataAsOf > Live.Options.StaleAfter;

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        if (_module is not null) await _module.DisposeAsync();
    }
}
