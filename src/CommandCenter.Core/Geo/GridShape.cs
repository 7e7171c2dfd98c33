using NetTopologySuite.Geometries;

namespace CommandCenter.Core.Geo;

/// <summary>One grid's code and its (Multi)Polygon in WGS84 longitude/latitude: what the assigner needs.</summary>
public sealed record GridShape(string Code, Geometry Geometry);
