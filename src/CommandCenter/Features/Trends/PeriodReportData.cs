using CommandCenter.Core.Jfb;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Trends;

namespace CommandCenter.Features.Trends;

/// <summary>What a monthly or annual report shows: the KPIs of its <see cref="ReportPeriod"/> spans, the
/// 纠风办 counts of the same spans, the cases escalated in the period, and a trend view for its charts.</summary>
public sealed record PeriodReportData(
    ReportPeriod Period,
    KpiSnapshot Current,
    KpiSnapshot Previous,
    KpiSnapshot YearToDate,
    KpiSnapshot LastYearToDate,
    (int Current, int Previous, int YearToDate, int LastYearToDate) Jfb,
    IReadOnlyList<JfbCase> JfbCases,
    TrendView View);

/// <summary>Loads <see cref="PeriodReportData"/> from the rollups (<see cref="TrendQueries"/>) and jfb_cases —
/// a few index ranges, whatever the history length.</summary>
public sealed class PeriodReportLoader(TrendReadSource source, JfbCases jfb, TrendDashboard dashboard)
{
    public async Task<PeriodReportData> LoadAsync(ReportPeriod p, CancellationToken ct)
    {
        var trends = (await source.ForReadAsync(ct)).Queries;
        Task<KpiSnapshot> Kpis(DateOnly first, DateOnly last) => trends.SnapshotAsync(first, last, KpiScope.All, ct);
        Task<int> Jfb(DateOnly first, DateOnly last) => jfb.CountAsync(TrendRange.DayPeriod(first, last), ct);
        var current = Kpis(p.First, p.Last);
        var previous = Kpis(p.PreviousFirst, p.PreviousLast);
        var ytd = Kpis(p.YearFirst, p.YearLast);
        var lastYtd = Kpis(p.LastYearFirst, p.LastYearLast);
        var j = (await Jfb(p.First, p.Last), await Jfb(p.PreviousFirst, p.PreviousLast), await Jfb(p.YearFirst, p.YearLast),
            await Jfb(p.LastYearFirst, p.LastYearLast));
        var cases = await jfb.EscalatedInAsync(TrendRange.DayPeriod(p.First, p.Last), ct);
        // Charts: the month by day, the year by month.
        var granularity = p.Kind == ReportKind.Year ? TrendGranularity.Month : TrendGranularity.Day;
        var last = p.Kind == ReportKind.Year ? new DateOnly(p.First.Year, 12, 31) : new DateOnly(p.First.Year, p.First.Month, 1).AddMonths(1).AddDays(-1);
        var view = await dashboard.LoadAsync(new TrendFilter(new TrendRange(p.First, last, granularity), KpiScope.All, p.Last), ct);
        return new PeriodReportData(p, await current, await previous, await ytd, await lastYtd, j, cases, view);
    }
}
