namespace CommandCenter.Shared;

/// <summary>A thematic layer that recolours the grids instead of the case states (the wall's 专项任务 layer):
/// a band per grid code and the legend's rows (band, words), in the order shown. The map script knows the bands'
/// colours (<c>layerFills</c> in Map.razor.js).</summary>
public sealed record MapLayer(string Title, IReadOnlyDictionary<string, string> Bands, IReadOnlyList<(string Band, string Label)> Legend);
