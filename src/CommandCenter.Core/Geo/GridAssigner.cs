namespace CommandCenter.Core.Geo;

/// <summary>The in-process <see cref="IGridAssigner"/>: an STRtree over the grids' envelopes and a
/// prepared point-in-area locator per grid, so a lookup costs a tree probe and one or two
/// point-in-polygon tests, with no database round trip. <see cref="Reload"/> swaps in a new snapshot
/// atomically (after a grid import); concurrent callers see either the old or the new grids.
/// <para>Rules: a point on a shared edge or vertex belongs to the grid with the smallest code
/// (ordinal comparison) among the grids whose boundary it touches — exactly one grid. A valid point
/// outside every grid is <see cref="LocationFlag.Outside"/> with the nearest grid and its distance.
/// If the point with longitude and latitude exchanged falls in a grid, it is
/// <see cref="LocationFlag.Swapped"/>, with that grid as <see cref="GridAssignment.NearestGridCode"/>
/// (and no distance), so a person can confirm the fix; it is never corrected silently.</para></summary>
public sealed class GridAssigner : IGridAssigner
{
    private volatile Snapshot _current;

    public GridAssigner(IEnumerable<GridShape> grids, long version = 0) =>
        _current = new Snapshot(new GridIndex(grids), version);

    /// <summary>Number of grids currently loaded.</summary>
    public int GridCount => _current.Index.Count;

    /// <summary>The grid import the loaded grids came from (grid_imports.id; 0 when none).</summary>
    public long Version => _current.Version;

    public void Reload(IEnumerable<GridShape> grids, long version) =>
        _current = new Snapshot(new GridIndex(grids), version);

    public GridAssignment Assign(double longitude, double latitude)
    {
        if (!double.IsFinite(longitude) || !double.IsFinite(latitude)) return GridAssignment.Invalid;
        var index = _current.Index;
        var inRange = longitude is >= -180 and <= 180 && latitude is >= -90 and <= 90;
        if (inRange)
        {
            var hit = index.Locate(longitude, latitude);
            if (hit >= 0) return new GridAssignment(index.Code(hit), LocationFlag.Inside);
        }
        // Checked before the range test: a swapped pair near 31°N 120°E has "latitude" 120, out of range.
        var swapped = index.Locate(latitude, longitude);
        if (swapped >= 0) return new GridAssignment(null, LocationFlag.Swapped, index.Code(swapped));
        if (!inRange) return GridAssignment.Invalid;
        if (index.Count == 0) return new GridAssignment(null, LocationFlag.Outside);
        var (nearest, meters) = index.Nearest(longitude, latitude);
        return new GridAssignment(null, LocationFlag.Outside, index.Code(nearest), Math.Round(meters, 1));
    }

    private sealed record Snapshot(GridIndex Index, long Version);
}
