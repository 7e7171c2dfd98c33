using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Core.Cases;

/// <summary>How long a unit has to sign for (签收) a dispatched case before it escalates by itself, and when
/// an approaching deadline is announced. Bound from the "Dispatch" section and validated at start.</summary>
public sealed class DispatchOptions : IValidatableObject
{
    public const string Section = "Dispatch";

    /// <summary>Sign-for time of a 紧急 (priority 1) case. Default 30 minutes.</summary>
    public TimeSpan SignWithinUrgent { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Sign-for time of every other case. Default 4 hours.</summary>
    public TimeSpan SignWithin { get; set; } = TimeSpan.FromHours(4);

    /// <summary>A 临期 notice goes to the unit this long before the deadline (once per deadline). Default 4 hours.</summary>
    public TimeSpan DueSoonBefore { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How often the watch looks.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan SignWithinFor(short priority) => priority == 1 ? SignWithinUrgent : SignWithin;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SignWithinUrgent <= TimeSpan.Zero || SignWithin <= TimeSpan.Zero)
            yield return new ValidationResult("Dispatch:SignWithin and Dispatch:SignWithinUrgent must be positive", [nameof(SignWithin), nameof(SignWithinUrgent)]);
        if (SignWithinUrgent > SignWithin)
            yield return new ValidationResult($"Dispatch:SignWithinUrgent ({SignWithinUrgent}) must not exceed Dispatch:SignWithin ({SignWithin})", [nameof(SignWithinUrgent)]);
        if (DueSoonBefore <= TimeSpan.Zero)
            yield return new ValidationResult("Dispatch:DueSoonBefore must be positive", [nameof(DueSoonBefore)]);
        if (Interval < TimeSpan.FromSeconds(1))
            yield return new ValidationResult($"Dispatch:Interval must be at least one second, not {Interval}", [nameof(Interval)]);
    }
}
