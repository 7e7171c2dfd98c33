using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace CommandCenter.Core.Geo;

/// <summary>Reads a grid file (a GeoJSON FeatureCollection of Polygons/MultiPolygons) into
/// <see cref="GridFeature"/>s. NetTopologySuite.IO.GeoJSON4STJ reads each feature's geometry and
/// properties; this class keeps what the library does not do: it names the feature, ring and position
/// of every problem, applies a declared CRS, recognises swapped and projected coordinates, and drops Z.
/// Everything that is wrong is added to the report; nothing is guessed or repaired silently. Accepted
/// conversions (3D → 2D, a declared Web Mercator or CGCS2000 CRS) are recorded as notes.</summary>
internal static class GeoJsonGridReader
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private static readonly JsonSerializerOptions Options = new()
    {
        // Each feature is handed to the library as its slice of the document, which was parsed with
        // trailing commas allowed; the library's reader must accept the same text.
        AllowTrailingCommas = true,
        // The team object is stored as JSON text: keep its Chinese readable, as the file had it.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new GeoJsonConverterFactory(Factory) },
    };

    public static void Read(byte[] utf8, GridFileReport report)
    {
        // The collection itself is walked here, not deserialised as a FeatureCollection: the library
        // stops at the first bad feature (one exception for the whole file, so one problem per import
        // attempt) and does not expose the "crs" member that DeclaredCrs needs.
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
        // Checked here because the library accepts a feature without a "type" member.
        if (f.ValueKind != JsonValueKind.Object || Str(f, "type") != "Feature")
        {
            ctx.Report.Problem("format", where, "not a GeoJSON Feature");
            return;
        }
        // Properties and geometry are read separately (not as one IFeature) so that a broken geometry
        // does not hide the property problems of the same feature, and the other way round.
        var props = ReadProperties(f);
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
        var team = Value(props, "team") is IAttributesTable t ? JsonSerializer.Serialize(t, Options) : "{}";

        var geometry = ReadGeometry(f, where, ctx);
        if (geometry is null || ctx.Report.Problems.Count > before) return;
        ctx.Report.Features.Add(new GridFeature(index, code!, name,
            Text(props, "community_code") ?? community, community, kind!,
            Text(props, "region_code") ?? region, region, households, population, team, geometry));
    }

    /// <summary>The feature's properties as the library's attributes table; a missing or non-object
    /// "properties" reads as an empty table, so each required property is reported as missing.</summary>
    private static IAttributesTable ReadProperties(JsonElement f) =>
        f.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
            ? p.Deserialize<IAttributesTable>(Options) ?? new AttributesTable()
            : new AttributesTable();

    private static string? KindFromName(string community) =>
        community.EndsWith("社区", StringComparison.Ordinal) ? "社区"
        : community.EndsWith("居民区", StringComparison.Ordinal) || community.EndsWith('村') ? "居民区"
        : null;

    private static MultiPolygon? ReadGeometry(JsonElement f, string where, Context ctx)
    {
        if (!f.TryGetProperty("geometry", out var g))
        {
            ctx.Report.Problem("geometry", where, "has no geometry");
            return null;
        }
        Geometry? geometry;
        try
        {
            geometry = g.Deserialize<Geometry>(Options);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            // The library's exception says what it expected, not where: "points must form a closed
            // linestring", "Expected token is 'Number' but was 'String'". The feature's JSON says which
            // part, ring and position.
            ctx.Report.Problem("geometry", where, Explain(g, ctx.Crs) ?? $"not a readable GeoJSON geometry: {ex.Message}");
            return null;
        }
        switch (geometry)
        {
            case null:
                ctx.Report.Problem("geometry", where, "has no geometry");
                return null;
            case Polygon or MultiPolygon when geometry.IsEmpty:
                // The library reads a missing or empty "coordinates" as an empty geometry; a grid needs an outline.
                ctx.Report.Problem("geometry", where, Explain(g, ctx.Crs) ?? $"empty {geometry.GeometryType}");
                return null;
            case Polygon or MultiPolygon:
                return ToGrid(geometry, where, ctx);
            default:
                ctx.Report.Problem("geometry", where, NotAnOutline(geometry.GeometryType));
                return null;
        }
    }

    /// <summary>The geometry the library read, as a 2D MultiPolygon in WGS84 longitude/latitude. The
    /// rings are rebuilt from their positions because every position goes through the declared CRS and
    /// loses its Z (and M), and is checked for range on the way, with its number in the message.</summary>
    private static MultiPolygon? ToGrid(Geometry geometry, string where, Context ctx)
    {
        var single = geometry is Polygon;
        var polygons = new Polygon[geometry.NumGeometries];
        var threeD = false;
        for (var k = 0; k < polygons.Length; k++)
        {
            var polygon = (Polygon)geometry.GetGeometryN(k);
            var at = single ? "polygon" : $"part {k + 1}";
            var rings = new LinearRing[1 + polygon.NumInteriorRings];
            for (var r = 0; r < rings.Length; r++)
            {
                var seq = (r == 0 ? polygon.ExteriorRing : polygon.GetInteriorRingN(r - 1)).CoordinateSequence;
                threeD |= seq.HasZ || seq.HasM;
                var ringAt = r == 0 ? $"{at}, outer ring" : $"{at}, hole {r}";
                var pts = new Coordinate[seq.Count];
                for (var i = 0; i < pts.Length; i++)
                {
                    double x = seq.GetX(i), y = seq.GetY(i);
                    var (lon, lat) = ctx.Crs.ToLonLat(x, y);
                    if (!double.IsFinite(lon) || !double.IsFinite(lat) || lon is < -180 or > 180 || lat is < -90 or > 90)
                    {
                        ctx.Report.Problem("range", where, $"{ringAt}, position {i + 1}: ({F(x)}, {F(y)}) " +
                            $"is not a longitude/latitude{RangeHint(x, y, ctx.Crs)}");
                        return null;
                    }
                    pts[i] = new Coordinate(lon, lat);
                }
                // The library builds a closed ring of 3 positions (a line back and forth); GeoJSON wants 4.
                if (TooFew(ringAt, pts.Length) is { } tooFew)
                {
                    ctx.Report.Problem("geometry", where, tooFew);
                    return null;
                }
                rings[r] = Factory.CreateLinearRing(pts);
            }
            polygons[k] = Factory.CreatePolygon(rings[0], rings[1..]);
        }
        if (threeD) ctx.ThreeD++;
        return Factory.CreateMultiPolygon(polygons);
    }

    /// <summary>Why the library could not make a grid outline of this geometry, found in its JSON: the
    /// first thing wrong, named by part, ring and position. Null when the JSON looks right, so the
    /// caller falls back to the library's own message.</summary>
    private static string? Explain(JsonElement g, DeclaredCrs crs)
    {
        if (g.ValueKind != JsonValueKind.Object) return "has no geometry";
        var type = Str(g, "type");
        if (!g.TryGetProperty("coordinates", out var coords) || coords.ValueKind != JsonValueKind.Array)
            return $"{type ?? "geometry"} without a coordinates array";
        switch (type)
        {
            case "Polygon":
                return ExplainPolygon(coords, "polygon", crs);
            case "MultiPolygon":
                if (coords.GetArrayLength() == 0) return "empty MultiPolygon";
                var k = 0;
                foreach (var part in coords.EnumerateArray())
                    if (ExplainPolygon(part, $"part {++k}", crs) is { } problem) return problem;
                return null;
            default:
                return NotAnOutline(type);
        }
    }

    private static string? ExplainPolygon(JsonElement rings, string at, DeclaredCrs crs)
    {
        if (rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
            return $"{at}: a polygon needs at least one ring";
        var r = 0;
        foreach (var ring in rings.EnumerateArray())
        {
            var ringAt = r++ == 0 ? $"{at}, outer ring" : $"{at}, hole {r - 1}";
            if (ring.ValueKind != JsonValueKind.Array) return $"{ringAt}: not an array of positions";
            var n = 0;
            foreach (var pos in ring.EnumerateArray())
            {
                n++;
                if (pos.ValueKind != JsonValueKind.Array || pos.GetArrayLength() < 2
                    || pos.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.Number))
                    return $"{ringAt}, position {n}: expected [longitude, latitude] numbers, got {Short(pos)}";
            }
            if (TooFew(ringAt, n) is { } tooFew) return tooFew;
            var first = LonLat(ring[0], crs);
            var last = LonLat(ring[n - 1], crs);
            if (!first.Equals2D(last))
                return $"{ringAt}: the ring is not closed (first position {P(first)} differs from last {P(last)})";
        }
        return null;
    }

    private static string? TooFew(string ringAt, int count) =>
        count < 4 ? $"{ringAt}: a ring needs at least 4 positions, has {count}" : null;

    private static string NotAnOutline(string? type) =>
        $"geometry type {type ?? "(none)"} is not a grid outline: only Polygon and MultiPolygon are accepted";

    private static Coordinate LonLat(JsonElement pos, DeclaredCrs crs)
    {
        var (lon, lat) = crs.ToLonLat(pos[0].GetDouble(), pos[1].GetDouble());
        return new Coordinate(lon, lat);
    }

    private static string RangeHint(double x, double y, DeclaredCrs crs) =>
        Math.Abs(x) <= 90 && Math.Abs(y) is > 90 and <= 180 ? " — latitude and longitude look swapped (GeoJSON wants [longitude, latitude])"
        : !crs.IsWebMercator && (Math.Abs(x) > 1000 || Math.Abs(y) > 1000) ? " — these look like projected metres: declare the CRS (EPSG:3857) or convert to EPSG:4326"
        : "";

    /// <summary>Stands for a number the library cannot box (beyond decimal's range, e.g. 1e30).</summary>
    private static readonly object OutOfRange = new();

    /// <summary>A property as the library boxes it: string, decimal, bool, null, a nested table or an
    /// array. The table converts on access and throws for a number it cannot hold as a decimal.</summary>
    private static object? Value(IAttributesTable props, string name)
    {
        try
        {
            return props.GetOptionalValue(name);
        }
        catch (NotSupportedException)
        {
            return OutOfRange;
        }
    }

    private static int Count(IAttributesTable props, string name, string where, GridFileReport report, List<string> missing)
    {
        var v = Value(props, name);
        if (v is null)
        {
            missing.Add(name);
            return 0;
        }
        if (v is decimal d && d >= 0 && d <= int.MaxValue && d == decimal.Truncate(d)) return (int)d;
        report.Problem("property", where, $"{name} must be a whole number ≥ 0, got {Show(v)}");
        return 0;
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>A property as trimmed text (numbers accepted, e.g. numeric codes); null when absent or empty.</summary>
    private static string? Text(IAttributesTable props, string name)
    {
        var s = Value(props, name) switch
        {
            string text => text,
            decimal number => number.ToString(CultureInfo.InvariantCulture),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(s) ? null : s.Trim();
    }

    /// <summary>A property value as JSON again, for a message: "12" with its quotes says it is text.</summary>
    private static string Show(object v) =>
        ReferenceEquals(v, OutOfRange) ? "a number out of range" : Cut(JsonSerializer.Serialize(v, Options));

    private static string Short(JsonElement e) => Cut(e.GetRawText());

    private static string Cut(string raw) => raw.Length > 40 ? raw[..40] + "…" : raw;

    private static string F(double v) => v.ToString("0.#######", CultureInfo.InvariantCulture);
    private static string P(Coordinate c) => $"({F(c.X)}, {F(c.Y)})";
}
