using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Core.Cases;

/// <summary>Thresholds of the automatic 督办, relative to a case's deadline (negative = before it).
/// Bound from the "Supervise" configuration section and validated at start.</summary>
public sealed class SuperviseOptions : IValidatableObject
{
    public const string Section = "Supervise";

    /// <summary>Level 1 (预警督办): this long before the deadline. Default 4 hours before.</summary>
    public TimeSpan Level1 { get; set; } = TimeSpan.FromHours(-4);

    /// <summary>Level 2 (超期督办): default at the deadline.</summary>
    public TimeSpan Level2 { get; set; } = TimeSpan.Zero;

    /// <summary>Level 3 (重点督办): default one day after the deadline.</summary>
    public TimeSpan Level3 { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the background service looks for cases that crossed a threshold.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!(Level1 < Level2 && Level2 < Level3))
            yield return new ValidationResult($"Supervise: the thresholds must grow: Level1 ({Level1}) < Level2 ({Level2}) < Level3 ({Level3})",
                [nameof(Level1), nameof(Level2), nameof(Level3)]);
        if (Interval < TimeSpan.FromSeconds(1))
            yield return new ValidationResult($"Supervise:Interval must be at least one second, not {Interval}", [nameof(Interval)]);
    }
}
