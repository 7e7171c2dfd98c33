using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace CommandCenter.Core.Geo;

/// <summary>Writes generated grids as RFC 7946 GeoJSON: one feature per line (so a regenerated file
/// diffs readably), Chinese as-is, coordinates with 7 decimals (about 1 cm), outer rings
/// counter-clockwise and holes clockwise.</summary>
internal static class GridGeoJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

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
            sb.Append(Feature(g));
        }
        sb.Append("\n]}\n");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    private static string Feature(GeneratedGrid g)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            w.WriteString("type", "Feature");
            w.WriteStartObject("properties");
            w.WriteString("code", g.Code);
            w.WriteString("name", g.Name);
            w.WriteString("community_code", g.CommunityCode);
            w.WriteString("community", g.Community);
            w.WriteString("community_kind", g.CommunityKind);
            w.WriteString("region_code", g.RegionCode);
            w.WriteString("region", g.Region);
            w.WriteNumber("households", g.Households);
            w.WriteNumber("population", g.Population);
            w.WriteStartObject("team");
            w.WriteString("cadre", g.Team.Cadre);
            w.WriteString("community", g.Team.Community);
            w.WriteStartArray("volunteers");
            foreach (var v in g.Team.Volunteers) w.WriteStringValue(v);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteStartObject("geometry");
            var polygons = Enumerable.Range(0, g.Geometry.NumGeometries).Select(g.Geometry.GetGeometryN).Cast<Polygon>().ToList();
            w.WriteString("type", polygons.Count == 1 ? "Polygon" : "MultiPolygon");
            w.WritePropertyName("coordinates");
            if (polygons.Count == 1) WritePolygon(w, polygons[0]);
            else
            {
                w.WriteStartArray();
                foreach (var p in polygons) WritePolygon(w, p);
                w.WriteEndArray();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WritePolygon(Utf8JsonWriter w, Polygon p)
    {
        w.WriteStartArray();
        WriteRing(w, p.Shell, counterClockwise: true);
        foreach (var hole in p.Holes) WriteRing(w, hole, counterClockwise: false);
        w.WriteEndArray();
    }

    private static void WriteRing(Utf8JsonWriter w, LinearRing ring, bool counterClockwise)
    {
        var coords = ring.Coordinates;
        if (Orientation.IsCCW(coords) != counterClockwise) coords = Enumerable.Reverse(coords).ToArray();
        w.WriteStartArray();
        foreach (var c in coords)
        {
            w.WriteStartArray();
            w.WriteRawValue(N(c.X));
            w.WriteRawValue(N(c.Y));
            w.WriteEndArray();
        }
        w.WriteEndArray();
    }

    private static string N(double v) => v.ToString("0.#######", CultureInfo.InvariantCulture);
}
