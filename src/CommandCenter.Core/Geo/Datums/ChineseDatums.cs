namespace CommandCenter.Core.Geo.Datums;

/// <summary>WGS-84 ⇄ GCJ-02 ⇄ BD-09, for display only: the map shifts what it draws onto a 高德/腾讯 or 百度
/// base layer; stored coordinates never change. Written from the published formulas: GCJ-02 offsets a point
/// by a fixed trigonometric series of (lon − 105°, lat − 35°), scaled to degrees on the Krasovsky 1940
/// ellipsoid; BD-09 is GCJ-02 turned and stretched slightly about the origin, then moved by (0.0065°, 0.006°).
/// Neither has a closed-form inverse, so the reverse directions solve the forward one by fixed-point
/// iteration to well under a millimetre. Outside China's rough bounding box GCJ-02 applies no offset,
/// as the published definition does.</summary>
public static class ChineseDatums
{
    // Krasovsky 1940: semi-major axis and first eccentricity squared, as the GCJ-02 definition uses them.
    private const double A = 6378245.0;
    private const double Ee = 0.00669342162296594323;
    private const double BdFactor = Math.PI * 3000.0 / 180.0;
    // Iteration stops once the forward image is this close to the target (about 0.1 mm).
    private const double Tolerance = 1e-9;
    private const int MaxIterations = 30;

    /// <summary>Converts a WGS-84 point to the given datum.</summary>
    public static (double Lon, double Lat) FromWgs84(MapDatum datum, double lon, double lat) => datum switch
    {
        MapDatum.Gcj02 => Wgs84ToGcj02(lon, lat),
        MapDatum.Bd09 => Wgs84ToBd09(lon, lat),
        _ => (lon, lat),
    };

    /// <summary>Converts a point in the given datum back to WGS-84.</summary>
    public static (double Lon, double Lat) ToWgs84(MapDatum datum, double lon, double lat) => datum switch
    {
        MapDatum.Gcj02 => Gcj02ToWgs84(lon, lat),
        MapDatum.Bd09 => Bd09ToWgs84(lon, lat),
        _ => (lon, lat),
    };

    public static bool OutsideChina(double lon, double lat) => lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;

    public static (double Lon, double Lat) Wgs84ToGcj02(double lon, double lat)
    {
        if (OutsideChina(lon, lat)) return (lon, lat);
        var (dLon, dLat) = Offset(lon, lat);
        return (lon + dLon, lat + dLat);
    }

    public static (double Lon, double Lat) Gcj02ToWgs84(double lon, double lat) => Invert(Wgs84ToGcj02, lon, lat);

    public static (double Lon, double Lat) Gcj02ToBd09(double lon, double lat)
    {
        var z = Math.Sqrt(lon * lon + lat * lat) + 0.00002 * Math.Sin(lat * BdFactor);
        var theta = Math.Atan2(lat, lon) + 0.000003 * Math.Cos(lon * BdFactor);
        return (z * Math.Cos(theta) + 0.0065, z * Math.Sin(theta) + 0.006);
    }

    public static (double Lon, double Lat) Bd09ToGcj02(double lon, double lat) => Invert(Gcj02ToBd09, lon, lat);

    public static (double Lon, double Lat) Wgs84ToBd09(double lon, double lat)
    {
        var (gLon, gLat) = Wgs84ToGcj02(lon, lat);
        return Gcj02ToBd09(gLon, gLat);
    }

    public static (double Lon, double Lat) Bd09ToWgs84(double lon, double lat)
    {
        var (gLon, gLat) = Bd09ToGcj02(lon, lat);
        return Gcj02ToWgs84(gLon, gLat);
    }

    // The GCJ-02 offset in degrees at a WGS-84 point.
    private static (double DLon, double DLat) Offset(double lon, double lat)
    {
        var x = lon - 105.0;
        var y = lat - 35.0;
        var shared = (20.0 * Math.Sin(6.0 * x * Math.PI) + 20.0 * Math.Sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        var latMetres = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.Sqrt(Math.Abs(x)) + shared
            + (20.0 * Math.Sin(y * Math.PI) + 40.0 * Math.Sin(y / 3.0 * Math.PI)) * 2.0 / 3.0
            + (160.0 * Math.Sin(y / 12.0 * Math.PI) + 320.0 * Math.Sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        var lonMetres = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.Sqrt(Math.Abs(x)) + shared
            + (20.0 * Math.Sin(x * Math.PI) + 40.0 * Math.Sin(x / 3.0 * Math.PI)) * 2.0 / 3.0
            + (150.0 * Math.Sin(x / 12.0 * Math.PI) + 300.0 * Math.Sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        // Metres to degrees on the ellipsoid: meridian radius of curvature for latitude, parallel radius for longitude.
        var phi = lat / 180.0 * Math.PI;
        var w2 = 1 - Ee * Math.Sin(phi) * Math.Sin(phi);
        var w = Math.Sqrt(w2);
        var dLat = latMetres * 180.0 / (A * (1 - Ee) / (w2 * w) * Math.PI);
        var dLon = lonMetres * 180.0 / (A / w * Math.Cos(phi) * Math.PI);
        return (dLon, dLat);
    }

    // Finds p with forward(p) = target. Both shifts are tiny and nearly constant over a few hundred metres,
    // so p ← p − (forward(p) − target) converges in a handful of steps.
    private static (double Lon, double Lat) Invert(Func<double, double, (double Lon, double Lat)> forward, double lon, double lat)
    {
        var (pLon, pLat) = (lon, lat);
        for (var i = 0; i < MaxIterations; i++)
        {
            var (fLon, fLat) = forward(pLon, pLat);
            var (eLon, eLat) = (fLon - lon, fLat - lat);
            if (Math.Abs(eLon) < Tolerance && Math.Abs(eLat) < Tolerance) break;
            pLon -= eLon;
            pLat -= eLat;
        }
        return (pLon, pLat);
    }
}
