using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Core.Walls;

public sealed class WallOptions
{
    public const string Section = "Walls";

    /// <summary>How long a command holds the walls when the desk does not say (then they return to normal).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan DefaultDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest a command may hold the walls.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "7.00:00:00")]
    public TimeSpan MaxDuration { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How often a wall reports that it is alive (and its change-feed position).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>A wall not heard from for this long is shown as offline.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan OfflineAfter { get; set; } = TimeSpan.FromSeconds(20);
}
