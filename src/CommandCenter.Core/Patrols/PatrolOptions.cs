using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Core.Patrols;

/// <summary>Section "Patrols", validated at start.</summary>
public sealed class PatrolOptions
{
    public const string Section = "Patrols";

    /// <summary>A grid with no patrol event for this many days is listed as 未巡查 on /trends (抄底式排查 expects every
    /// grid visited within days, not weeks).</summary>
    [Range(1, 90)]
    public int UnpatrolledDays { get; set; } = 3;
}
