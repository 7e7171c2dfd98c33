using CommandCenter.Core.Trends;
using CommandCenter.Features.Trends;

namespace CommandCenter.Tests.Trends;

/// <summary>The spans the monthly and annual reports compare (issue 14).</summary>
public sealed class ReportPeriodTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    [Fact]
    public void A_past_month_compares_with_the_month_before_and_its_year_to_date_with_the_same_days_last_year()
    {
        var p = ReportPeriod.Month(2026, 3, Today);

        Assert.Equal((new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31)), (p.First, p.Last));
        Assert.Equal((new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 28)), (p.PreviousFirst, p.PreviousLast));
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 31)), (p.YearFirst, p.YearLast));
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 3, 31)), (p.LastYearFirst, p.LastYearLast));
        Assert.False(p.Partial(Today));
    }

    [Fact]
    public void The_current_month_and_year_end_today_and_29_february_maps_to_the_28th()
    {
        var month = ReportPeriod.Month(2026, 12, Today);
        var year = ReportPeriod.Year(2026, Today);
        var leap = ReportPeriod.Month(2028, 2, new DateOnly(2028, 3, 5));

        Assert.Equal(Today, month.Last);
        Assert.True(month.Partial(Today));
        Assert.Equal((new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)), (year.PreviousFirst, year.PreviousLast));
        Assert.Equal(new DateOnly(2025, 12, 2), year.LastYearLast);
        Assert.Equal(new DateOnly(2027, 2, 28), leap.LastYearLast);
    }

    [Fact]
    public void Unreadable_or_future_report_parameters_fall_back_with_a_chinese_reason()
    {
        Assert.Null(ReportPeriodQuery.Parse(null, null, null, Today, out _));
        var bad = ReportPeriodQuery.Parse("month", "2026/13", null, Today, out var problem);
        var future = ReportPeriodQuery.Parse("year", null, "2031", Today, out var problem2);

        Assert.Equal(new DateOnly(2026, 11, 1), bad!.First);
        Assert.Contains("yyyy-MM", problem);
        Assert.Equal(2026, future!.First.Year);
        Assert.Contains("尚未开始", problem2);
    }
}
