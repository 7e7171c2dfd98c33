using System.Text.Json;
using System.Text.RegularExpressions;

namespace CommandCenter.Core.Geo;

/// <summary>The coordinate system a GeoJSON file declares (the old "crs" member, still written by
/// many GIS tools). RFC 7946 says WGS84 longitude/latitude; anything else is converted when that is
/// exact enough, or refused by name.</summary>
internal sealed partial record DeclaredCrs(string Name, int? Epsg)
{
    public static readonly DeclaredCrs Wgs84 = new("EPSG:4326", 4326);
    private const double EarthRadius = 6378137.0;   // the sphere of Web Mercator

    /// <summary>Reads the "crs" member; returns null and adds a problem when it is not understood.</summary>
    public static DeclaredCrs? From(JsonElement root, GridFileReport report)
    {
        if (!root.TryGetProperty("crs", out var crs) || crs.ValueKind == JsonValueKind.Null) return Wgs84;
        string? name = null;
        if (crs.ValueKind == JsonValueKind.Object && crs.TryGetProperty("properties", out var props)
            && props.ValueKind == JsonValueKind.Object && props.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
            name = n.GetString();
        if (string.IsNullOrWhiteSpace(name))
        {
            report.Problem("crs", "file", "the \"crs\" member is not a named CRS ({\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4326\"}}); linked CRSs are not supported");
            return null;
        }
        if (name.EndsWith("CRS84", StringComparison.OrdinalIgnoreCase)) return Wgs84 with { Name = name };
        var m = EpsgPattern().Match(name);
        int? epsg = m.Success ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
        switch (epsg)
        {
            case 4326:
                return new DeclaredCrs(name, 4326);
            case 4490:
                report.Notes.Add($"declared CRS {name} (CGCS2000) read as WGS84 (EPSG:4326): the two differ by well under a metre here");
                return new DeclaredCrs(name, 4490);
            case 3857 or 900913 or 3785 or 102100:
                report.Notes.Add($"declared CRS {name} (Web Mercator) converted to WGS84 longitude/latitude");
                return new DeclaredCrs(name, 3857);
            default:
                report.Problem("crs", "file", $"declared CRS \"{name}\" is not supported: convert the file to EPSG:4326 " +
                    "(WGS84 longitude/latitude); EPSG:3857 and EPSG:4490 are also accepted");
                return null;
        }
    }

    public bool IsWebMercator => Epsg == 3857;

    /// <summary>Converts one coordinate pair of this CRS to WGS84 longitude/latitude.</summary>
    public (double Lon, double Lat) ToLonLat(double x, double y)
    {
        if (!IsWebMercator) return (x, y);
        var lon = x / EarthRadius * 180 / Math.PI;
        var lat = (2 * Math.Atan(Math.Exp(y / EarthRadius)) - Math.PI / 2) * 180 / Math.PI;
        return (lon, lat);
    }

    [GeneratedRegex(@"EPSG:{1,2}(?:[\d.]*:)?(\d+)$", RegexOptions.IgnoreCase)]
    private static partial Regex EpsgPattern();
}
