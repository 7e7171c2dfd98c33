using CommandCenter.Core.Kpis;

namespace CommandCenter.Core.Trends;

/// <summary>An inclusive range of Shanghai calendar days cut into buckets. The constructor widens the
/// range to whole buckets (a week range runs Monday to Sunday, a month range from the 1st), so every
/// bucket on a chart covers the same span and a partial first week never looks like a drop.</summary>
public sealed record TrendRange
{
    public TrendRange(DateOnly from, DateOnly to, TrendGranularity granularity)
    {
        if (to < from)
            throw new ArgumentException($"The range ends ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        Granularity = granularity;
        From = BucketOf(from, granularity);
        To = NextBucket(BucketOf(to, granularity), granularity).AddDays(-1);
    }

    public DateOnly From { get; }
    public DateOnly To { get; }
    public TrendGranularity Granularity { get; }

    /// <summary>The same period as <see cref="KpiPeriod"/> [From 00:00, To+1 00:00) Asia/Shanghai.</summary>
    public KpiPeriod Period => DayPeriod(From, To);

    /// <summary>The first day of every bucket, in order.</summary>
    public IReadOnlyList<DateOnly> Buckets()
    {
        var list = new List<DateOnly>();
        for (var b = From; b <= To; b = NextBucket(b, Granularity))
            list.Add(b);
        return list;
    }

    /// <summary>The bucket (its first day) a day falls in.</summary>
    public static DateOnly BucketOf(DateOnly day, TrendGranularity granularity) => granularity switch
    {
        TrendGranularity.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        TrendGranularity.Month => new DateOnly(day.Year, day.Month, 1),
        _ => day,
    };

    public static DateOnly NextBucket(DateOnly bucket, TrendGranularity granularity) => granularity switch
    {
        TrendGranularity.Week => bucket.AddDays(7),
        TrendGranularity.Month => bucket.AddMonths(1),
        _ => bucket.AddDays(1),
    };

    /// <summary>The KPI period covering whole Shanghai days <paramref name="first"/>..<paramref name="last"/>.</summary>
    public static KpiPeriod DayPeriod(DateOnly first, DateOnly last) =>
        new(Time.Shanghai.StartOfDay(first), Time.Shanghai.StartOfDay(last.AddDays(1)));

    /// <summary>The Monday-to-Sunday week containing <paramref name="day"/>.</summary>
    public static TrendRange Week(DateOnly day) => new(day, day, TrendGranularity.Week);
}
