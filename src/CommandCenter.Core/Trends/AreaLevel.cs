namespace CommandCenter.Core.Trends;

/// <summary>The level of a comparison table: 片区, 村居 or 网格 (the drill-down path).</summary>
public enum AreaLevel
{
    Region,
    Community,
    Grid,
}
