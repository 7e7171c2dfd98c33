using CommandCenter.Core.Time;

namespace CommandCenter.Core.Kpis;

/// <summary>A reporting period [From, To) in Asia/Shanghai: a day, a Monday-to-Sunday week, a month,
/// or any range a report asks for.</summary>
public sealed record KpiPeriod(DateTimeOffset From, DateTimeOffset To)
{
    public static KpiPeriod Today(DateTimeOffset now) => Day(Shanghai.StartOfDay(now));

    public static KpiPeriod Day(DateTimeOffset startOfDay) => new(startOfDay, startOfDay.AddDays(1));

    public static KpiPeriod Day(DateOnly date) => Day(Shanghai.StartOfDay(date));

    public static KpiPeriod Week(DateTimeOffset now)
    {
        var start = Shanghai.StartOfWeek(now);
        return new(start, start.AddDays(7));
    }

    public static KpiPeriod Month(DateTimeOffset now)
    {
        var start = Shanghai.StartOfMonth(now);
        return new(start, start.AddMonths(1));
    }

    /// <summary>The Shanghai calendar day the period starts on (for labels such as a trend's x axis).</summary>
    public DateOnly FirstDay => DateOnly.FromDateTime(Shanghai.ToLocal(From).Date);
}
