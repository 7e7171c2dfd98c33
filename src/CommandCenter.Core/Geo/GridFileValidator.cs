using System.Globalization;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Union;
using NetTopologySuite.Operation.Valid;

namespace CommandCenter.Core.Geo;

/// <summary>Checks the grids of a file as a whole: unique codes, consistent 村居/片区 properties, valid
/// geometry, and that the grids tile their area — no overlaps, no gaps (holes in the union that no
/// grid fills). Areas are in m² on a local projection.</summary>
internal static class GridFileValidator
{
    /// <summary>Overlaps and gaps smaller than this are floating-point noise from the tool that wrote
    /// the file (a 1 m² sliver is a 1 m × 1 m square), not a mistake in the boundaries.</summary>
    public const double ToleranceM2 = 1.0;

    public static void Validate(GridFileReport report)
    {
        var grids = report.Features;
        if (grids.Count == 0) return;
        var readingProblems = report.Problems.Count;
        CheckCodes(report);
        CheckHierarchy(report);
        if (readingProblems > 0)
        {
            // Features that could not be read are missing from the tiling: gaps there would be noise.
            report.Notes.Add("overlaps and gaps are checked once the problems above are fixed");
            return;
        }
        var metric = LocalMetric.Around(Extent(grids));
        var valid = true;
        foreach (var g in grids)
        {
            var op = new IsValidOp(g.Geometry);
            if (op.IsValid) continue;
            valid = false;
            var e = op.ValidationError!;
            report.Problem("invalid", g.Label, $"invalid geometry: {e.Message} at ({F(e.Coordinate.X)}, {F(e.Coordinate.Y)})");
        }
        if (!valid) return;   // overlay operations are undefined on invalid input
        report.TotalAreaM2 = grids.Sum(g => metric.AreaM2(g.Geometry));
        foreach (var g in grids.Where(g => metric.AreaM2(g.Geometry) < ToleranceM2))
            report.Problem("invalid", g.Label, "the grid has no area");
        try
        {
            CheckOverlaps(report, metric);
            CheckGaps(report, metric);
        }
        catch (TopologyException ex)
        {
            report.Problem("invalid", "file", $"overlaps and gaps could not be computed: {ex.Message}");
        }
    }

    private static void CheckCodes(GridFileReport report)
    {
        foreach (var dup in report.Features.GroupBy(f => f.Code, StringComparer.Ordinal).Where(g => g.Count() > 1))
            report.Problem("duplicate", $"code {dup.Key}", $"used by {dup.Count()} features: {string.Join(", ", dup.Select(f => $"#{f.Index + 1}"))}");
    }

    private static void CheckHierarchy(GridFileReport report)
    {
        foreach (var c in report.Features.GroupBy(f => f.CommunityCode, StringComparer.Ordinal))
        {
            var variants = c.Select(f => (f.CommunityName, f.CommunityKind, f.RegionCode)).Distinct().ToList();
            if (variants.Count > 1)
                report.Problem("property", $"村居 {c.Key}", "its grids disagree on name, kind or 片区: " +
                    string.Join("; ", variants.Select(v => $"{v.CommunityName}/{v.CommunityKind}/{v.RegionCode}")));
        }
        foreach (var r in report.Features.GroupBy(f => f.RegionCode, StringComparer.Ordinal))
        {
            var names = r.Select(f => f.RegionName).Distinct().ToList();
            if (names.Count > 1)
                report.Problem("property", $"片区 {r.Key}", $"its grids disagree on the name: {string.Join(", ", names)}");
        }
    }

    private static void CheckOverlaps(GridFileReport report, LocalMetric metric)
    {
        var grids = report.Features;
        var tree = new STRtree<int>();
        for (var i = 0; i < grids.Count; i++) tree.Insert(grids[i].Geometry.EnvelopeInternal, i);
        tree.Build();
        for (var i = 0; i < grids.Count; i++)
        {
            var a = grids[i];
            var prepared = PreparedGeometryFactory.Prepare(a.Geometry);
            foreach (var j in tree.Query(a.Geometry.EnvelopeInternal).Where(j => j > i).Order())
            {
                var b = grids[j];
                if (!prepared.Intersects(b.Geometry) || prepared.Touches(b.Geometry)) continue;
                var overlap = a.Geometry.Intersection(b.Geometry);
                var area = metric.AreaM2(overlap);
                if (area < ToleranceM2) continue;
                var at = overlap.InteriorPoint.Coordinate;
                report.Problem("overlap", $"{a.Label} and {b.Label}",
                    $"overlap of {area.ToString("N1", CultureInfo.InvariantCulture)} m² around ({F(at.X)}, {F(at.Y)})", area);
            }
        }
    }

    private static void CheckGaps(GridFileReport report, LocalMetric metric)
    {
        var grids = report.Features;
        var union = CascadedPolygonUnion.Union(grids.Select(g => (Geometry)g.Geometry).ToList());
        var parts = Enumerable.Range(0, union.NumGeometries).Select(union.GetGeometryN).OfType<Polygon>().ToList();
        if (parts.Count > 1)
            report.Notes.Add($"the grids form {parts.Count} separate areas (not a gap, but check that this is intended)");
        foreach (var hole in parts.SelectMany(p => p.Holes))
        {
            var gap = hole.Factory.CreatePolygon(hole);
            var area = metric.AreaM2(gap);
            if (area < ToleranceM2) continue;
            var around = grids.Where(g => g.Geometry.EnvelopeInternal.Intersects(hole.EnvelopeInternal) && g.Geometry.Distance(hole) < 1e-7)
                .Select(g => g.Code).Order(StringComparer.Ordinal).ToList();
            var at = gap.InteriorPoint.Coordinate;
            report.Problem("gap", $"around ({F(at.X)}, {F(at.Y)})",
                $"gap of {area.ToString("N1", CultureInfo.InvariantCulture)} m² covered by no grid, between {string.Join(", ", around)}", area);
        }
    }

    private static Envelope Extent(IEnumerable<GridFeature> grids)
    {
        var e = new Envelope();
        foreach (var g in grids) e.ExpandToInclude(g.Geometry.EnvelopeInternal);
        return e;
    }

    private static string F(double v) => v.ToString("0.000000", CultureInfo.InvariantCulture);
}
