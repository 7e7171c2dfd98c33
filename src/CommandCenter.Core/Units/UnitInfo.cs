namespace CommandCenter.Core.Units;

/// <summary>A handling unit a case can be dispatched to: a department (部门), a 村居 or a grid team (网格).</summary>
public sealed record UnitInfo(string Code, string Name, string Kind)
{
    /// <summary>"城管（部门）", for pickers and headers.</summary>
    public string Label => $"{Name}（{Kind}）";
}
