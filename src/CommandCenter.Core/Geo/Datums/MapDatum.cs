namespace CommandCenter.Core.Geo.Datums;

/// <summary>The coordinate system a base map's tiles are drawn in. Everything stored here is WGS-84; a
/// base layer in GCJ-02 or BD-09 needs the overlays shifted to line up with its roads.</summary>
public enum MapDatum
{
    /// <summary>WGS-84 (GPS, 天地图, OpenStreetMap): no shift.</summary>
    Wgs84,
    /// <summary>GCJ-02, the 国测局 system used by 高德 and 腾讯 maps.</summary>
    Gcj02,
    /// <summary>BD-09, 百度's own system (GCJ-02 shifted once more).</summary>
    Bd09,
}

public static class MapDatums
{
    /// <summary>Reads a setting ("wgs84", "gcj02", "bd09", case and dashes ignored); null if unknown.</summary>
    public static MapDatum? Parse(string? text) => text?.Trim().Replace("-", "").Replace("_", "").ToLowerInvariant() switch
    {
        null or "" or "wgs84" => MapDatum.Wgs84,
        "gcj02" => MapDatum.Gcj02,
        "bd09" or "bd09ll" => MapDatum.Bd09,
        _ => null,
    };

    public static string Code(this MapDatum datum) => datum switch
    {
        MapDatum.Gcj02 => "gcj02",
        MapDatum.Bd09 => "bd09",
        _ => "wgs84",
    };
}
