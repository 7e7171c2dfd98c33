using System.Collections.Immutable;
using CommandCenter.Core.Geo.Datums;
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
    /// <summary>The base layer's coordinate system (wgs84, gcj02, bd09); see <see cref="LiveOptions.BaseLayerCrs"/>.</summary>
    [Parameter] public string? BaseLayerCrs { get; set; }
    /// <summary>Where to look instead of the whole subdistrict (a desk command); null = everything.</summary>
    [Parameter] public MapFocus? Focus { get; set; }
    /// <summary>A thematic layer (专项任务 progress) that colours the grids instead of their case states; null = the normal map.</summary>
    [Parameter] public MapLayer? Layer { get; set; }
    private MapLayer? _sentLayer;

    // Without a base layer nothing needs lining up: the map stays in WGS-84 as it always was.
    private MapDatum Datum => string.IsNullOrWhiteSpace(BaseLayerUrl) ? MapDatum.Wgs84 : MapDatums.Parse(BaseLayerCrs) ?? MapDatum.Wgs84;
    private MapFocus? _sentFocus;

    private ElementReference _element;
    private JsModule? _module;
    private IJSObjectReference? _instance;
    private bool _creating;
    // The grid states the browser has: the (immutable) dictionary last pushed, not a copy of it, so a wall holds no
    // per-circuit copy of 133 states and no older snapshot's objects; unchanged grids cost a reference compare.
    private IReadOnlyDictionary<string, GridState> _sent = ImmutableDictionary<string, GridState>.Empty;
    private readonly HashSet<long> _seenCases = [];
    private IReadOnlyList<WorkerOnDuty>? _sentWorkers;
    // One push at a time: renders go on while a push awaits the browser, and a second push diffing against a _sent
    // the first has not yet moved on could leave a grid showing an older state. A render during a push asks for one
    // more round, which reads the newest parameters. (Renderer's synchronisation context: no lock needed.)
    private bool _pushing, _pushAgain;

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
                    gridsUrl = InDatum(GridsUrl), communitiesUrl = InDatum(CommunitiesUrl), regionsUrl = InDatum(RegionsUrl), baseLayerUrl = BaseLayerUrl,
                });
                if (_instance is null) return; // the circuit is gone
            }
            if (_pushing) { _pushAgain = true; return; }
            _pushing = true;
            try
            {
                do
                {
                    _pushAgain = false;
                    await PushChangesAsync();
                } while (_pushAgain);
            }
            finally { _pushing = false; }
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
        // The parameters as they are now: they may change while a call below awaits the browser, and what is
        // recorded as sent must be what was diffed and sent, or a change arriving meanwhile would never be sent.
        var (grids, recent, workers, layer, focus) = (Grids, Recent, Workers, Layer, Focus);
        if (!ReferenceEquals(grids, _sent))
        {
            var changed = new Dictionary<string, GridState>();
            foreach (var (code, state) in grids)
                if (!_sent.TryGetValue(code, out var old) || old != state)
                    changed[code] = state;
            if (changed.Count > 0) await _module!.InvokeVoidAsync("setGridStates", _instance, Json(changed));
            _sent = grids;
        }
        // All of a snapshot's new cases in one call, not one awaited round trip each: at 200 cases a second that was
        // up to twenty interop messages per snapshot on a wall's connection.
        var markers = new List<object>();
        foreach (var c in recent.Reverse())
        {
            if (!_seenCases.Add(c.Id)) continue;
            var (lon, lat) = Shift(c.Lon, c.Lat);
            markers.Add(new { id = c.Id, lon, lat, gridCode = c.GridCode, priority = c.Priority });
        }
        if (markers.Count > 0) await _module!.InvokeVoidAsync("addMarkers", _instance, Json(markers));
        if (!ReferenceEquals(workers, _sentWorkers) && _sentWorkers is not null && workers.SequenceEqual(_sentWorkers))
            _sentWorkers = workers; // the same positions: hold the newer list, not an older snapshot's
        else if (!ReferenceEquals(workers, _sentWorkers))
        {
            await _module!.InvokeVoidAsync("setWorkers", _instance, Json(workers.Select(w =>
            {
                var (lon, lat) = Shift(w.Lon, w.Lat);
                return new { lon, lat, gridCode = w.GridCode };
            })));
            _sentWorkers = workers;
        }
        if (!ReferenceEquals(layer, _sentLayer))
        {
            await _module!.InvokeVoidAsync("setLayer", _instance, layer?.Bands);
            _sentLayer = layer;
        }
        if (focus != _sentFocus)
        {
            var (lon, lat) = Shift(focus?.Lon, focus?.Lat);
            await _module!.InvokeVoidAsync("focus", _instance, focus is null ? null
                : new { gridCode = focus.GridCode, regionCode = focus.RegionCode, lon, lat, caseId = focus.CaseId });
            _sentFocus = focus;
        }
    }

    // Updates go to the browser as JSON text made with one process-wide serialiser (camelCase, as the JS runtime's
    // own): each circuit's JS runtime has its own serialiser options, and every type it serialises costs that
    // circuit its own metadata and emitted accessors (tens of KB per wall for these few types).
    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);

    private static string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value, JsonOptions);

    // The geometry endpoints shift whole layers server-side (one tested conversion, cached per grid import);
    // points that travel through the circuit are shifted here with the same code.
    private string? InDatum(string? url) => url is null || Datum == MapDatum.Wgs84 ? url
        : url + (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "crs=" + Datum.Code();

    private (double? Lon, double? Lat) Shift(double? lon, double? lat)
    {
        if (lon is not { } x || lat is not { } y || Datum == MapDatum.Wgs84) return (lon, lat);
        var (sx, sy) = ChineseDatums.FromWgs84(Datum, x, y);
        return (sx, sy);
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null) await _module.DisposeAsync();
    }
}
