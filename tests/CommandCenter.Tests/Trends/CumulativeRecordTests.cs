using CommandCenter.Core.Kpis;
using CommandCenter.Core.Time;
using CommandCenter.Core.Trends;

namespace CommandCenter.Tests.Trends;

/// <summary>The wall's record row (issue 14) reads rollups; its 本年 and 上线以来 figures must be the KPI
/// definitions recounted over the raw rows for the same spans.</summary>
public sealed class CumulativeRecordTests
{
    // Cases and mediations over the last `days` days, seeded seed and seed + 1.
    private static async Task AddHistoryAsync(OwnDatabase db, string source, int cases, int mediations, int days, int seed)
    {
        await TrendData.AddCasesAsync(db.DataSource, source, cases, days, seed);
        await TrendData.AddMediationsAsync(db.DataSource, source, mediations, days, seed + 1);
    }

    [Fact]
    public async Task This_years_and_the_since_launch_record_equal_a_raw_recount_across_a_year_boundary()
    {
        await using var db = await OwnDatabase.CreateAsync();
        await TrendData.GridsAsync(db.DataSource);
        // 500 days back: the history starts in an earlier year, so the year and since-launch figures differ.
        await AddHistoryAsync(db, "rec", 4000, 600, 500, 14);
        await TrendData.ExecAsync(db.DataSource, "UPDATE cases SET merged_into = (SELECT min(id) FROM cases) WHERE id % 29 = 0 AND id <> (SELECT min(id) FROM cases)");
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(now).Date);
        var calculator = new KpiCalculator(db.DataSource);

        var record = await new CumulativeRecords(db.DataSource).LoadAsync(now, default);

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

    [Fact]
    public async Task The_record_counts_folded_and_pending_parts_exactly_once_while_folds_run_beside_it()
    {
        await using var db = await OwnDatabase.CreateAsync();
        await TrendData.GridsAsync(db.DataSource);
        await AddHistoryAsync(db, "fold", 3000, 400, 400, 21);
        await TrendData.ExecAsync(db.DataSource, "SELECT trend_fold()");
        // Written after the fold: these are still pending when the record is first read.
        await AddHistoryAsync(db, "pend", 1500, 200, 400, 23);
        Assert.True(await TrendData.ScalarAsync<long>(db.DataSource, "SELECT count(*) FROM trend_pending_case") > 0);
        var now = DateTimeOffset.UtcNow;
        var records = new CumulativeRecords(db.DataSource);
        var expected = await records.LoadAsync(now, default);
        var calculator = new KpiCalculator(db.DataSource);
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(now).Date);
        KpiAssert.SamePeriodKpis(await calculator.ComputeAsync(TrendRange.DayPeriod(expected.LaunchDay!.Value, today), now, KpiScope.All, default),
            expected.SinceLaunch, "上线以来, half pending");

        // Folds move the parts from pending into the rollups while the record is read again and again: a read that
        // saw a fold's delete without its upserts (or both) would count the moved parts never (or twice).
        using var stop = new CancellationTokenSource();
        var folds = 0;
        var folding = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await TrendData.ExecAsync(db.DataSource, "SELECT trend_fold()");
                Interlocked.Increment(ref folds);
                // New pending parts for the next fold to move, netting to nothing: a case's channel changed and back.
                await TrendData.ExecAsync(db.DataSource, "UPDATE cases SET channel = channel || '·' WHERE id % 97 = @r",
                    ("r", Volatile.Read(ref folds) % 97));
                await TrendData.ExecAsync(db.DataSource, "UPDATE cases SET channel = rtrim(channel, '·') WHERE id % 97 = @r",
                    ("r", Volatile.Read(ref folds) % 97));
            }
        });
        var deadline = DateTime.UtcNow.AddMinutes(1);
        for (var i = 0; i < 40 || Volatile.Read(ref folds) < 10; i++)
        {
            Assert.True(DateTime.UtcNow < deadline, "ten folds ran beside the reads within a minute");
            var record = await records.LoadAsync(now, default);
            KpiAssert.SamePeriodKpis(expected.Year, record.Year, $"本年, read {i}");
            KpiAssert.SamePeriodKpis(expected.SinceLaunch, record.SinceLaunch, $"上线以来, read {i}");
        }
        await stop.CancelAsync();
        await folding;
    }
}
