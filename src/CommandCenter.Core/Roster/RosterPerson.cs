namespace CommandCenter.Core.Roster;

/// <summary>One person of the grids: a 专职网格员 (with the worker id of their patrol events) or a 1+1+N team member.</summary>
public sealed record RosterPerson(long Id, string? WorkerId, string Name, string? Phone, string TeamRole, IReadOnlyList<string> GridCodes,
    DateOnly ActiveFrom, DateOnly? ActiveTo)
{
    public static readonly IReadOnlyList<string> TeamRoles = ["专职网格员", "机关干部", "社区干部", "志愿者"];

    public bool ActiveOn(DateOnly day) => day >= ActiveFrom && (ActiveTo is null || day <= ActiveTo);
}

/// <summary>A roster row checked and ready to store; <see cref="Line"/> is its line in the imported file.</summary>
public sealed record RosterRow(int Line, string? WorkerId, string Name, string? Phone, string TeamRole, IReadOnlyList<string> GridCodes,
    DateOnly ActiveFrom, DateOnly? ActiveTo);

/// <summary>Why one line of an import was refused, in Chinese, with the raw text kept for the report.</summary>
public sealed record RosterProblem(int Line, string Reason, string Raw);
