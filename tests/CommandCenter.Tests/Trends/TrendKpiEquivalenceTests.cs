using CommandCenter.Core.Kpis;
using CommandCenter.Core.Time;
using CommandCenter.Core.Trends;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.Tests.Trends;

/// <summary>Invariant 5: the trend pages read rollups, the wall reads <see cref="KpiCalculator"/> over the
/// raw tables; for the same period and scope they must show the same numbers.</summary>
public sealed class TrendKpiEquivalenceTests : IClassFixture<TrendKpiEquivalenceTests.Data>
{
    private readonly Data _data;

    public TrendKpiEquivalenceTests(Data data) => _data = data;

    public static TheoryData<string> Scopes => new() { "all", "region:P2", "community:C03", "grid:G005" };

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Every_weeks_trend_kpis_equal_the_kpi_definitions(string scopeText)
    {
        var scope = Parse(scopeText);
        var now = DateTimeOffset.UtcNow;
        var calculator = new KpiCalculator(_data.DataSource);
        var trends = new TrendQueries(_data.DataSource, TimeProvider.System);
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(now).Date);
        var range = new TrendRange(today.AddDays(-42), today, TrendGranularity.Week);

        var series = await trends.SeriesAsync(range, scope, CancellationToken.None);

        Assert.Equal(range.Buckets().Count, series.Count);
        foreach (var point in series)
        {
            var week = TrendRange.DayPeriod(point.Bucket, point.Bucket.AddDays(6));
            var expected = await calculator.ComputeAsync(week, now, scope, CancellationToken.None);
            KpiAssert.SamePeriodKpis(expected, point.Kpis, $"{scopeText} week of {point.Bucket:yyyy-MM-dd}");
        }
        Assert.Contains(series, p => p.Kpis.Accepted > 0 && p.Kpis.Closed > 0);
    }

    [Fact]
    public async Task Todays_trend_numbers_equal_the_walls()
    {
        var now = DateTimeOffset.UtcNow;
        var wall = await new KpiCalculator(_data.DataSource).ComputeAsync(KpiPeriod.Today(now), now, KpiScope.All, CancellationToken.None);

        var trend = await new TrendQueries(_data.DataSource, TimeProvider.System)
            .SnapshotAsync(KpiPeriod.Today(now), KpiScope.All, CancellationToken.None);

        KpiAssert.SamePeriodKpis(wall, trend, "today");
        Assert.True(wall.Accepted > 0, "the data set has cases accepted today");
    }

    [Fact]
    public async Task Category_volumes_equal_the_walls_category_breakdown_and_add_up_to_the_total()
    {
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(now).Date);
        var range = new TrendRange(today.AddDays(-20), today, TrendGranularity.Month);
        var trends = new TrendQueries(_data.DataSource, TimeProvider.System);

        var slices = await trends.ByCategoryAsync(range, KpiScope.All, CancellationToken.None);
        var channels = await trends.ByChannelAsync(range, KpiScope.All, CancellationToken.None);
        var total = await trends.SnapshotAsync(range.From, range.To, KpiScope.All, CancellationToken.None);
        var wall = await new KpiCalculator(_data.DataSource).AcceptedByCategoryAsync(range.Period, now, KpiScope.All, CancellationToken.None);

        Assert.Equal(total.Accepted, slices.Sum(s => s.Accepted));
        Assert.Equal(total.Accepted, channels.Sum(s => s.Accepted));
        var byName = slices.GroupBy(s => s.Label).ToDictionary(g => g.Key, g => g.Sum(s => s.Accepted));
        Assert.Equal(wall.OrderBy(c => c.Name).Select(c => (c.Name, (long)c.Count)),
            byName.OrderBy(kv => kv.Key).Select(kv => (kv.Key, kv.Value)));
    }

    [Fact]
    public async Task Areas_add_up_to_their_parent_down_to_the_case_list()
    {
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(now).Date);
        var (first, last) = (today.AddDays(-13), today);
        var comparisons = new TrendComparisons(_data.DataSource, TimeProvider.System);
        var trends = new TrendQueries(_data.DataSource, TimeProvider.System);

        var regions = await comparisons.AreasAsync(AreaLevel.Region, KpiScope.All, first, last, CancellationToken.None);
        var region = regions.First(r => r.Current.Accepted > 0);
        var communities = await comparisons.AreasAsync(AreaLevel.Community, KpiScope.Region(region.Code), first, last, CancellationToken.None);
        var community = communities.First(c => c.Current.Accepted > 0);
        var grids = await comparisons.AreasAsync(AreaLevel.Grid, KpiScope.Community(community.Code), first, last, CancellationToken.None);
        var grid = grids.First(g => g.Current.Accepted > 0);
        var cases = await new TrendCases(_data.DataSource, TimeProvider.System)
            .ListAsync(KpiScope.Grid(grid.Code), first, last, CancellationToken.None);
        var regionSnapshot = await trends.SnapshotAsync(first, last, KpiScope.Region(region.Code), CancellationToken.None);

        Assert.Equal(4, regions.Count);
        Assert.Equal(regionSnapshot.Accepted, region.Current.Accepted);
        Assert.Equal(region.Current.Accepted, communities.Sum(c => c.Current.Accepted));
        Assert.Equal(region.Previous.Accepted, communities.Sum(c => c.Previous.Accepted));
        Assert.Equal(community.Current.Closed, grids.Sum(g => g.Current.Closed));
        Assert.Equal(grid.Current.Accepted, cases.Count);
        Assert.All(cases, c => Assert.Equal(grid.Code, c.GridCode));
        Assert.Equal(1, regions[0].Rank);
    }

    [Fact]
    public async Task Department_results_add_up_to_the_subdistricts_closures_and_callbacks()
    {
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(DateTimeOffset.UtcNow).Date);
        var (first, last) = (today.AddDays(-27), today);

        var departments = await new TrendComparisons(_data.DataSource, TimeProvider.System).DepartmentsAsync(first, last, CancellationToken.None);
        var total = await new TrendQueries(_data.DataSource, TimeProvider.System).SnapshotAsync(first, last, KpiScope.All, CancellationToken.None);

        Assert.Equal(total.Closed, departments.Sum(d => d.Kpis.Closed));
        Assert.Equal(total.ClosedOnTime, departments.Sum(d => d.Kpis.ClosedOnTime));
        Assert.Equal(total.Callbacks, departments.Sum(d => d.Kpis.Callbacks));
        Assert.Contains(departments, d => d.Name == "住建");
        Assert.Contains(departments, d => d.Name == "未分流");
    }

    private static KpiScope Parse(string text) => text.Split(':') switch
    {
        ["region", var code] => KpiScope.Region(code),
        ["community", var code] => KpiScope.Community(code),
        ["grid", var code] => KpiScope.Grid(code),
        _ => KpiScope.All,
    };

    /// <summary>Six weeks of varied data, then late records and corrections, shared by the tests of this class.</summary>
    public sealed class Data : PostgisDatabase
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await TrendData.GridsAsync(DataSource);
            await TrendData.AddCasesAsync(DataSource, "grid-app", 4000, days: 45, seed: 11);
            await TrendData.AddMediationsAsync(DataSource, "mediation", 500, days: 45, seed: 12);
            await TrendData.AddCasesAsync(DataSource, "12345", 300, days: 1, seed: 13);
            await TrendData.ExecAsync(DataSource, "UPDATE cases SET grid_code = 'G005', category_code = 'dog' WHERE id % 9 = 0");
            await TrendData.ExecAsync(DataSource, "UPDATE cases SET merged_into = id - 1 WHERE id % 15 = 7");
        }
    }
}
