using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.OverlayNG;
using NetTopologySuite.Operation.Polygonize;
using NetTopologySuite.Triangulate;

namespace CommandCenter.Core.Geo;

/// <summary>The geometric half of the generator: a plausible subdistrict outline and its tiling into
/// cells (a relaxed Voronoi diagram clipped to the outline). The result is snap-rounded to 1e-7° and
/// rebuilt from the noded linework, so neighbouring cells share exactly the same vertices and the
/// file has no slivers, overlaps or gaps after it is written with 7 decimals.</summary>
internal static class GridTiling
{
    private static readonly GeometryFactory Metres = new();
    private static readonly GeometryFactory LonLat = new(new PrecisionModel(), 4326);
    private static readonly PrecisionModel SevenDecimals = new(1e7);

    /// <summary>Cells in lon/lat, in a stable order, each a Polygon (rarely a MultiPolygon).</summary>
    public static List<Geometry> Build(SeededRandom rng, LocalMetric metric, int cells, double areaM2)
    {
        var outline = Outline(rng, areaM2);
        var seeds = Seeds(rng, outline, cells);
        for (var i = 0; i < 3; i++)   // Lloyd relaxation: rounder, more even cells, like drawn grids
            seeds = Voronoi(seeds, outline)
                .Select(c => outline.Contains(c.Centroid) ? c.Centroid.Coordinate : c.InteriorPoint.Coordinate).ToList();
        var metricCells = Voronoi(seeds, outline);

        // Node every cell boundary together on the 1e-7° grid, then polygonize: shared edges become
        // one and the same line, so both neighbours get identical coordinates.
        var lonLatCells = metricCells.Select(c => metric.ToLonLat(c)).ToList();
        var lines = LonLat.BuildGeometry(lonLatCells.Select(c => (Geometry)c.Boundary).ToList());
        var noded = UnaryUnionNG.Union(lines, SevenDecimals);
        var polygonizer = new Polygonizer();
        polygonizer.Add(noded);
        var faces = polygonizer.GetPolygons().Select(f => LonLat.CreateGeometry(f)).ToList();

        var result = new List<Geometry>();
        for (var i = 0; i < lonLatCells.Count; i++)
        {
            var mine = faces.Where(f => lonLatCells[i].Covers(f.InteriorPoint)).ToList();
            if (mine.Count == 0) continue;   // a cell that collapsed below 1e-7°; never happens at 140,000 m² a cell
            result.Add(mine.Count == 1 ? mine[0] : LonLat.CreateMultiPolygon(mine.Cast<Polygon>().ToArray()));
        }
        return result;
    }

    /// <summary>A wavy, slightly elongated outline around the origin, scaled to exactly <paramref name="areaM2"/>.</summary>
    private static Polygon Outline(SeededRandom rng, double areaM2)
    {
        const int n = 72;
        var waves = Enumerable.Range(0, 4).Select(k => (Freq: k + 2, Amp: rng.Range(0.03, 0.10) / (k + 1), Phase: rng.Range(0, 2 * Math.PI))).ToList();
        var stretch = rng.Range(1.15, 1.35);   // the old town grew along the river: taller than wide
        var pts = new Coordinate[n + 1];
        for (var i = 0; i < n; i++)
        {
            var t = 2 * Math.PI * i / n;
            var r = 1 + waves.Sum(w => w.Amp * Math.Sin(w.Freq * t + w.Phase));
            pts[i] = new Coordinate(r * Math.Cos(t) / Math.Sqrt(stretch), r * Math.Sin(t) * Math.Sqrt(stretch));
        }
        pts[n] = pts[0].Copy();
        var unit = Metres.CreatePolygon(pts);
        var scale = Math.Sqrt(areaM2 / unit.Area);
        return (Polygon)LocalMetric.Transform(unit, (x, y) => (x * scale, y * scale));
    }

    /// <summary>Best-candidate sampling: well spread, denser towards the centre (the old town).</summary>
    private static List<Coordinate> Seeds(SeededRandom rng, Polygon outline, int count)
    {
        var env = outline.EnvelopeInternal;
        var radius = Math.Max(env.Width, env.Height) / 2;
        var seeds = new List<Coordinate>();
        while (seeds.Count < count)
        {
            Coordinate? best = null;
            var bestScore = -1.0;
            for (var k = 0; k < 24; k++)
            {
                var c = new Coordinate(rng.Range(env.MinX, env.MaxX), rng.Range(env.MinY, env.MaxY));
                if (!outline.Contains(Metres.CreatePoint(c))) { k--; continue; }
                var spacing = 0.7 + 0.6 * Math.Min(1, Math.Sqrt(c.X * c.X + c.Y * c.Y) / radius);
                var score = seeds.Count == 0 ? 0 : seeds.Min(s => s.Distance(c)) / spacing;
                if (score > bestScore) (best, bestScore) = (c, score);
            }
            seeds.Add(best!);
        }
        return seeds;
    }

    /// <summary>The Voronoi cells of <paramref name="seeds"/> clipped to <paramref name="outline"/>, in seed order.</summary>
    private static List<Geometry> Voronoi(List<Coordinate> seeds, Polygon outline)
    {
        var builder = new VoronoiDiagramBuilder();
        builder.SetSites(seeds);
        var env = outline.EnvelopeInternal.Copy();
        env.ExpandBy(env.Width);
        builder.ClipEnvelope = env;
        var diagram = builder.GetDiagram(Metres);
        var cells = Enumerable.Range(0, diagram.NumGeometries).Select(diagram.GetGeometryN).ToList();
        // The builder returns cells in its own order; each cell's user data is its site.
        return seeds.Select(s => cells.First(c => ((Coordinate)c.UserData).Equals2D(s)).Intersection(outline)).ToList();
    }
}
