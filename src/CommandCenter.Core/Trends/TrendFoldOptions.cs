using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Core.Trends;

/// <summary>Section <c>Trends</c>: how often the background folder moves pending parts into the rollups.</summary>
public sealed class TrendFoldOptions
{
    public const string Section = "Trends";

    /// <summary>Pause between two folds. Readers fold for themselves, so this bounds the backlog (and the size of
    /// one fold), not how current a reader's numbers are. Shorter folds more often with fewer writes merged per key.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan FoldInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>false: no background folder in this process (readers still fold).</summary>
    public bool BackgroundFold { get; set; } = true;
}
