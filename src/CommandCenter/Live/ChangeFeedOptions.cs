using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Live;

public sealed class ChangeFeedOptions
{
    public const string Section = "ChangeFeed";

    /// <summary>How long to wait for a NOTIFY before polling the log anyway (a safety net against a lost
    /// notification and the heartbeat behind the "数据延迟" mark).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Pause before reconnecting after the database connection was lost (doubles up to 10 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    [Range(1, 100_000)]
    public int PageSize { get; set; } = 2_000;
}
