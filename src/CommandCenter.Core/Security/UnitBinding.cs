namespace CommandCenter.Core.Security;

/// <summary>What a 承办单位 or 网格员 account acts for: one unit code (a department, a 村居 or a grid team —
/// the codes <c>cases.assignee_code</c> holds) and, for a 网格员, the grids they cover.</summary>
public sealed record UnitBinding(string UnitCode, IReadOnlyList<string> GridCodes)
{
    /// <summary>Every assignee code whose cases this account works: its unit and its grids.</summary>
    public IReadOnlyList<string> Scope => [.. GridCodes.Prepend(UnitCode).Distinct(StringComparer.Ordinal)];
}
