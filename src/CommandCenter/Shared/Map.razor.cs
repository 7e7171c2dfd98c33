using System.Collections.Immutable;
using CommandCenter.Core.Kpis;
using CommandCenter.Live;
using Microsoft.AspNetCore.Components;
using CommandCenter.Shared.Interop;
using Microsoft.JSInterop;

namespace CommandCenter.Shared;

public sealed partial class Map
{
    [Parameter, EditorRequired] public IReadOnlyDictionary<string, GridState> Grids { get; set; } = ImmutableDictionary<string, GridState>.Empty;
    [Parameter] public IReadOnlyList<RecentCase> Recent { get; set; } = [];
    [Parameter] public IReadOnlyList<WorkerOnDuty> Workers { get; set; } = [];
    [Parameter, EditorRequired] public string GridsUrl { get; set; } = "";
    [Parameter] public string? CommunitiesUrl { get; set; }
    [Parameter] public string? RegionsUrl { get; set; }
    [Parameter] public string? BaseLayerUrl { get; set; }

    private ElementReference _element;
    private JsModule? _module;
    private IJSObjectReference? _instance;
    private bool _creating;
    private readonly Dictionary<string, GridState> _sent = [];
    private readonly HashSet<long> _seenCases = [];
    private IReadOnlyList<WorkerOnDuty>? _sentWorkers;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        try
        {
            if (_instance is null)
            {
                if (_creating) return;
                _creating = true;
                // Cases already there when the wall opens are history, not news: no pulse for them.
                foreach (var c in Recent) _seenCases.Add(c.Id);
                _module ??= new JsModule(JS, "./Shared/Map.razor.js");
                _instance = await _module.CreateAsync(_element, new
                {
                    gridsUrl = GridsUrl, communitiesUrl = CommunitiesUrl, regionsUrl = RegionsUrl, baseLayerUrl = BaseLayerUrl,
                });
                if (_instance is null) return; // the circuit is gone
            }
            await PushChangesAsync();
        }
        catch (JSException ex)
        {
            // Typically the geometry URL failing: retry on a later render rather than leaving a blank map for good.
            Logger.LogWarning("The wall map could not be drawn: {Error}", ex.Message);
            _creating = false;
        }
    }

    private async Task PushChangesAsync()
    {
        var changed = new Dictionary<string, GridState>();
        foreach (var (code, state) in Grids)
            if (!_sent.TryGetValue(code, out var old) || old != state)
                changed[code] = state;
        if (changed.Count > 0)
        {
            await _module!.InvokeVoidAsync("setGridStates", _instance, changed);
            foreach (var (code, state) in changed) _sent[code] = state;
        }
        foreach (var c in Recent.Reverse())
        {
            if (!_seenCases.Add(c.Id)) continue;
            await _module!.InvokeVoidAsync("addMarker", _instance, new { id = c.Id, lon = c.Lon, lat = c.Lat, gridCode = c.GridCode, priority = c.Priority });
        }
        if (!ReferenceEquals(Workers, _sentWorkers) && (_sentWorkers is null || !Workers.SequenceEqual(_sentWorkers)))
        {
            await _module!.InvokeVoidAsync("setWorkers", _instance, Workers.Select(w => new { lon = w.Lon, lat = w.Lat, gridCode = w.GridCode }));
            _sentWorkers = Workers;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null) await _module.DisposeAsync();
    }
}
