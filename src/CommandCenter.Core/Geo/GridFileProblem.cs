namespace CommandCenter.Core.Geo;

/// <summary>One reason a grid file is refused: where (a feature, a pair of grids, a spot on the map)
/// and what is wrong, in words an operator can act on. Overlaps and gaps carry their area.</summary>
public sealed record GridFileProblem(string Kind, string Where, string Message, double? AreaM2 = null)
{
    public override string ToString() => $"[{Kind}] {Where}: {Message}";
}
