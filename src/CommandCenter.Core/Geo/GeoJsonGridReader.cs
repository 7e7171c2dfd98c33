using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace CommandCenter.Core.Geo;

/// <summary>Reads a grid file (a GeoJSON FeatureCollection of Polygons/MultiPolygons) with
/// System.Text.Json into <see cref="GridFeature"/>s. Everything that is wrong is added to the report
/// with the feature it concerns; nothing is guessed or repaired silently. Accepted conversions
/// (3D → 2D, a declared Web Mercator or CGCS2000 CRS) are recorded as notes.</summary>
internal static class GeoJsonGridReader
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    public static void Read(byte[] utf8, GridFileReport report)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            report.Problem("json", $"line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}", $"not valid JSON: {ex.Message}");
            return;
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Str(root, "type") != "FeatureCollection"
                || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
            {
                report.Problem("format", "file", "not a GeoJSON FeatureCollection (expected {\"type\":\"FeatureCollection\",\"features\":[...]})");
                return;
            }
            var crs = DeclaredCrs.From(root, report);
            if (crs is null) return;
            var ctx = new Context(report, crs);
            var i = 0;
            foreach (var f in features.EnumerateArray()) ReadFeature(f, i++, ctx);
            if (i == 0) report.Problem("format", "file", "the FeatureCollection has no features");
            if (ctx.ThreeD > 0)
                report.Notes.Add($"{ctx.ThreeD} feature(s) had 3D coordinates; the heights were dropped");
        }
    }

    private sealed class Context(GridFileReport report, DeclaredCrs crs)
    {
        public GridFileReport Report { get; } = report;
        public DeclaredCrs Crs { get; } = crs;
        public int ThreeD { get; set; }
    }

    private static void ReadFeature(JsonElement f, int index, Context ctx)
    {
        var where = $"feature #{index + 1}";
        if (f.ValueKind != JsonValueKind.Object || Str(f, "type") != "Feature")
        {
            ctx.Report.Problem("format", where, "not a GeoJSON Feature");
            return;
        }
        var props = f.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        var code = Text(props, "code");
        if (code is not null) where = $"{where} ({code})";
        var before = ctx.Report.Problems.Count;

        var missing = new List<string>();
        string Required(string name)
        {
            var v = Text(props, name);
            if (v is null) missing.Add(name);
            return v ?? "";
        }
        Required("code");
        var name = Required("name");
        var community = Required("community");
        var region = Required("region");
        var households = Count(props, "households", where, ctx.Report, missing);
        var population = Count(props, "population", where, ctx.Report, missing);
        if (missing.Count > 0)
            ctx.Report.Problem("property", where, $"missing or empty propert{(missing.Count == 1 ? "y" : "ies")}: {string.Join(", ", missing)}");
        var kind = Text(props, "community_kind") ?? KindFromName(community);
        if (kind is not ("居民区" or "社区") && community.Length > 0)
            ctx.Report.Problem("property", where, $"community_kind must be 居民区 or 社区 (got \"{kind}\" for {community})");
        var team = props.ValueKind == JsonValueKind.Object && props.TryGetProperty("team", out var t) && t.ValueKind == JsonValueKind.Object
            ? t.GetRawText() : "{}";

        var geometry = ReadGeometry(f, where, ctx);
        if (geometry is null || ctx.Report.Problems.Count > before) return;
        ctx.Report.Features.Add(new GridFeature(index, code!, name,
            Text(props, "community_code") ?? community, community, kind!,
            Text(props, "region_code") ?? region, region, households, population, team, geometry));
    }

    private static string? KindFromName(string community) =>
        community.EndsWith("社区", StringComparison.Ordinal) ? "社区"
        : community.EndsWith("居民区", StringComparison.Ordinal) || community.EndsWith('村') ? "居民区"
        : null;

    private static MultiPolygon? ReadGeometry(JsonElement f, string where, Context ctx)
    {
        if (!f.TryGetProperty("geometry", out var g) || g.ValueKind != JsonValueKind.Object)
        {
            ctx.Report.Problem("geometry", where, "has no geometry");
            return null;
        }
        var type = Str(g, "type");
        if (!g.TryGetProperty("coordinates", out var coords) || coords.ValueKind != JsonValueKind.Array)
        {
            ctx.Report.Problem("geometry", where, $"{type ?? "geometry"} without a coordinates array");
            return null;
        }
        var threeD = false;
        Polygon? ReadPolygon(JsonElement rings, string at)
        {
            if (rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
            {
                ctx.Report.Problem("geometry", where, $"{at}: a polygon needs at least one ring");
                return null;
            }
            var list = new List<LinearRing>();
            var r = 0;
            foreach (var ring in rings.EnumerateArray())
            {
                var ringAt = r == 0 ? $"{at}, outer ring" : $"{at}, hole {r}";
                var lr = ReadRing(ring, ringAt, where, ctx, ref threeD);
                if (lr is null) return null;
                list.Add(lr);
                r++;
            }
            return Factory.CreatePolygon(list[0], list.Skip(1).ToArray());
        }

        var polygons = new List<Polygon>();
        switch (type)
        {
            case "Polygon":
                if (ReadPolygon(coords, "polygon") is { } single) polygons.Add(single);
                else return null;
                break;
            case "MultiPolygon":
                var k = 0;
                foreach (var part in coords.EnumerateArray())
                {
                    if (ReadPolygon(part, $"part {++k}") is { } poly) polygons.Add(poly);
                    else return null;
                }
                if (k == 0)
                {
                    ctx.Report.Problem("geometry", where, "empty MultiPolygon");
                    return null;
                }
                break;
            default:
                ctx.Report.Problem("geometry", where, $"geometry type {type ?? "(none)"} is not a grid outline: only Polygon and MultiPolygon are accepted");
                return null;
        }
        if (threeD) ctx.ThreeD++;
        return Factory.CreateMultiPolygon(polygons.ToArray());
    }

    private static LinearRing? ReadRing(JsonElement ring, string at, string where, Context ctx, ref bool threeD)
    {
        if (ring.ValueKind != JsonValueKind.Array)
        {
            ctx.Report.Problem("geometry", where, $"{at}: not an array of positions");
            return null;
        }
        var pts = new List<Coordinate>(ring.GetArrayLength());
        foreach (var pos in ring.EnumerateArray())
        {
            if (pos.ValueKind != JsonValueKind.Array || pos.GetArrayLength() < 2
                || pos.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
            {
                ctx.Report.Problem("geometry", where, $"{at}, position {pts.Count + 1}: expected [longitude, latitude] numbers, got {Short(pos)}");
                return null;
            }
            if (pos.GetArrayLength() > 2) threeD = true;
            var (lon, lat) = ctx.Crs.ToLonLat(pos[0].GetDouble(), pos[1].GetDouble());
            if (!double.IsFinite(lon) || !double.IsFinite(lat) || lon is < -180 or > 180 || lat is < -90 or > 90)
            {
                ctx.Report.Problem("range", where, $"{at}, position {pts.Count + 1}: ({F(pos[0].GetDouble())}, {F(pos[1].GetDouble())}) " +
                    $"is not a longitude/latitude{RangeHint(pos[0].GetDouble(), pos[1].GetDouble(), ctx.Crs)}");
                return null;
            }
            pts.Add(new Coordinate(lon, lat));
        }
        if (pts.Count < 4)
        {
            ctx.Report.Problem("geometry", where, $"{at}: a ring needs at least 4 positions, has {pts.Count}");
            return null;
        }
        if (!pts[0].Equals2D(pts[^1]))
        {
            ctx.Report.Problem("geometry", where, $"{at}: the ring is not closed (first position {P(pts[0])} differs from last {P(pts[^1])})");
            return null;
        }
        return Factory.CreateLinearRing(pts.ToArray());
    }

    private static string RangeHint(double x, double y, DeclaredCrs crs) =>
        Math.Abs(x) <= 90 && Math.Abs(y) is > 90 and <= 180 ? " — latitude and longitude look swapped (GeoJSON wants [longitude, latitude])"
        : !crs.IsWebMercator && (Math.Abs(x) > 1000 || Math.Abs(y) > 1000) ? " — these look like projected metres: declare the CRS (EPSG:3857) or convert to EPSG:4326"
        : "";

    private static int Count(JsonElement props, string name, string where, GridFileReport report, List<string> missing)
    {
        if (props.ValueKind != JsonValueKind.Object || !props.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            missing.Add(name);
            return 0;
        }
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n) && n >= 0) return n;
        report.Problem("property", where, $"{name} must be a whole number ≥ 0, got {Short(v)}");
        return 0;
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A property as trimmed text (numbers accepted, e.g. numeric codes); null when absent or empty.</summary>
    private static string? Text(JsonElement props, string name)
    {
        if (props.ValueKind != JsonValueKind.Object || !props.TryGetProperty(name, out var v)) return null;
        var s = v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }

    private static string Short(JsonElement e)
    {
        var raw = e.GetRawText();
        return raw.Length > 40 ? raw[..40] + "…" : raw;
    }

    private static string F(double v) => v.ToString("0.#######", CultureInfo.InvariantCulture);
    private static string P(Coordinate c) => $"({F(c.X)}, {F(c.Y)})";
}
