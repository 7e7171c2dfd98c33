using CommandCenter.Core.Time;

namespace CommandCenter.Core.Campaigns;

/// <summary>A 专项任务 pushed down to the grids. <see cref="Counters"/>[0] is the base of every rate.</summary>
public sealed record Campaign(
    long Id,
    string Title,
    string Description,
    DateOnly StartsOn,
    DateOnly EndsOn,
    string Scope,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? EndedAt,
    string? EndedBy,
    DateTimeOffset? OnWallAt,
    IReadOnlyList<CampaignCounter> Counters,
    int GridCount)
{
    public CampaignStatus StatusOn(DateOnly today) =>
        EndedAt is not null || today > EndsOn ? CampaignStatus.Ended : today < StartsOn ? CampaignStatus.NotStarted : CampaignStatus.Running;

    public CampaignStatus StatusAt(DateTimeOffset now) => StatusOn(Today(now));

    /// <summary>The calendar day in Asia/Shanghai: campaign periods are local days.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(Shanghai.ToLocal(now).DateTime);

    public string Period => $"{StartsOn:yyyy-MM-dd} 至 {EndsOn:yyyy-MM-dd}";
}

/// <summary>One counter (排查户数, 约谈, 整改 …) with its optional target per grid.</summary>
public sealed record CampaignCounter(int Ord, string Label, int? GridTarget)
{
    /// <summary>"约谈" → "约谈率", "整改户数" → "整改率".</summary>
    public string RateLabel => (Label.EndsWith("户数", StringComparison.Ordinal) ? Label[..^2] : Label) + "率";
}

public enum CampaignStatus { NotStarted, Running, Ended }

public static class CampaignStatusText
{
    public static string Label(CampaignStatus s) => s switch
    {
        CampaignStatus.Running => "进行中",
        CampaignStatus.NotStarted => "未开始",
        _ => "已结束",
    };
}
