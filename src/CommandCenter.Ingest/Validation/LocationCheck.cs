using CommandCenter.Core.Geo;

namespace CommandCenter.Ingest.Validation;

/// <summary>Validates a record's coordinates and assigns its grid in-process. NaN, infinite and
/// out-of-range coordinates are errors; a point outside every grid is kept and flagged 'outside'; a
/// point whose longitude and latitude look exchanged is kept and flagged 'swapped' (never silently
/// corrected), with a warning for the sender.</summary>
public static class LocationCheck
{
    /// <summary>A validated point with its grid assignment and, when flagged, a warning for the sender.</summary>
    public sealed record Checked(double Longitude, double Latitude, GridAssignment Assignment, string? Warning);

    public static Checked? Read(FieldReader f, IGridAssigner assigner)
    {
        string? warning = null;
        var lon = f.Number("lon");
        var lat = f.Number("lat");
        if (lon is null && lat is null) return null;
        if (lon is null || lat is null)
        {
            f.Error(lon is null ? "lat is given without lon" : "lon is given without lat");
            return null;
        }
        if (!double.IsFinite(lon.Value) || !double.IsFinite(lat.Value))
        {
            f.Error($"lon/lat must be finite numbers, got {lon}, {lat}");
            return null;
        }
        // The assigner knows the swap rule (a latitude of 119.9 is out of range but a swap puts it in a grid).
        var a = assigner.Assign(lon.Value, lat.Value);
        if (a.Flag is LocationFlag.Invalid)
        {
            f.Error($"lon {lon} / lat {lat} are out of range (longitude -180..180, latitude -90..90)");
            return null;
        }
        if (a.Flag is LocationFlag.Swapped)
            warning = $"lon/lat look swapped (the point lat {lon}, lon {lat} lies in grid {a.NearestGridCode}); stored as sent, flagged 'swapped'";
        else if (a.Flag is LocationFlag.Outside)
            warning = $"the point lies outside every grid (nearest {a.NearestGridCode}, {a.NearestDistanceMeters:0} m); stored, flagged 'outside'";
        return new Checked(lon.Value, lat.Value, a, warning);
    }

    /// <summary>The value stored in <c>location_flag</c>: null inside a grid.</summary>
    public static string? Flag(GridAssignment? a) => a?.Flag switch
    {
        null => "missing",
        LocationFlag.Inside => null,
        LocationFlag.Outside => "outside",
        LocationFlag.Swapped => "swapped",
        _ => "invalid",
    };
}
