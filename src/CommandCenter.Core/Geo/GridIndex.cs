using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace CommandCenter.Core.Geo;

/// <summary>An immutable snapshot of the grids, indexed for point lookups. Built once per import and
/// swapped in whole, so readers never see half a reload and need no lock.</summary>
internal sealed class GridIndex
{
    private readonly string[] _codes;                       // sorted ordinally: index order = code order
    private readonly IPointOnGeometryLocator[] _locators;   // the prepared point-in-area structure per grid
    private readonly STRtree<int> _tree = new();            // lon/lat envelopes → grid index
    private readonly STRtree<int> _metricTree = new();      // metric envelopes, for the nearest grid
    private readonly double[][][] _rings;                   // per grid, per ring: x0,y0,x1,y1,... in metres
    private readonly LocalMetric _metric;
    private readonly Envelope _extent = new();
    private readonly CellLookup? _cells;                    // the fast path for most points (null without grids)
    private readonly Envelope[] _metricEnvelopes;

    public GridIndex(IEnumerable<GridShape> shapes)
    {
        var sorted = shapes.OrderBy(s => s.Code, StringComparer.Ordinal).ToArray();
        _codes = new string[sorted.Length];
        _locators = new IPointOnGeometryLocator[sorted.Length];
        _rings = new double[sorted.Length][][];
        _metricEnvelopes = new Envelope[sorted.Length];
        foreach (var s in sorted) _extent.ExpandToInclude(s.Geometry.EnvelopeInternal);
        _metric = sorted.Length > 0 ? LocalMetric.Around(_extent) : LocalMetric.At(0, 0);
        for (var i = 0; i < sorted.Length; i++)
        {
            _codes[i] = sorted[i].Code;
            _locators[i] = new IndexedPointInAreaLocator(sorted[i].Geometry);
            _tree.Insert(sorted[i].Geometry.EnvelopeInternal, i);
            var metric = _metric.ToMeters(sorted[i].Geometry);
            _metricTree.Insert(metric.EnvelopeInternal, i);
            _metricEnvelopes[i] = metric.EnvelopeInternal;
            _rings[i] = Rings(metric);
        }
        _tree.Build();
        _metricTree.Build();
        if (sorted.Length > 0)
            _cells = new CellLookup(_extent, sorted.Select(s => s.Geometry).ToList(), _tree, _metric,
                OutlineMeters, g => _metricEnvelopes[g]);
        Count = sorted.Length;
    }

    public int Count { get; }

    /// <summary>The grid covering the point, or -1. Rule for shared boundaries: a point in a grid's
    /// interior belongs to that grid; a point on the boundary of one or more grids (a shared edge, a
    /// shared vertex, or the outer edge of the area) belongs to the grid with the ordinally smallest
    /// code among them. So every covered point gets exactly one grid, the same one every time.</summary>
    public int Locate(double lon, double lat)
    {
        if (_cells is null || !_extent.Contains(lon, lat)) return -1;
        var cell = _cells.Lookup(lon, lat);
        if (cell >= 0) return cell;
        if (cell == CellLookup.None) return -1;
        var visitor = new Visitor(this, new Coordinate(lon, lat));
        _tree.Query(new Envelope(lon, lon, lat, lat), visitor);
        return visitor.Found;
    }

    public string Code(int index) => _codes[index];

    /// <summary>The nearest grid and the distance to its outline in metres (local projection; approximate
    /// for points more than a few tens of kilometres away, which are bad data anyway).</summary>
    public (int Index, double Meters) Nearest(double lon, double lat)
    {
        double x = _metric.X(lon), y = _metric.Y(lat);
        var cell = _cells!.CellOf(lon, lat);
        if (cell >= 0)
        {
            var (bestIndex, best) = (-1, double.MaxValue);
            foreach (var g in _cells.NearestCandidates(cell))
            {
                var d = OutlineMeters(g, x, y);
                if (d < best) (bestIndex, best) = (g, d);   // candidates ascend by code: ties go to the smaller code
            }
            if (bestIndex >= 0) return (bestIndex, best);
        }
        var nearest = _metricTree.NearestNeighbour(new Envelope(x, x, y, y), QueryItem, new OutlineDistance(this, x, y));
        return (nearest, OutlineMeters(nearest, x, y));
    }

    private const int QueryItem = -1;

    /// <summary>Distance from (x, y) to the outline of grid <paramref name="index"/>, straight on the
    /// coordinate arrays: the nearest-grid search runs for every outside point, and NTS's general
    /// DistanceOp allocates too much for that.</summary>
    private double OutlineMeters(int index, double x, double y)
    {
        var best = double.MaxValue;
        foreach (var ring in _rings[index])
            for (var k = 0; k + 3 < ring.Length; k += 2)
                best = Math.Min(best, SegmentDistanceSquared(x, y, ring[k], ring[k + 1], ring[k + 2], ring[k + 3]));
        return Math.Sqrt(best);
    }

    private static double SegmentDistanceSquared(double px, double py, double ax, double ay, double bx, double by)
    {
        double dx = bx - ax, dy = by - ay;
        var len2 = dx * dx + dy * dy;
        var t = len2 > 0 ? Math.Clamp(((px - ax) * dx + (py - ay) * dy) / len2, 0, 1) : 0;
        double ex = ax + t * dx - px, ey = ay + t * dy - py;
        return ex * ex + ey * ey;
    }

    private static double[][] Rings(Geometry metric)
    {
        var rings = new List<double[]>();
        for (var p = 0; p < metric.NumGeometries; p++)
        {
            if (metric.GetGeometryN(p) is not Polygon poly) continue;
            foreach (var ring in new[] { poly.ExteriorRing }.Concat(poly.InteriorRings))
            {
                var seq = ring.CoordinateSequence;
                var xy = new double[seq.Count * 2];
                for (var k = 0; k < seq.Count; k++) { xy[2 * k] = seq.GetX(k); xy[2 * k + 1] = seq.GetY(k); }
                rings.Add(xy);
            }
        }
        return rings.ToArray();
    }

    private sealed class Visitor(GridIndex index, Coordinate point) : NetTopologySuite.Index.IItemVisitor<int>
    {
        public int Found { get; private set; } = -1;
        private bool _interior;

        public void VisitItem(int item)
        {
            if (_interior) return;   // an interior hit is final: grids do not overlap
            switch (index._locators[item].Locate(point))
            {
                case Location.Interior:
                    Found = item;
                    _interior = true;
                    break;
                case Location.Boundary when Found < 0 || item < Found:
                    Found = item;
                    break;
            }
        }
    }

    private sealed class OutlineDistance(GridIndex index, double x, double y) : IItemDistance<Envelope, int>
    {
        public double Distance(IBoundable<Envelope, int> item1, IBoundable<Envelope, int> item2) =>
            index.OutlineMeters(item1.Item == QueryItem ? item2.Item : item1.Item, x, y);
    }
}
