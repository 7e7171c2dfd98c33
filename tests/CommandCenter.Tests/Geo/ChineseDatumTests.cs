using CommandCenter.Core.Geo.Datums;

namespace CommandCenter.Tests.Geo;

/// <summary>WGS-84 ⇄ GCJ-02 ⇄ BD-09 against published reference pairs, and round trips.</summary>
public sealed class ChineseDatumTests
{
    // One metre is about 9e-6° of latitude; the published pairs come from the same public formulas, so they
    // must agree to well under a centimetre (1e-7° ≈ 1 cm).
    private const double Exact = 1e-7;

    /// <summary>WGS-84 → GCJ-02 pairs published with googollee/eviltransform (its test file,
    /// python/test_eviltransform.py: Shanghai, Shenzhen, Beijing; lat/lng there, lon/lat here) and with
    /// wandergis/coordtransform (test/app.js: wgs84togcj02(116.404, 39.915)).</summary>
    public static TheoryData<double, double, double, double> WgsToGcj() => new()
    {
        { 121.5272106, 31.1774276, 121.531541859215, 31.17530398364597 },     // eviltransform, Shanghai
        { 113.912316, 22.543847, 113.9171764808363, 22.540796131694766 },     // eviltransform, Shenzhen
        { 116.377817, 39.911954, 116.38404722455657, 39.91334545536069 },     // eviltransform, Beijing
        { 116.404, 39.915, 116.41024449916938, 39.91640428150164 },           // wandergis/coordtransform
    };

    [Theory]
    [MemberData(nameof(WgsToGcj))]
    public void Wgs84_to_gcj02_matches_the_published_pairs(double lon, double lat, double gcjLon, double gcjLat)
    {
        var (x, y) = ChineseDatums.Wgs84ToGcj02(lon, lat);

        Assert.Equal(gcjLon, x, Exact);
        Assert.Equal(gcjLat, y, Exact);
    }

    [Fact]
    public void Gcj02_to_bd09_matches_the_published_pair()
    {
        // wandergis/coordtransform test/app.js: gcj02tobd09(116.404, 39.915) = [116.41036949371029, 39.92133699351021].
        var (x, y) = ChineseDatums.Gcj02ToBd09(116.404, 39.915);

        Assert.Equal(116.41036949371029, x, Exact);
        Assert.Equal(39.92133699351021, y, Exact);
    }

    /// <summary>The reverse directions published by wandergis/coordtransform (test/app.js): gcj02towgs84 and
    /// bd09togcj02 of (116.404, 39.915). That library inverts approximately (one step), which agrees with an
    /// exact inverse to within decimetres, not millimetres: the tolerance here is 5e-6° (about half a metre);
    /// exactness is the round-trip test's. (googollee/eviltransform's BD-09 pairs were left out: its bd2wgs
    /// is 4–10 m away from both the exact inverse and its own forward formula.)</summary>
    public static TheoryData<string, double, double, double, double> Inverses() => new()
    {
        { "gcj02→wgs84", 116.404, 39.915, 116.39775550083061, 39.91359571849836 },
        { "bd09→gcj02", 116.404, 39.915, 116.39762729119315, 39.90865673957631 },
    };

    [Theory]
    [MemberData(nameof(Inverses))]
    public void The_inverses_agree_with_the_published_approximate_ones(string direction, double lon, double lat, double wgsLon, double wgsLat)
    {
        var (x, y) = direction == "bd09→gcj02" ? ChineseDatums.Bd09ToGcj02(lon, lat) : ChineseDatums.Gcj02ToWgs84(lon, lat);

        Assert.Equal(wgsLon, x, 5e-6);
        Assert.Equal(wgsLat, y, 5e-6);
    }

    [Theory]
    [InlineData(MapDatum.Gcj02)]
    [InlineData(MapDatum.Bd09)]
    public void Round_trips_over_the_subdistrict_and_all_of_china_stay_within_a_centimetre(MapDatum datum)
    {
        var random = new Random(16);
        var worst = 0.0;
        for (var i = 0; i < 5000; i++)
        {
            // Half the points around 长兴 (the grids), half anywhere in China's box.
            var (lon, lat) = i % 2 == 0
                ? (119.85 + random.NextDouble() * 0.12, 30.97 + random.NextDouble() * 0.1)
                : (73 + random.NextDouble() * 62, 18 + random.NextDouble() * 35);
            var (sx, sy) = ChineseDatums.FromWgs84(datum, lon, lat);
            var (bx, by) = ChineseDatums.ToWgs84(datum, sx, sy);
            worst = Math.Max(worst, Metres(lon, lat, bx, by));
        }

        Assert.True(worst < 0.01, $"worst round trip {worst * 100:0.000} cm");
    }

    [Fact]
    public void The_shift_near_the_subdistrict_is_hundreds_of_metres_as_the_maps_show()
    {
        // 长兴县城 (119.91 E, 31.02 N): GCJ-02 moves points by some 500 m, BD-09 by about 1 km more.
        var (gx, gy) = ChineseDatums.Wgs84ToGcj02(119.91, 31.02);
        var (bx, by) = ChineseDatums.Wgs84ToBd09(119.91, 31.02);

        Assert.InRange(Metres(119.91, 31.02, gx, gy), 300, 800);
        Assert.InRange(Metres(119.91, 31.02, bx, by), 900, 2000);
    }

    [Fact]
    public void Outside_china_gcj02_applies_no_offset_and_wgs84_never_moves()
    {
        Assert.Equal((2.35, 48.85), ChineseDatums.Wgs84ToGcj02(2.35, 48.85));
        Assert.Equal((119.91, 31.02), ChineseDatums.FromWgs84(MapDatum.Wgs84, 119.91, 31.02));
    }

    [Theory]
    [InlineData("wgs84", MapDatum.Wgs84)]
    [InlineData("GCJ-02", MapDatum.Gcj02)]
    [InlineData("bd09", MapDatum.Bd09)]
    [InlineData("", MapDatum.Wgs84)]
    public void Settings_name_the_datum(string text, MapDatum expected) => Assert.Equal(expected, MapDatums.Parse(text));

    [Fact]
    public void An_unknown_datum_is_not_guessed() => Assert.Null(MapDatums.Parse("cgcs2000"));

    private static double Metres(double lon1, double lat1, double lon2, double lat2)
    {
        const double R = 6371008.8;
        var dLat = (lat2 - lat1) * Math.PI / 180;
        var dLon = (lon2 - lon1) * Math.PI / 180 * Math.Cos(lat1 * Math.PI / 180);
        return R * Math.Sqrt(dLat * dLat + dLon * dLon);
    }
}
