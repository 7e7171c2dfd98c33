using CommandCenter.Core.Security;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.Tests.Trends;

/// <summary>/trends/report offers 周报 / 月报 / 年报 (issue 14); the monthly and annual reports carry the KPI
/// comparison (环比, 本年累计同比) and the 纠风办 count of their period, as the raw rows give it.</summary>
public sealed class PeriodReportPageTests(PostgisDatabase db) : WebAppTests(db)
{
    // The count's span, whatever scoped-CSS attribute Blazor adds to it.
    private static readonly System.Text.RegularExpressions.Regex JfbCount = new("data-test=\"report-jfb-count\"[^>]*>2<");

    [Fact]
    public async Task The_monthly_and_annual_reports_show_the_year_to_date_comparison_and_the_jfb_count_of_the_period()
    {
        await TrendData.GridsAsync(Db.DataSource);
        await TrendData.AddCasesAsync(Db.DataSource, "rep", 600, 40, 3);
        // Two cases escalated to 纠风办 yesterday: counted in this month's (or, on the 1st, last month's) and this year's report.
        await TrendData.ExecAsync(Db.DataSource, """
            UPDATE cases SET escalated_jfb = true, unsatisfied_count = 2, reopened_count = 2, satisfaction = '不满意',
                             callback_at = now() - interval '1 day', status = 'in_progress', closed_at = NULL
            WHERE id IN (SELECT id FROM cases WHERE source = 'rep' ORDER BY id LIMIT 2)
            """);
        var yesterday = await TrendData.ScalarAsync<DateTime>(Db.DataSource,
            "SELECT ((now() - interval '1 day') AT TIME ZONE 'Asia/Shanghai')::date::timestamp");
        var leader = await Web.LoginAsAsync(Roles.Leader);

        var month = await leader.GetStringAsync($"/trends/report?kind=month&month={yesterday:yyyy-MM}");
        var year = await leader.GetStringAsync($"/trends/report?kind=year&year={yesterday:yyyy}");
        var week = await leader.GetStringAsync("/trends/report");

        Assert.Contains($"社会治理月报 {yesterday.Year} 年 {yesterday.Month} 月", month);
        Assert.Contains("去年同期累计", month);
        Assert.Matches(JfbCount, month);
        Assert.Contains("data-kpi=\"重复投诉率\"", month);
        Assert.Contains($"社会治理年报 {yesterday.Year} 年", year);
        Assert.Matches(JfbCount, year);
        Assert.Contains("data-test=\"kind-month\"", week);
        Assert.Contains("六、纠风办件", week);
    }
}
