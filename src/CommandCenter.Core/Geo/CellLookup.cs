using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index.Strtree;

namespace CommandCenter.Core.Geo;

/// <summary>A coarse raster over the grids' extent that answers most points without any geometry
/// test: a cell lying wholly in one grid's interior (checked with a prepared polygon) names that grid,
/// a cell touching no grid says "none", and only cells crossed by a boundary defer to the exact
/// STRtree + point-in-polygon path. With cells about 1/16 of a grid across, nine points in ten take
/// the array lookup.</summary>
internal sealed class CellLookup
{
    public const int Exact = -1;   // a boundary crosses this cell: run the exact test
    public const int None = -2;    // no grid touches this cell

    // Cells are tested slightly enlarged, so a point that floating-point rounding puts in the
    // neighbouring cell is still covered by the decision (0.1 mm here).
    private const double Margin = 1e-9;

    private readonly int[] _cells;
    private readonly int _nx, _ny;
    private readonly double _minX, _minY, _cellW, _cellH;

    public CellLookup(Envelope extent, IReadOnlyList<Geometry> grids, STRtree<int> tree)
    {
        var perSide = Math.Clamp((int)Math.Ceiling(Math.Sqrt(grids.Count) * 16), 16, 1024);
        var aspect = extent.Height / Math.Max(extent.Width, 1e-12);
        _nx = Math.Max(1, (int)Math.Round(perSide / Math.Sqrt(Math.Max(aspect, 1e-6))));
        _ny = Math.Max(1, (int)Math.Round(perSide * Math.Sqrt(Math.Max(aspect, 1e-6))));
        _nx = Math.Min(_nx, 2048);
        _ny = Math.Min(_ny, 2048);
        (_minX, _minY) = (extent.MinX, extent.MinY);
        _cellW = Math.Max(extent.Width, 1e-12) / _nx;
        _cellH = Math.Max(extent.Height, 1e-12) / _ny;
        _cells = new int[_nx * _ny];
        var prepared = grids.Select(PreparedGeometryFactory.Prepare).ToArray();
        var factory = grids.Count > 0 ? grids[0].Factory : new GeometryFactory();
        for (var j = 0; j < _ny; j++)
            for (var i = 0; i < _nx; i++)
            {
                var env = new Envelope(_minX + i * _cellW - Margin, _minX + (i + 1) * _cellW + Margin,
                    _minY + j * _cellH - Margin, _minY + (j + 1) * _cellH + Margin);
                var rect = factory.ToGeometry(env);
                var touching = tree.Query(env).Where(g => prepared[g].Intersects(rect)).ToList();
                _cells[j * _nx + i] = touching.Count switch
                {
                    0 => None,
                    1 when prepared[touching[0]].ContainsProperly(rect) => touching[0],
                    _ => Exact,
                };
            }
    }

    /// <summary>The grid for a point inside the extent, <see cref="None"/> or <see cref="Exact"/>.</summary>
    public int Lookup(double lon, double lat)
    {
        var i = Math.Min((int)((lon - _minX) / _cellW), _nx - 1);
        var j = Math.Min((int)((lat - _minY) / _cellH), _ny - 1);
        return _cells[j * _nx + i];
    }
}
