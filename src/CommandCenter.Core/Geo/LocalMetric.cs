using NetTopologySuite.Geometries;

namespace CommandCenter.Core.Geo;

/// <summary>A local equirectangular projection on the WGS84 ellipsoid around one reference latitude:
/// metres per degree of longitude and latitude. Over a subdistrict (a few km across) its area and
/// distance error is far below 0.1%, which is all the checks and the nearest-grid distance need,
/// without a projection library.</summary>
public readonly record struct LocalMetric(double MetersPerDegreeLon, double MetersPerDegreeLat, double OriginLon, double OriginLat)
{
    private const double A = 6378137.0;                 // WGS84 semi-major axis
    private const double E2 = 0.00669437999014;         // WGS84 first eccentricity squared

    public static LocalMetric At(double originLon, double originLat)
    {
        var phi = originLat * Math.PI / 180;
        var s = Math.Sin(phi);
        var w = 1 - E2 * s * s;
        var meridian = A * (1 - E2) / (w * Math.Sqrt(w));
        var normal = A / Math.Sqrt(w);
        return new LocalMetric(normal * Math.Cos(phi) * Math.PI / 180, meridian * Math.PI / 180, originLon, originLat);
    }

    public static LocalMetric Around(Envelope lonLat) => At(lonLat.Centre.X, lonLat.Centre.Y);

    /// <summary>Square metres per square degree: areas computed in degrees scale by this factor.</summary>
    public double SquareMetersPerSquareDegree => MetersPerDegreeLon * MetersPerDegreeLat;

    public double AreaM2(Geometry lonLat) => lonLat.Area * SquareMetersPerSquareDegree;

    public double X(double lon) => (lon - OriginLon) * MetersPerDegreeLon;
    public double Y(double lat) => (lat - OriginLat) * MetersPerDegreeLat;
    public double Lon(double x) => OriginLon + x / MetersPerDegreeLon;
    public double Lat(double y) => OriginLat + y / MetersPerDegreeLat;

    /// <summary>A copy of <paramref name="lonLat"/> in local metres (x east, y north).</summary>
    public Geometry ToMeters(Geometry lonLat)
    {
        var self = this;
        return Transform(lonLat, (x, y) => (self.X(x), self.Y(y)));
    }

    /// <summary>A copy of <paramref name="meters"/> back in longitude/latitude.</summary>
    public Geometry ToLonLat(Geometry meters)
    {
        var self = this;
        return Transform(meters, (x, y) => (self.Lon(x), self.Lat(y)));
    }

    /// <summary>A copy of <paramref name="geometry"/> with every XY mapped by <paramref name="map"/>.</summary>
    public static Geometry Transform(Geometry geometry, Func<double, double, (double X, double Y)> map)
    {
        var copy = geometry.Copy();
        copy.Apply(new SequenceFilter(map));
        copy.GeometryChanged();
        return copy;
    }

    private sealed class SequenceFilter(Func<double, double, (double X, double Y)> map) : ICoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var (x, y) = map(seq.GetX(i), seq.GetY(i));
            seq.SetX(i, x);
            seq.SetY(i, y);
        }
    }
}
