using CommandCenter.Core.Kpis;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.Tests.Kpis;

/// <summary>One small day of work at 雉城, computed at a fixed "now" (Tuesday 2026-03-10 15:00 Shanghai).</summary>
public sealed class KpiCalculatorTests(KpiCalculatorTests.Day day) : IClassFixture<KpiCalculatorTests.Day>
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 15, 0, 0, TimeSpan.FromHours(8));
    private static DateTimeOffset At(int hour, int minute = 0, int dayOffset = 0) =>
        new DateTimeOffset(2026, 3, 10, hour, minute, 0, TimeSpan.FromHours(8)).AddDays(dayOffset);

    public sealed class Day : PostgisDatabase
    {
        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            await SampleData.EnsureGridsAsync(DataSource, 5); // G001 and G005 are in 片区 P1, G002 in P2
            var a = await SampleData.AddCasesAsync(DataSource, [
                // A: accepted and closed today, before its deadline; callback 满意.
                new CaseSpec(At(9)) { Grid = "G001", Status = "closed", DispatchedAt = At(9, 30), DeadlineAt = At(12),
                    ClosedAt = At(11), Satisfaction = "满意", CallbackAt = At(12) },
            ]);
            await SampleData.AddCasesAsync(DataSource, [
                // B: open, overdue, under 督办, urgent.
                new CaseSpec(At(10)) { Grid = "G001", Priority = 1, DeadlineAt = At(12), SuperviseLevel = 1 },
                // C: accepted yesterday, closed late today; callback 不满意.
                new CaseSpec(At(10, 0, -1)) { Grid = "G002", Status = "closed", DispatchedAt = At(11, 0, -1),
                    DeadlineAt = At(20, 0, -1), ClosedAt = At(9), Satisfaction = "不满意", CallbackAt = At(10), ReopenedCount = 1 },
                // D: a duplicate of A: one report, not a second case.
                new CaseSpec(At(11)) { Grid = "G001", MergedInto = a[0] },
                // E: accepted today, closed after "now": open as of now.
                new CaseSpec(At(12)) { Grid = "G005", Status = "closed", ClosedAt = At(16) },
                // F: outside every grid: counts for the whole subdistrict only.
                new CaseSpec(At(13)),
                // G: accepted after "now": not yet.
                new CaseSpec(At(18)) { Grid = "G001" },
            ]);
            await SampleData.AddMediationAsync(DataSource, "网格", "调解成功", At(10), "G001");
            await SampleData.AddMediationAsync(DataSource, "街道", "调解成功", At(11), "G002");
            await SampleData.AddMediationAsync(DataSource, "社区", "部分达成", At(12), "G001");
            await SampleData.AddMediationAsync(DataSource, "网格", "调解成功", At(12, 0, -1), "G001");
            await SampleData.AddMediationAsync(DataSource, "网格", null, At(13), "G001"); // not concluded
            await SampleData.AddPatrolAsync(DataSource, "w1", "start", At(8), "G001");
            await SampleData.AddPatrolAsync(DataSource, "w1", "check-in", At(8, 30), "G001");
            await SampleData.AddPatrolAsync(DataSource, "w2", "start", At(7), "G002");
            await SampleData.AddPatrolAsync(DataSource, "w2", "check-in", At(9), "G002");
            await SampleData.AddPatrolAsync(DataSource, "w2", "end", At(12), "G002");
            await SampleData.AddPatrolAsync(DataSource, "w3", "check-in", At(14, 45), "G003");
            await SampleData.AddPatrolAsync(DataSource, "w4", "start", At(9, 0, -1), "G004"); // yesterday, never ended
        }
    }

    private Task<KpiSnapshot> Today(KpiScope? scope = null) =>
        new KpiCalculator(day.DataSource).ComputeAsync(KpiPeriod.Today(Now), Now, scope ?? KpiScope.All, CancellationToken.None);

    [Fact]
    public async Task Accepted_counts_merged_duplicates_once_and_nothing_after_now()
    {
        var k = await Today();
        Assert.Equal(4, k.Accepted);          // A, B, E, F
        Assert.Equal(1, k.AcceptedAndClosed); // A (E closes after now)
        Assert.Equal(0.25, k.ClosureRate);
    }

    [Fact]
    public async Task Closed_and_on_time_rate_cover_cases_closed_today_whenever_accepted()
    {
        var k = await Today();
        Assert.Equal(2, k.Closed);       // A and C
        Assert.Equal(1, k.ClosedOnTime); // A
        Assert.Equal(0.5, k.OnTimeRate);
    }

    [Fact]
    public async Task Overdue_supervised_and_open_are_as_of_now()
    {
        var k = await Today();
        Assert.Equal(1, k.Overdue);    // B
        Assert.Equal(1, k.Supervised); // B
        Assert.Equal(3, k.Open);       // B, E, F
        Assert.Equal(1, k.OpenUrgent);
    }

    [Fact]
    public async Task Satisfaction_mediation_and_repeat_rates_follow_the_glossary()
    {
        var k = await Today();
        Assert.Equal(0.5, k.SatisfactionRate);
        Assert.Equal((3, 2, 1), (k.MediationsConcluded, k.MediationsSucceeded, k.MediationsPartial));
        Assert.Equal(0.5, k.LocalResolutionRate); // 网格 yes, 街道 no
        Assert.Equal(5, k.Reports);               // A, B, D, E, F
        Assert.Equal(1, k.RepeatComplaints);      // D (C was accepted yesterday)
    }

    [Fact]
    public async Task Patrol_coverage_and_workers_on_duty_use_todays_check_ins()
    {
        var k = await Today();
        Assert.Equal(5, k.GridsTotal);
        Assert.Equal(3, k.GridsPatrolled);  // G001, G002, G003
        Assert.Equal(0.6, k.PatrolCoverage);
        Assert.Equal(2, k.WorkersOnDuty);   // w1 started and did not end; w3 checked in 15 minutes ago
    }

    [Fact]
    public async Task Response_and_closing_times_are_over_cases_closed_in_the_period()
    {
        var k = await Today();
        Assert.Equal(45, k.ResponseMedianMinutes); // A 30 min, C 60 min
        Assert.Equal(12.5, k.CloseMedianHours);    // A 2 h, C 23 h: median of two is their mean
        Assert.Equal(12.5, k.CloseMeanHours);
    }

    [Fact]
    public async Task A_region_scope_counts_only_its_grids()
    {
        var p1 = await Today(KpiScope.Region("P1"));
        Assert.Equal(3, p1.Accepted); // A, B, E (F has no grid)
        Assert.Equal(2, p1.GridsTotal);
        Assert.Equal(1, p1.WorkersOnDuty);
        var g2 = await Today(KpiScope.Grid("G002"));
        Assert.Equal((0, 1, 0), (g2.Accepted, g2.Closed, g2.Overdue));
    }

    [Fact]
    public async Task A_past_period_recomputed_later_keeps_its_counts()
    {
        var yesterday = KpiPeriod.Day(new DateOnly(2026, 3, 9));
        var k = await new KpiCalculator(day.DataSource).ComputeAsync(yesterday, Now, KpiScope.All, CancellationToken.None);
        Assert.Equal(1, k.Accepted);      // C
        Assert.Equal(1, k.AcceptedAndClosed);
        Assert.Null(k.SatisfactionRate);  // no callbacks yesterday: "—", not 0%
    }

    [Fact]
    public async Task The_category_breakdown_adds_up_to_the_accepted_tile()
    {
        var calc = new KpiCalculator(day.DataSource);
        var slices = await calc.AcceptedByCategoryAsync(KpiPeriod.Today(Now), Now, KpiScope.All, CancellationToken.None);
        Assert.Equal((await Today()).Accepted, slices.Sum(s => s.Count));
    }
}
