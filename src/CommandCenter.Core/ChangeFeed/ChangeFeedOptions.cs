using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Core.ChangeFeed;

/// <summary>Settings of the change-feed listener, section <c>ChangeFeed</c>.</summary>
public sealed class ChangeFeedOptions
{
    public const string Section = "ChangeFeed";

    /// <summary>How long to wait for a NOTIFY before polling the log anyway (a safety net against a lost
    /// notification and the heartbeat behind the "数据延迟" mark).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Pause after a failed reconnect attempt; it doubles with each further failure up to
    /// <see cref="MaxReconnectDelay"/>. The first attempt after a lost connection is immediate.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest pause between reconnect attempts: below the wall's <c>Live:StaleAfter</c> (12 s),
    /// so a screen comes back soon after the database does.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(10);

    [Range(1, 100_000)]
    public int PageSize { get; set; } = 2_000;
}
