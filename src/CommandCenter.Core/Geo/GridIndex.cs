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
    private readonly STRtree<Geometry> _metricTree = new(); // metric outlines, for the nearest grid
    private readonly Dictionary<Geometry, int> _metricIndex = new(ReferenceEqualityComparer.Instance);
    private readonly LocalMetric _metric;
    private readonly Envelope _extent = new();

    public GridIndex(IEnumerable<GridShape> shapes)
    {
        var sorted = shapes.OrderBy(s => s.Code, StringComparer.Ordinal).ToArray();
        _codes = new string[sorted.Length];
        _locators = new IPointOnGeometryLocator[sorted.Length];
        foreach (var s in sorted) _extent.ExpandToInclude(s.Geometry.EnvelopeInternal);
        _metric = sorted.Length > 0 ? LocalMetric.Around(_extent) : LocalMetric.At(0, 0);
        for (var i = 0; i < sorted.Length; i++)
        {
            _codes[i] = sorted[i].Code;
            _locators[i] = new IndexedPointInAreaLocator(sorted[i].Geometry);
            _tree.Insert(sorted[i].Geometry.EnvelopeInternal, i);
            var metric = _metric.ToMeters(sorted[i].Geometry);
            _metricTree.Insert(metric.EnvelopeInternal, metric);
            _metricIndex[metric] = i;
        }
        _tree.Build();
        _metricTree.Build();
        Count = sorted.Length;
    }

    public int Count { get; }

    /// <summary>The grid covering the point, or -1. Rule for shared boundaries: a point in a grid's
    /// interior belongs to that grid; a point on the boundary of one or more grids (a shared edge, a
    /// shared vertex, or the outer edge of the area) belongs to the grid with the ordinally smallest
    /// code among them. So every covered point gets exactly one grid, the same one every time.</summary>
    public int Locate(double lon, double lat)
    {
        if (Count == 0 || !_extent.Contains(lon, lat)) return -1;
        var visitor = new Visitor(this, new Coordinate(lon, lat));
        _tree.Query(new Envelope(lon, lon, lat, lat), visitor);
        return visitor.Found;
    }

    public string Code(int index) => _codes[index];

    /// <summary>The nearest grid and the distance to its outline in metres (local projection; approximate
    /// for points more than a few tens of kilometres away, which are bad data anyway).</summary>
    public (int Index, double Meters) Nearest(double lon, double lat)
    {
        var p = new Point(_metric.X(lon), _metric.Y(lat));
        var nearest = _metricTree.NearestNeighbour(p.EnvelopeInternal, p, new OutlineDistance());
        return (_metricIndex[nearest], nearest.Distance(p));
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

    private sealed class OutlineDistance : IItemDistance<Envelope, Geometry>
    {
        public double Distance(IBoundable<Envelope, Geometry> item1, IBoundable<Envelope, Geometry> item2) =>
            item1.Item.Distance(item2.Item);
    }
}
