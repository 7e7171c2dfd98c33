using CommandCenter.Core.Geo;
using NetTopologySuite.IO;

namespace CommandCenter.Tests.Geo;

public sealed class GridAssignerTests
{
    private static readonly WKTReader Wkt = new();

    // Four 0.01° squares meeting at (119.91, 31.01); the south-west one has a hole.
    private const string SouthWestWithHole =
        "POLYGON ((119.90 31.00, 119.91 31.00, 119.91 31.01, 119.90 31.01, 119.90 31.00), " +
        "(119.903 31.003, 119.906 31.003, 119.906 31.006, 119.903 31.006, 119.903 31.003))";
    private const string SouthEast = "POLYGON ((119.91 31.00, 119.92 31.00, 119.92 31.01, 119.91 31.01, 119.91 31.00))";
    private const string NorthWest = "POLYGON ((119.90 31.01, 119.91 31.01, 119.91 31.02, 119.90 31.02, 119.90 31.01))";
    private const string NorthEast = "MULTIPOLYGON (((119.91 31.01, 119.92 31.01, 119.92 31.02, 119.91 31.02, 119.91 31.01)))";
    private const string HoleFiller = "POLYGON ((119.903 31.003, 119.906 31.003, 119.906 31.006, 119.903 31.006, 119.903 31.003))";

    private static GridShape Shape(string code, string wkt) => new(code, Wkt.Read(wkt));

    private static GridAssigner FourSquares(bool fillHole = false)
    {
        var shapes = new List<GridShape>
        {
            Shape("G04", NorthEast), Shape("G02", SouthEast), Shape("G03", NorthWest), Shape("G01", SouthWestWithHole),
        };
        if (fillHole) shapes.Add(Shape("G05", HoleFiller));
        return new GridAssigner(shapes);
    }

    [Fact]
    public void A_point_inside_a_grid_gets_that_grid()
    {
        var a = FourSquares().Assign(119.915, 31.005);
        Assert.Equal(new GridAssignment("G02", LocationFlag.Inside), a);
    }

    [Fact]
    public void A_point_on_a_shared_edge_goes_to_the_smaller_code_whatever_the_load_order()
    {
        Assert.Equal("G01", FourSquares().Assign(119.91, 31.005).GridCode);

        // Same geometry, codes exchanged: the rule follows the code, not the polygon or the order.
        var swappedCodes = new GridAssigner([Shape("G01", SouthEast), Shape("G02", SouthWestWithHole)]);
        Assert.Equal("G01", swappedCodes.Assign(119.91, 31.005).GridCode);
    }

    [Fact]
    public void A_point_on_a_vertex_shared_by_four_grids_gets_exactly_the_smallest_code()
    {
        var a = FourSquares().Assign(119.91, 31.01);
        Assert.Equal(LocationFlag.Inside, a.Flag);
        Assert.Equal("G01", a.GridCode);
    }

    [Fact]
    public void A_point_on_the_outer_edge_of_the_area_is_inside_its_grid()
    {
        Assert.Equal("G02", FourSquares().Assign(119.92, 31.005).GridCode);
    }

    [Fact]
    public void A_point_in_a_hole_belongs_to_the_grid_filling_the_hole()
    {
        Assert.Equal("G05", FourSquares(fillHole: true).Assign(119.9045, 31.0045).GridCode);
    }

    [Theory]
    [InlineData(119.9045, 31.0045, "G01", 140, 146)]   // in G01's unfilled hole: 0.0015° of longitude at 31°N ≈ 143 m
    [InlineData(119.93, 31.005, "G02", 950, 960)]      // 0.01° east of G02
    public void A_point_outside_every_grid_is_kept_with_the_nearest_grid_and_distance(
        double lon, double lat, string nearest, double minMeters, double maxMeters)
    {
        var a = FourSquares().Assign(lon, lat);

        Assert.Equal(LocationFlag.Outside, a.Flag);
        Assert.Null(a.GridCode);
        Assert.Equal(nearest, a.NearestGridCode);
        Assert.InRange(a.NearestDistanceMeters!.Value, minMeters, maxMeters);
    }

    [Theory]
    [InlineData(double.NaN, 31.005)]
    [InlineData(119.915, double.NaN)]
    [InlineData(double.PositiveInfinity, 31.005)]
    [InlineData(119.915, double.NegativeInfinity)]
    [InlineData(200.0, 31.005)]
    [InlineData(119.915, -95.0)]
    public void NaN_infinite_and_out_of_range_coordinates_are_invalid(double lon, double lat)
    {
        Assert.Equal(GridAssignment.Invalid, FourSquares().Assign(lon, lat));
    }

    [Fact]
    public void Longitude_and_latitude_exchanged_is_reported_as_swapped_not_corrected()
    {
        var a = FourSquares().Assign(31.005, 119.915);

        Assert.Equal(LocationFlag.Swapped, a.Flag);
        Assert.Null(a.GridCode);
        Assert.Equal("G02", a.NearestGridCode);
    }

    [Fact]
    public void Without_grids_a_valid_point_is_outside_without_a_nearest_grid()
    {
        var a = new GridAssigner([]).Assign(119.915, 31.005);
        Assert.Equal(new GridAssignment(null, LocationFlag.Outside), a);
    }

    [Fact]
    public void Fast_paths_agree_with_plain_geometry_on_the_committed_grids()
    {
        var grids = GridFile.Check(File.ReadAllBytes(GridFiles.CommittedPath)).Features;
        var assigner = new GridAssigner(grids.Select(g => new GridShape(g.Code, g.Geometry)));
        var extent = new NetTopologySuite.Geometries.Envelope();
        foreach (var g in grids) extent.ExpandToInclude(g.Geometry.EnvelopeInternal);
        var metric = LocalMetric.Around(extent);
        var metricGrids = grids.Select(g => (g.Code, Geometry: metric.ToMeters(g.Geometry))).ToList();
        var rng = new Random(3);
        var outside = 0;
        for (var n = 0; n < 3000; n++)
        {
            // In and well around the area (up to 60% of its size beyond each side, past the raster).
            var lon = extent.MinX + (rng.NextDouble() * 2.2 - 0.6) * extent.Width;
            var lat = extent.MinY + (rng.NextDouble() * 2.2 - 0.6) * extent.Height;
            var a = assigner.Assign(lon, lat);
            var point = new NetTopologySuite.Geometries.Point(lon, lat);
            var containing = grids.Where(g => g.Geometry.Contains(point)).Select(g => g.Code).ToList();
            if (containing.Count == 1)
            {
                Assert.Equal(new GridAssignment(containing[0], LocationFlag.Inside), a);
                continue;
            }
            outside++;
            var p = new NetTopologySuite.Geometries.Point(metric.X(lon), metric.Y(lat));
            var nearest = metricGrids.MinBy(g => g.Geometry.Distance(p));
            Assert.Equal(LocationFlag.Outside, a.Flag);
            Assert.Equal(nearest.Code, a.NearestGridCode);
            Assert.Equal(nearest.Geometry.Distance(p), a.NearestDistanceMeters!.Value, 0.1);
        }
        Assert.InRange(outside, 1000, 2900);
    }

    [Fact]
    public void Reload_replaces_the_grids_and_the_version()
    {
        var assigner = FourSquares();
        assigner.Reload([Shape("X1", SouthEast)], version: 7);

        Assert.Equal(7, assigner.Version);
        Assert.Equal(1, assigner.GridCount);
        Assert.Equal("X1", assigner.Assign(119.915, 31.005).GridCode);
        Assert.Equal(LocationFlag.Outside, assigner.Assign(119.905, 31.015).Flag);
    }
}
