namespace CommandCenter.Core.Photos;

/// <summary>A photo's JPEG bytes with what access to it depends on: the case's grid, its 承办单位 and the
/// departments summoned to it (吹哨), who work the case too.</summary>
public sealed record PhotoContent(long CaseId, string? GridCode, string? AssigneeCode, IReadOnlyList<string> SummonedCodes, byte[] Jpeg);
