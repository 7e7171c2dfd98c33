namespace CommandCenter.Core.Trends;

public enum ReportKind { Week, Month, Year }

/// <summary>The spans a monthly or annual report compares, in whole Shanghai days: the period (cut at
/// today while it is under way), the previous period in full (环比), this year up to the period's last day
/// and the same days of last year (同比, year-to-date). A 29 February has no twin and maps to the 28th.</summary>
public sealed record ReportPeriod(ReportKind Kind, DateOnly First, DateOnly Last, DateOnly PreviousFirst, DateOnly PreviousLast,
    DateOnly YearFirst, DateOnly LastYearFirst, DateOnly LastYearLast)
{
    /// <summary>The year to date ends with the period.</summary>
    public DateOnly YearLast => Last;

    public bool Partial(DateOnly today) => Kind switch
    {
        ReportKind.Month => Last < new DateOnly(First.Year, First.Month, 1).AddMonths(1).AddDays(-1) && Last >= today,
        _ => Last < new DateOnly(First.Year, 12, 31) && Last >= today,
    };

    public static ReportPeriod Month(int year, int month, DateOnly today)
    {
        var first = new DateOnly(year, month, 1);
        var last = Min(first.AddMonths(1).AddDays(-1), today);
        var previous = first.AddMonths(-1);
        return new(ReportKind.Month, first, last, previous, first.AddDays(-1), new DateOnly(year, 1, 1),
            new DateOnly(year - 1, 1, 1), SameDayLastYear(last));
    }

    public static ReportPeriod Year(int year, DateOnly today)
    {
        var first = new DateOnly(year, 1, 1);
        var last = Min(new DateOnly(year, 12, 31), today);
        return new(ReportKind.Year, first, last, new DateOnly(year - 1, 1, 1), new DateOnly(year - 1, 12, 31), first,
            new DateOnly(year - 1, 1, 1), SameDayLastYear(last));
    }

    private static DateOnly SameDayLastYear(DateOnly d) =>
        new(d.Year - 1, d.Month, Math.Min(d.Day, DateTime.DaysInMonth(d.Year - 1, d.Month)));

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
