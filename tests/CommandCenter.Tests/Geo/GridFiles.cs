using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CommandCenter.Tests.Geo;

/// <summary>Builds small grid GeoJSON files for the checks: 0.01° squares near 119.91 E, 31.00 N.</summary>
internal static class GridFiles
{
    public static string CommittedPath => Path.Combine(Infrastructure.TestCluster.RepoRoot, "assets", "geo", "grids.geojson");

    /// <summary>The square [lon, lon+size] × [lat, lat+size] as a GeoJSON ring (counter-clockwise).</summary>
    public static string Ring(double lon, double lat, double size = 0.01) =>
        $"[[{N(lon)},{N(lat)}],[{N(lon + size)},{N(lat)}],[{N(lon + size)},{N(lat + size)}],[{N(lon)},{N(lat + size)}],[{N(lon)},{N(lat)}]]";

    public static string Polygon(params string[] rings) => $"{{\"type\":\"Polygon\",\"coordinates\":[{string.Join(",", rings)}]}}";

    public static string Square(double lon, double lat, double size = 0.01) => Polygon(Ring(lon, lat, size));

    public static string Feature(string code, string geometry, string community = "台苑社区", string region = "西片",
        string? extraProperties = null) =>
        $"{{\"type\":\"Feature\",\"properties\":{{\"code\":{Q(code)},\"name\":{Q(code + "网格")},\"community\":{Q(community)}," +
        $"\"region\":{Q(region)},\"households\":100,\"population\":250{(extraProperties is null ? "" : "," + extraProperties)}}},\"geometry\":{geometry}}}";

    public static byte[] Collection(params string[] features) => Build(null, features);

    public static byte[] WithCrs(string crs, params string[] features) => Build(crs, features);

    private static byte[] Build(string? crs, string[] features)
    {
        var crsMember = crs is null ? "" : $"\"crs\":{{\"type\":\"name\",\"properties\":{{\"name\":{Q(crs)}}}}},";
        return Encoding.UTF8.GetBytes($"{{\"type\":\"FeatureCollection\",{crsMember}\"features\":[{string.Join(",\n", features)}]}}");
    }

    /// <summary>Two neighbouring squares sharing the edge lon = 119.91: a valid two-grid file.</summary>
    public static byte[] TwoNeighbours(string prefix = "T") => Collection(
        Feature($"{prefix}-01", Square(119.90, 31.00)),
        Feature($"{prefix}-02", Square(119.91, 31.00), community: "画溪社区"));

    private static string N(double v) => v.ToString("0.#######", CultureInfo.InvariantCulture);
    private static string Q(string s) => JsonSerializer.Serialize(s);
}
