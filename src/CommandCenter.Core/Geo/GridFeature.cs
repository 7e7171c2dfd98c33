using NetTopologySuite.Geometries;

namespace CommandCenter.Core.Geo;

/// <summary>One grid as read from a grid file: its properties and its outline as a 2D MultiPolygon in
/// WGS84 longitude/latitude (whatever CRS and dimension the file used).</summary>
public sealed record GridFeature(
    int Index,
    string Code,
    string Name,
    string CommunityCode,
    string CommunityName,
    string CommunityKind,
    string RegionCode,
    string RegionName,
    int Households,
    int Population,
    string TeamJson,
    MultiPolygon Geometry)
{
    /// <summary>"feature #12 (ZC-03-02)": how the report names this grid.</summary>
    public string Label => $"feature #{Index + 1} ({Code})";
}
