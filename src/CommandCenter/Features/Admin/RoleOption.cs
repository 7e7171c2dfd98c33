namespace CommandCenter.Features.Admin;

/// <summary>A role for drop-downs: its code and its Chinese label.</summary>
public sealed record RoleOption(string Code, string Label);
