namespace CommandCenter.Core.Photos;

/// <summary>A photo's JPEG bytes with what access to it depends on: the case's grid and its 承办单位.</summary>
public sealed record PhotoContent(long CaseId, string? GridCode, string? AssigneeCode, byte[] Jpeg);
