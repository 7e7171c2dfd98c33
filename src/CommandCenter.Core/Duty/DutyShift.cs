namespace CommandCenter.Core.Duty;

/// <summary>One shift of the duty roster (值班表): who leads (带班领导) and who is on duty (值班员) from
/// <see cref="StartsAt"/> to <see cref="EndsAt"/>.</summary>
public sealed record DutyShift(long Id, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Leader, IReadOnlyList<string> Officers, string Note)
{
    public bool Covers(DateTimeOffset at) => at >= StartsAt && at < EndsAt;
}

/// <summary>A shift as typed into the admin's form, before it is checked.</summary>
public sealed record DutyShiftDraft(DateTimeOffset StartsAt, DateTimeOffset EndsAt, string? Leader, string? Officers, string? Note);
