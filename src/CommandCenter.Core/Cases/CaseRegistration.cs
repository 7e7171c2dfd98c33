namespace CommandCenter.Core.Cases;

/// <summary>A case an officer registers by hand (phone-in 来电 / walk-in 来访). It needs a grid: chosen from
/// the list or found from a point clicked on the map.</summary>
public sealed record CaseRegistration
{
    public string Title { get; init; } = "";
    public string Description { get; init; } = "";
    public string CategoryCode { get; init; } = "";
    public string Channel { get; init; } = "群众来电";
    public string? Address { get; init; }
    public double? Longitude { get; init; }
    public double? Latitude { get; init; }
    public string? GridCode { get; init; }
    public string? ReporterName { get; init; }
    public string? ReporterPhone { get; init; }
    public short Priority { get; init; } = 3;

    public static IReadOnlyList<string> Channels { get; } = ["群众来电", "群众来访", "12345热线", "部门移交", "民主议事厅"];
}
