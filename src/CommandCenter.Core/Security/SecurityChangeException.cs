namespace CommandCenter.Core.Security;

/// <summary>A refused security change (bad name, weak password, last administrator ...). The message is
/// Chinese and meant for the person who asked.</summary>
public sealed class SecurityChangeException(string message) : Exception(message);
