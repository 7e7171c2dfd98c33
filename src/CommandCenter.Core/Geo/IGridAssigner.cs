namespace CommandCenter.Core.Geo;

/// <summary>Finds the grid (网格) a point lies in. Implemented in-process (no database round trip) so
/// ingest can assign every record of a batch before it is written. Thread-safe; the grids it knows
/// are swapped atomically when a new grid file is imported.</summary>
public interface IGridAssigner
{
    /// <summary>Assigns one WGS84 point (longitude, latitude). Never throws for bad numbers: NaN,
    /// infinities and out-of-range values come back as <see cref="LocationFlag.Invalid"/>.</summary>
    GridAssignment Assign(double longitude, double latitude);
}

/// <summary>Where a point fell. <see cref="GridCode"/> is null unless <see cref="Flag"/> is
/// <see cref="LocationFlag.Inside"/>; for a point outside every grid the nearest grid and its
/// distance are given, so the record can be kept, flagged and still routed by a person.</summary>
public sealed record GridAssignment(
    string? GridCode,
    LocationFlag Flag,
    string? NearestGridCode = null,
    double? NearestDistanceMeters = null)
{
    public static GridAssignment Invalid { get; } = new(null, LocationFlag.Invalid);
}

public enum LocationFlag
{
    /// <summary>Inside exactly one grid.</summary>
    Inside,
    /// <summary>A valid coordinate outside every grid: kept, with the nearest grid.</summary>
    Outside,
    /// <summary>Outside every grid, but the point with longitude and latitude exchanged falls inside
    /// one: almost certainly a lat/lon swap by the sender. Not silently corrected.</summary>
    Swapped,
    /// <summary>NaN, infinite, or outside the WGS84 range.</summary>
    Invalid,
}
