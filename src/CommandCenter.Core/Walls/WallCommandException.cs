namespace CommandCenter.Core.Walls;

/// <summary>A wall command that was refused; the message is Chinese and says what is wrong.</summary>
public sealed class WallCommandException(string message) : Exception(message);
