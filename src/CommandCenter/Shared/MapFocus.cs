namespace CommandCenter.Shared;

/// <summary>Where the map should look instead of the whole subdistrict: a grid, a 片区, or a point (a
/// spotlighted case). Coordinates are WGS-84 like everything stored; the map shifts them for its base layer.</summary>
public sealed record MapFocus(string? GridCode = null, string? RegionCode = null, double? Lon = null, double? Lat = null, long? CaseId = null);
