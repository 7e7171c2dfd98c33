using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace CommandCenter.Core.Geo;

/// <summary>A coarse raster over the grids' extent (widened by a fifth on every side) that answers
/// most lookups without geometry tests. A cell lying wholly in one grid's interior (checked with a
/// prepared polygon) names that grid; a cell touching no grid says "none"; only cells crossed by a
/// boundary defer to the exact STRtree + point-in-polygon path. For points outside every grid each
/// cell also keeps the few grids that can be nearest to any point in it, so the nearest-grid search
/// is a handful of distance computations. Cells are about 1/16 of a grid across.</summary>
internal sealed class CellLookup
{
    public const int Exact = -1;      // a boundary crosses this cell: run the exact test
    public const int None = -2;       // no grid touches this cell
    public const int OffRaster = -3;  // the point is outside the raster

    // Cells are tested slightly enlarged, so a point that floating-point rounding puts in the
    // neighbouring cell is still covered by the decision (0.1 mm here).
    private const double Margin = 1e-9;

    private readonly int[] _cells;
    private readonly int[] _nearStart;    // per cell: where its nearest-grid candidates start in _near
    private readonly int[] _near;
    private readonly int _nx, _ny;
    private readonly double _minX, _minY, _cellW, _cellH;

    /// <param name="outlineMeters">distance in metres from a metric point to a grid's outline</param>
    /// <param name="metricEnvelope">a grid's envelope in metres</param>
    public CellLookup(Envelope extent, IReadOnlyList<Geometry> grids, STRtree<int> tree, LocalMetric metric,
        Func<int, double, double, double> outlineMeters, Func<int, Envelope> metricEnvelope)
    {
        var raster = extent.Copy();
        raster.ExpandBy(Math.Max(extent.Width, extent.Height) * 0.2);
        var perSide = Math.Clamp((int)Math.Ceiling(Math.Sqrt(grids.Count) * 16 * 1.4), 16, 1024);
        var aspect = Math.Clamp(raster.Height / raster.Width, 1e-3, 1e3);
        _nx = Math.Max(1, (int)Math.Round(perSide / Math.Sqrt(aspect)));
        _ny = Math.Max(1, (int)Math.Round(perSide * Math.Sqrt(aspect)));
        (_minX, _minY) = (raster.MinX, raster.MinY);
        _cellW = raster.Width / _nx;
        _cellH = raster.Height / _ny;
        _cells = new int[_nx * _ny];
        _nearStart = new int[_nx * _ny + 1];
        var near = new List<int>();
        var prepared = grids.Select(PreparedGeometryFactory.Prepare).ToArray();
        var factory = grids[0].Factory;
        var halfDiagonal = 0.5 * Math.Sqrt(Math.Pow(_cellW * metric.MetersPerDegreeLon, 2) + Math.Pow(_cellH * metric.MetersPerDegreeLat, 2));
        var distances = new double[grids.Count];
        for (var c = 0; c < _cells.Length; c++)
        {
            var (i, j) = (c % _nx, c / _nx);
            var env = new Envelope(_minX + i * _cellW - Margin, _minX + (i + 1) * _cellW + Margin,
                _minY + j * _cellH - Margin, _minY + (j + 1) * _cellH + Margin);
            var rect = factory.ToGeometry(env);
            var touching = tree.Query(env).Where(g => prepared[g].Intersects(rect)).ToList();
            _cells[c] = touching.Count switch
            {
                0 => None,
                1 when prepared[touching[0]].ContainsProperly(rect) => touching[0],
                _ => Exact,
            };
            _nearStart[c] = near.Count;
            if (_cells[c] >= 0) continue;   // never outside: no nearest-grid search here
            // Any point p of the cell has d(p, g*) ≤ d* + r for the grid g* nearest the centre, so
            // only grids within d* + 2r of the centre can be nearest to some p (r = half diagonal).
            var (x, y) = (metric.X(env.Centre.X), metric.Y(env.Centre.Y));
            var best = double.MaxValue;
            for (var g = 0; g < grids.Count; g++)
            {
                distances[g] = metricEnvelope(g).Distance(new Envelope(x, x, y, y));
                if (distances[g] > best) continue;
                distances[g] = outlineMeters(g, x, y);
                best = Math.Min(best, distances[g]);
            }
            for (var g = 0; g < grids.Count; g++)
                if (distances[g] <= best + 2 * halfDiagonal
                    && (distances[g] = outlineMeters(g, x, y)) <= best + 2 * halfDiagonal)
                    near.Add(g);
        }
        _nearStart[^1] = near.Count;
        _near = near.ToArray();
    }

    /// <summary>The cell of a point: its index, or -1 off the raster.</summary>
    public int CellOf(double lon, double lat)
    {
        var fx = (lon - _minX) / _cellW;
        var fy = (lat - _minY) / _cellH;
        if (!(fx >= 0 && fy >= 0 && fx <= _nx && fy <= _ny)) return -1;   // also false for NaN
        return Math.Min((int)fy, _ny - 1) * _nx + Math.Min((int)fx, _nx - 1);
    }

    /// <summary>The grid for a point, <see cref="None"/>, <see cref="Exact"/> or <see cref="OffRaster"/>.</summary>
    public int Lookup(double lon, double lat)
    {
        var c = CellOf(lon, lat);
        return c < 0 ? OffRaster : _cells[c];
    }

    /// <summary>The grids that can be nearest to a point of <paramref name="cell"/>.</summary>
    public ReadOnlySpan<int> NearestCandidates(int cell) => _near.AsSpan(_nearStart[cell], _nearStart[cell + 1] - _nearStart[cell]);
}
