using System.Collections.Immutable;
using CommandCenter.Core.Walls;
using CommandCenter.Security;
using CommandCenter.Shared.Interop;
using CommandCenter.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;

namespace CommandCenter.Features.WallControl;

public sealed partial class WallLink
{
    [Inject] private WallDirector Director { get; set; } = null!;
    [Inject] private WallViewLoader Views { get; set; } = null!;
    [Inject] private WallPresenceStore Presence { get; set; } = null!;
    [Inject] private LiveState Live { get; set; } = null!;
    [Inject] private IOptions<WallOptions> Options { get; set; } = null!;
    [Inject] private AuthenticationStateProvider Auth { get; set; } = null!;
    [Inject] private ClientOrigin Origin { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;
    [Inject] private ILogger<WallLink> Logger { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    /// <summary>Called with what the wall should show for the command in force, or null for the normal view.</summary>
    [Parameter, EditorRequired] public EventCallback<WallView?> Changed { get; set; }

    private static readonly string Node = $"{Environment.MachineName}:{Environment.ProcessId}";
    private readonly string _connectionId = "circuit-" + Guid.NewGuid().ToString("N")[..12];
    private long? _kioskId;
    private bool _isKiosk;
    private WallView? _view;
    private long? _shownId;
    private IDisposable? _subscription;
    private JsModule? _module;
    private DotNetObjectReference<WallLink>? _self;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private IDisposable? _liveSubscription;
    // The live position the shown view was read at, and whether a re-read is already scheduled.
    private long _viewPosition;
    private int _refreshScheduled;

    // A focus's open cases and team, a spotlight's timeline: re-read while the command stands, as the data changes,
    // at most this often (a busy afternoon's changes become one read per wall every few seconds, not one per change).
    private static readonly TimeSpan ViewRefreshEvery = TimeSpan.FromSeconds(2);

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        var user = (await Auth.GetAuthenticationStateAsync()).User;
        _isKiosk = user.IsKiosk();
        _kioskId = _isKiosk ? user.SubjectId() : null;
        _subscription = Director.Subscribe(list => _ = InvokeAsync(FollowAsync));
        _liveSubscription = Live.Subscribe(OnSnapshot);
        await FollowAsync();
        if (_isKiosk && _kioskId is not null)
        {
            _self = DotNetObjectReference.Create(this);
            _module = new JsModule(JS, "./Features/WallControl/WallLink.razor.js");
            await BeatAsync();
            await _module.CreateAsync(_self, (int)Options.Value.HeartbeatInterval.TotalMilliseconds);
        }
    }

    // Shows the command in force for this wall (or the normal view); reloads its content only when it changed.
    private async Task FollowAsync()
    {
        await _gate.WaitAsync();
        try
        {
            var command = Director.CurrentFor(_kioskId);
            if (command?.Id == _shownId) return;
            _shownId = command?.Id;
            var position = Live.Current.Position;
            _view = command is null ? null : await Views.LoadAsync(command, CancellationToken.None);
            Volatile.Write(ref _viewPosition, position);
            await Changed.InvokeAsync(_view);
            StateHasChanged();
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or ObjectDisposedException or InvalidOperationException or TimeoutException)
        {
            // Try again on the next list (the database may be away); meanwhile the wall keeps its normal view.
            _shownId = null;
            Logger.LogWarning("A wall could not follow its command: {Error}", ex.Message);
        }
        finally { _gate.Release(); }
    }

    // On LiveState's thread: only a flag and a scheduled re-read, never a database call here.
    private void OnSnapshot(LiveSnapshot snapshot)
    {
        if (_view is null || snapshot.Position <= Volatile.Read(ref _viewPosition)) return;
        if (Interlocked.Exchange(ref _refreshScheduled, 1) == 0) _ = InvokeAsync(RefreshViewAsync);
    }

    private async Task RefreshViewAsync()
    {
        try
        {
            await Task.Delay(ViewRefreshEvery, Clock, _stop.Token);
            Interlocked.Exchange(ref _refreshScheduled, 0);
            await _gate.WaitAsync(_stop.Token);
            try
            {
                var command = Director.CurrentFor(_kioskId);
                if (command is null || command.Id != _shownId) return;   // FollowAsync shows the new one
                var position = Live.Current.Position;
                _view = await Views.LoadAsync(command, _stop.Token);
                Volatile.Write(ref _viewPosition, position);
                await Changed.InvokeAsync(_view);
            }
            finally { _gate.Release(); }
        }
        catch (OperationCanceledException) { }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or ObjectDisposedException or InvalidOperationException or TimeoutException)
        {
            // The last view stays up; the next change schedules another try.
            Interlocked.Exchange(ref _refreshScheduled, 0);
            Logger.LogDebug("A wall could not re-read its command's view: {Error}", ex.Message);
        }
    }

    /// <summary>The wall's browser is alive: called by the page's own timer, so a frozen tab stops beating.</summary>
    [JSInvokable]
    public async Task BeatAsync()
    {
        if (_kioskId is not { } id) return;
        try
        {
            await Presence.ReportAsync(id, _connectionId, Node, Live.Current.Position, Origin.Ip, null, CancellationToken.None);
            // A command that ran out while the director slept is caught here at the latest.
            await InvokeAsync(FollowAsync);
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
        {
            Logger.LogDebug("Wall heartbeat not stored: {Error}", ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        _liveSubscription?.Dispose();
        await _stop.CancelAsync();
        if (_module is not null) await _module.DisposeAsync();
        _self?.Dispose();
        if (_kioskId is { } id)
        {
            try { await Presence.DisconnectAsync(id, _connectionId, CancellationToken.None); }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException) { Logger.LogDebug("Wall disconnect not stored: {Error}", ex.Message); }
        }
    }
}
