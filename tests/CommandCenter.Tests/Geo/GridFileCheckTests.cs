using CommandCenter.Core.Geo;
using static CommandCenter.Tests.Geo.GridFiles;

namespace CommandCenter.Tests.Geo;

public sealed class GridFileCheckTests
{
    private static GridFileReport Check(byte[] file) => GridFile.Check(file);

    private static GridFileProblem Single(GridFileReport report, string kind)
    {
        Assert.False(report.IsValid);
        return Assert.Single(report.Problems, p => p.Kind == kind);
    }

    [Fact]
    public void The_committed_grid_file_passes_every_check()
    {
        var report = Check(File.ReadAllBytes(CommittedPath));

        Assert.True(report.IsValid, report.ToText("grids.geojson"));
        Assert.Equal(133, report.Features.Count);
        Assert.Equal(0, report.Overlaps);
        Assert.Equal(0, report.Gaps);
        Assert.Equal(25, report.CommunityCount);
        Assert.Equal(7, report.Features.Where(f => f.CommunityKind == "居民区").Select(f => f.CommunityCode).Distinct().Count());
        Assert.Equal(18, report.Features.Where(f => f.CommunityKind == "社区").Select(f => f.CommunityCode).Distinct().Count());
        Assert.Equal(4, report.RegionCount);
        Assert.InRange(report.TotalAreaM2, 18.0e6, 19.5e6);
        Assert.InRange(report.Features.Sum(f => f.Population), 120_000, 140_000);
        Assert.Empty(report.Notes);
    }

    [Fact]
    public void The_generator_writes_the_committed_file_byte_for_byte_and_the_same_bytes_for_the_same_seed()
    {
        Assert.Equal(File.ReadAllBytes(CommittedPath), GridGenerator.Generate());
        Assert.Equal(GridGenerator.Generate(7), GridGenerator.Generate(7));
        Assert.NotEqual(GridGenerator.Generate(7), GridGenerator.Generate(8));
    }

    [Fact]
    public void Another_seed_also_tiles_without_overlaps_or_gaps()
    {
        var report = Check(GridGenerator.Generate(42));
        Assert.True(report.IsValid, report.ToText("seed 42"));
        Assert.Equal(133, report.Features.Count);
    }

    [Fact]
    public void Overlapping_grids_are_refused_with_the_overlap_area_in_square_metres()
    {
        // The second square starts 0.001° inside the first: 0.001° × 0.01° ≈ 95 m × 1,109 m.
        var report = Check(Collection(Feature("A", Square(119.90, 31.00)), Feature("B", Square(119.909, 31.00))));

        var p = Single(report, "overlap");
        Assert.Contains("(A)", p.Where);
        Assert.Contains("(B)", p.Where);
        Assert.InRange(p.AreaM2!.Value, 0.99 * 95.45 * 1108.6, 1.01 * 95.45 * 1108.6);
        Assert.Contains("m²", p.Message);
    }

    [Fact]
    public void A_gap_between_grids_is_refused_with_its_area_and_the_grids_around_it()
    {
        // A ring of 8 squares around a missing ninth.
        var features = new List<string>();
        for (var i = 0; i < 3; i++)
            for (var j = 0; j < 3; j++)
                if (i != 1 || j != 1) features.Add(Feature($"S{i}{j}", Square(119.90 + i * 0.01, 31.00 + j * 0.01)));
        var report = Check(Collection(features.ToArray()));

        var p = Single(report, "gap");
        Assert.InRange(p.AreaM2!.Value, 0.99 * 954.5 * 1108.6, 1.01 * 954.5 * 1108.6);
        Assert.Contains("S01", p.Message);
        Assert.Contains("S21", p.Message);
    }

    [Fact]
    public void A_hole_filled_by_another_grid_is_accepted_but_an_unfilled_hole_is_a_gap()
    {
        var withHole = Feature("A", Polygon(Ring(119.90, 31.00), Ring(119.903, 31.003, 0.003)));
        var filler = Feature("B", Square(119.903, 31.003, 0.003));

        Assert.True(Check(Collection(withHole, filler)).IsValid);
        Assert.Equal(1, Check(Collection(withHole)).Gaps);
    }

    [Fact]
    public void A_self_intersecting_grid_is_refused_naming_the_feature_and_the_spot()
    {
        var bowtie = "{\"type\":\"Polygon\",\"coordinates\":[[[119.90,31.00],[119.91,31.01],[119.91,31.00],[119.90,31.01],[119.90,31.00]]]}";
        var p = Single(Check(Collection(Feature("BOW", bowtie))), "invalid");
        Assert.Contains("BOW", p.Where);
        Assert.Contains("Self-intersection", p.Message);
        Assert.Contains("119.905", p.Message);
    }

    [Fact]
    public void Latitude_and_longitude_swapped_in_the_file_are_refused_and_called_swapped()
    {
        var swapped = Polygon("[[31.00,119.90],[31.00,119.91],[31.01,119.91],[31.01,119.90],[31.00,119.90]]");
        var p = Single(Check(Collection(Feature("SW", swapped))), "range");
        Assert.Contains("swapped", p.Message);
    }

    [Fact]
    public void Projected_metres_without_a_declared_crs_are_refused_with_a_hint()
    {
        var metres = Polygon("[[13348000,3635000],[13349000,3635000],[13349000,3636000],[13348000,3636000],[13348000,3635000]]");
        var p = Single(Check(Collection(Feature("M", metres))), "range");
        Assert.Contains("EPSG:3857", p.Message);
    }

    [Fact]
    public void Web_mercator_is_converted_to_longitude_latitude_with_a_note()
    {
        // x = 13,348,000 m ≈ 119.908° E; y = 3,635,000 m ≈ 31.015° N.
        var metres = Polygon("[[13348000,3635000],[13349000,3635000],[13349000,3636000],[13348000,3636000],[13348000,3635000]]");
        var report = Check(WithCrs("urn:ogc:def:crs:EPSG::3857", Feature("M", metres)));

        Assert.True(report.IsValid, report.ToText("3857"));
        var c = report.Features[0].Geometry.Coordinates[0];
        Assert.InRange(c.X, 119.90, 119.92);
        Assert.InRange(c.Y, 31.00, 31.03);
        Assert.Contains(report.Notes, n => n.Contains("Web Mercator"));
    }

    [Fact]
    public void Cgcs2000_is_accepted_as_wgs84_with_a_note_and_other_crs_are_refused_by_name()
    {
        var cgcs = Check(WithCrs("EPSG:4490", Feature("A", Square(119.90, 31.00))));
        Assert.True(cgcs.IsValid);
        Assert.Contains(cgcs.Notes, n => n.Contains("CGCS2000"));

        var xian80 = Check(WithCrs("EPSG:2385", Feature("A", Square(119.90, 31.00))));
        Assert.Contains("EPSG:2385", Single(xian80, "crs").Message);
    }

    [Fact]
    public void Three_dimensional_coordinates_are_read_in_two_dimensions_with_a_note()
    {
        var z = Polygon("[[119.90,31.00,5.5],[119.91,31.00,6],[119.91,31.01,7],[119.90,31.01,5],[119.90,31.00,5.5]]");
        var report = Check(Collection(Feature("Z", z)));

        Assert.True(report.IsValid);
        Assert.True(double.IsNaN(report.Features[0].Geometry.Coordinates[0].Z));
        Assert.Contains(report.Notes, n => n.Contains("3D"));
    }

    [Fact]
    public void A_multipolygon_grid_in_two_parts_is_accepted()
    {
        var multi = $"{{\"type\":\"MultiPolygon\",\"coordinates\":[[{Ring(119.90, 31.00)}],[{Ring(119.92, 31.00)}]]}}";
        var report = Check(Collection(Feature("MP", multi), Feature("MID", Square(119.91, 31.00))));

        Assert.True(report.IsValid, report.ToText("multi"));
        Assert.Equal(2, report.Features.Single(f => f.Code == "MP").Geometry.NumGeometries);
    }

    [Fact]
    public void Duplicate_and_missing_codes_and_missing_properties_are_each_reported()
    {
        var noCode = "{\"type\":\"Feature\",\"properties\":{\"name\":\"x\",\"community\":\"台苑社区\",\"region\":\"西片\",\"households\":1,\"population\":2},\"geometry\":"
            + Square(119.93, 31.00) + "}";
        var noPopulation = "{\"type\":\"Feature\",\"properties\":{\"code\":\"P\",\"name\":\"x\",\"community\":\"台苑社区\",\"region\":\"西片\",\"households\":1},\"geometry\":"
            + Square(119.94, 31.00) + "}";
        var report = Check(Collection(Feature("D", Square(119.90, 31.00)), Feature("D", Square(119.91, 31.00)), noCode, noPopulation));

        Assert.Contains(report.Problems, p => p.Kind == "duplicate" && p.Where == "code D" && p.Message.Contains("#1, #2"));
        Assert.Contains(report.Problems, p => p.Kind == "property" && p.Where == "feature #3" && p.Message.Contains("code"));
        Assert.Contains(report.Problems, p => p.Kind == "property" && p.Where == "feature #4 (P)" && p.Message.Contains("population"));
    }

    [Fact]
    public void A_community_split_across_two_regions_is_refused()
    {
        var report = Check(Collection(Feature("A", Square(119.90, 31.00), region: "西片"), Feature("B", Square(119.91, 31.00), region: "东片")));
        Assert.Contains("台苑社区", Single(report, "property").Where);
    }

    [Theory]
    [InlineData("{\"type\":\"Point\",\"coordinates\":[119.9,31.0]}", "only Polygon and MultiPolygon")]
    [InlineData("{\"type\":\"Polygon\",\"coordinates\":[[[119.90,31.00],[119.91,31.00],[119.91,31.01],[119.90,31.01]]]}", "not closed")]
    [InlineData("{\"type\":\"Polygon\",\"coordinates\":[[[119.90,31.00],[119.91,31.00],[119.90,31.00]]]}", "at least 4 positions")]
    [InlineData("{\"type\":\"Polygon\",\"coordinates\":[[[119.90,\"31\"],[119.91,31.00],[119.91,31.01],[119.90,31.00]]]}", "expected [longitude, latitude]")]
    [InlineData("null", "has no geometry")]
    public void Malformed_geometry_is_refused_with_the_reason(string geometry, string expected)
    {
        var report = Check(Collection(Feature("G", geometry)));
        Assert.False(report.IsValid);
        Assert.Contains(report.Problems, p => p.Where.Contains("(G)") && p.Message.Contains(expected));
    }

    // The library reads the geometry; its exceptions say what it expected but not where. These pin
    // that the report still names the part, ring and position, with the project's own wording.
    [Theory]
    [InlineData("{\"type\":\"Polygon\",\"coordinates\":[[[119.90,31.00],[119.91,31.00],[119.91,31.01],[119.90,31.01],[119.90,31.00]],"
        + "[[119.903,31.003],[119.906,31.003],[119.906,31.006],[119.903,31.006]]]}",
        "polygon, hole 1: the ring is not closed (first position (119.903, 31.003) differs from last (119.903, 31.006))")]
    [InlineData("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[119.90,31.00],[119.91,31.00],[119.91,31.01],[119.90,31.00]]],"
        + "[[[119.92,31.00],[119.93,\"31\"],[119.93,31.01],[119.92,31.00]]]]}",
        "part 2, outer ring, position 2: expected [longitude, latitude] numbers, got [119.93,\"31\"]")]
    [InlineData("{\"type\":\"Polygon\",\"coordinates\":[[[119.90,31.00],[119.91,31.00],[119.90,31.00]]]}",
        "polygon, outer ring: a ring needs at least 4 positions, has 3")]
    [InlineData("{\"type\":\"Polygon\",\"coordinates\":[[[119.90,31.00],[119.91,31.00]]]}",
        "polygon, outer ring: a ring needs at least 4 positions, has 2")]
    [InlineData("{\"type\":\"Polygon\",\"coordinates\":[[[31.00,119.90],[31.00,119.91],[31.01,119.91],[31.00,119.90]]]}",
        "polygon, outer ring, position 1: (31, 119.9) is not a longitude/latitude — latitude and longitude look swapped")]
    [InlineData("{\"type\":\"Polygon\",\"coordinates\":[]}", "polygon: a polygon needs at least one ring")]
    [InlineData("{\"type\":\"Polygon\"}", "Polygon without a coordinates array")]
    [InlineData("{\"type\":\"MultiPolygon\",\"coordinates\":[]}", "empty MultiPolygon")]
    [InlineData("{\"type\":\"Circle\",\"coordinates\":[119.9,31.0]}", "geometry type Circle is not a grid outline")]
    [InlineData("\"none\"", "has no geometry")]
    public void Malformed_geometry_is_refused_naming_the_part_ring_and_position(string geometry, string expected)
    {
        var p = Assert.Single(Check(Collection(Feature("G", geometry))).Problems);
        Assert.Equal("feature #1 (G)", p.Where);
        Assert.StartsWith(expected, p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_geometry_does_not_hide_the_property_problems_of_the_same_feature()
    {
        var open = "{\"type\":\"Polygon\",\"coordinates\":[[[119.90,31.00],[119.91,31.00],[119.91,31.01],[119.90,31.01]]]}";
        var report = Check(Collection(Feature("G", open, extraProperties: "\"households\":\"12\"")
            .Replace("\"households\":100,", "", StringComparison.Ordinal)));

        Assert.Contains(report.Problems, p => p.Kind == "property" && p.Message == "households must be a whole number ≥ 0, got \"12\"");
        Assert.Contains(report.Problems, p => p.Kind == "geometry" && p.Message.Contains("not closed"));
    }

    [Fact]
    public void Properties_are_read_as_text_numbers_and_the_team_object_keeps_its_chinese()
    {
        var team = "\"team\":{\"cadre\":\"沈建国\",\"volunteers\":3}";
        var feature = Feature("A", Square(119.90, 31.00), extraProperties: $"\"community_code\":330522001,{team}")
            .Replace("\"population\":250", "\"population\":250.0", StringComparison.Ordinal);
        var report = Check(Collection(feature));

        Assert.True(report.IsValid, report.ToText("props"));
        var f = Assert.Single(report.Features);
        Assert.Equal("330522001", f.CommunityCode);
        Assert.Equal(250, f.Population);
        Assert.Equal("{\"cadre\":\"沈建国\",\"volunteers\":3}", f.TeamJson);

        var fraction = Check(Collection(Feature("B", Square(119.90, 31.00)).Replace("\"households\":100", "\"households\":1.5", StringComparison.Ordinal)));
        Assert.Equal("households must be a whole number ≥ 0, got 1.5", Single(fraction, "property").Message);
    }

    [Theory]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[", "json")]
    [InlineData("{\"type\":\"Feature\",\"features\":[]}", "format")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[]}", "format")]
    public void A_file_that_is_not_a_feature_collection_of_grids_is_refused(string text, string kind)
    {
        var report = Check(System.Text.Encoding.UTF8.GetBytes(text));
        Assert.False(report.IsValid);
        Assert.Equal(kind, Assert.Single(report.Problems).Kind);
    }
}
