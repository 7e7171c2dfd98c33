namespace CommandCenter.Core.Jfb;

/// <summary>What an officer enters on a 纠风办 case: 交办 (unit or person, instruction), 处理结果, 问责.
/// Blank fields stay as they were; a field once entered cannot be emptied (the record only grows).</summary>
public sealed record JfbRecordInput(string? AssignedTo, string? AssignedNote, string? Result, string? Accountability);
