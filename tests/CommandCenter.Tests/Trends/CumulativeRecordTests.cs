using CommandCenter.Core.Kpis;
using CommandCenter.Core.Time;
using CommandCenter.Core.Trends;

namespace CommandCenter.Tests.Trends;

/// <summary>The wall's record row (issue 14) reads rollups; its 本年 and 上线以来 figures must be the KPI
/// definitions recounted over the raw rows for the same spans.</summary>
public sealed class CumulativeRecordTests
{
    [Fact]
    public async Task This_years_and_the_since_launch_record_equal_a_raw_recount_across_a_year_boundary()
    {
        await using var db = await OwnDatabase.CreateAsync();
        await TrendData.GridsAsync(db.DataSource);
        // 500 days back: the history starts in an earlier year, so the year and since-launch figures differ.
        await TrendData.AddCasesAsync(db.DataSource, "rec", 4000, 500, 14);
        await TrendData.AddMediationsAsync(db.DataSource, "rec", 600, 500, 15);
        await TrendData.ExecAsync(db.DataSource, "UPDATE cases SET merged_into = (SELECT min(id) FROM cases) WHERE id % 29 = 0 AND id <> (SELECT min(id) FROM cases)");
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(now).Date);
        var calculator = new KpiCalculator(db.DataSource);

        var record = await new CumulativeRecords(db.DataSource, new TrendQueries(db.DataSource, TimeProvider.System)).LoadAsync(now, default);

        var launch = await TrendData.ScalarAsync<DateTime>(db.DataSource,
            "SELECT min((accepted_at AT TIME ZONE 'Asia/Shanghai')::date)::timestamp FROM cases");
        Assert.Equal(DateOnly.FromDateTime(launch), record.LaunchDay);
        var year = await calculator.ComputeAsync(TrendRange.DayPeriod(new DateOnly(today.Year, 1, 1), today), now, KpiScope.All, default);
        var all = await calculator.ComputeAsync(TrendRange.DayPeriod(record.LaunchDay!.Value, today), now, KpiScope.All, default);
        KpiAssert.SamePeriodKpis(year, record.Year, "本年");
        KpiAssert.SamePeriodKpis(all, record.SinceLaunch, "上线以来");
        Assert.True(all.Accepted > year.Accepted && year.Accepted > 0);
        Assert.True(record.Year.RepeatComplaints > 0 && record.Year.DisputesResolvedLocally > 0);
    }
}
