using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace CommandCenter.Core.Geo;

/// <summary>Writes generated grids as RFC 7946 GeoJSON with NetTopologySuite.IO.GeoJSON4STJ: one feature
/// per line (so a regenerated file diffs readably), Chinese as-is, coordinates as the generator snapped
/// them to 7 decimals (about 1 cm), outer rings counter-clockwise and holes clockwise. The collection's
/// header carries the generator's seed, a member the library does not model, so it is written here.</summary>
internal static class GridGeoJsonWriter
{
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new GeoJsonConverterFactory(false, null, RingOrientationOption.EnforceRfc9746) },
    };

    public static byte[] Write(IEnumerable<GeneratedGrid> grids, ulong seed)
    {
        var sb = new StringBuilder();
        sb.Append("{\"type\":\"FeatureCollection\",\"name\":\"雉城街道网格\",")
          .Append(CultureInfo.InvariantCulture, $"\"generator\":{{\"command\":\"geo generate --seed {seed}\",\"seed\":{seed}}},\n")
          .Append("\"features\":[\n");
        var first = true;
        foreach (var g in grids.OrderBy(g => g.Code, StringComparer.Ordinal))
        {
            if (!first) sb.Append(",\n");
            first = false;
            sb.Append(JsonSerializer.Serialize(Feature(g), Options));
        }
        sb.Append("\n]}\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static IFeature Feature(GeneratedGrid g)
    {
        var team = new AttributesTable
        {
            { "cadre", g.Team.Cadre },
            { "community", g.Team.Community },
            { "volunteers", g.Team.Volunteers },
        };
        var properties = new AttributesTable
        {
            { "code", g.Code },
            { "name", g.Name },
            { "community_code", g.CommunityCode },
            { "community", g.Community },
            { "community_kind", g.CommunityKind },
            { "region_code", g.RegionCode },
            { "region", g.Region },
            { "households", g.Households },
            { "population", g.Population },
            { "team", team },
        };
        // A grid in one piece is written as a Polygon, as GIS tools expect; only a split grid is a MultiPolygon.
        var geometry = g.Geometry is MultiPolygon { NumGeometries: 1 } single ? single.GetGeometryN(0) : g.Geometry;
        return new Feature(geometry, properties);
    }
}
