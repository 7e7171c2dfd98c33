using System.Globalization;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Time;
using CommandCenter.Core.Trends;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CommandCenter.Features.Trends;

/// <summary>/trends/report?week=YYYY-MM-DD: the weekly report for the Monday-to-Sunday week containing that
/// day (default: last complete week), laid out for A4 and printed by the browser.</summary>
public sealed partial class TrendReport : IAsyncDisposable
{
    [Inject] private TrendDashboard Dashboard { get; set; } = null!;
    [Inject] private TrendComparisons Comparisons { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;
    [Inject] private ILogger<TrendReport> Logger { get; set; } = null!;

    [Inject] private PeriodReportLoader Periods { get; set; } = null!;
    [Inject] private Core.Jfb.JfbCases Jfb { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "week")] public string? Week { get; set; }
    /// <summary>week (周报, default), month (月报, with month=yyyy-MM) or year (年报, with year=yyyy).</summary>
    [SupplyParameterFromQuery(Name = "kind")] public string? Kind { get; set; }
    [SupplyParameterFromQuery(Name = "month")] public string? Month { get; set; }
    [SupplyParameterFromQuery(Name = "year")] public string? Year { get; set; }

    private PeriodReportData? _period;
    private IReadOnlyList<Core.Jfb.JfbCase> _weekJfb = [];

    private TrendView? _view;
    private IReadOnlyList<AreaRow> _communities = [];
    private string? _problem;
    private string? _error;
    private DateTimeOffset _generatedAt;
    private TrendsScript? _script;
    private TrendsScript Script => _script ??= new TrendsScript(JS);
    private readonly CancellationTokenSource _cts = new();

    private string Title => _period is { } p ? PeriodReportBody.TitleOf(p.Period)
        : _view is null ? "社会治理周报" : $"社会治理周报 {TrendFormat.Date(_view.Filter.FocusWeek)}";

    protected override async Task OnParametersSetAsync()
    {
        _generatedAt = Clock.GetUtcNow();
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(_generatedAt).Date);
        var day = today.AddDays(-7); // default: the last complete week
        _problem = null;
        _period = null;
        if (ReportPeriodQuery.Parse(Kind, Month, Year, today, out var problem) is { } period)
        {
            _problem = problem;
            await LoadPeriodAsync(period);
            return;
        }
        _problem = problem;
        if (!string.IsNullOrWhiteSpace(Week) && !DateOnly.TryParseExact(Week, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            _problem = $"参数 week=「{Week}」不是 yyyy-MM-dd 格式的日期，已显示上一个完整周。";
            day = today.AddDays(-7);
        }
        var weekStart = TrendRange.BucketOf(day, TrendGranularity.Week);
        var filter = new TrendFilter(new TrendRange(weekStart.AddDays(-7 * (TrendFilter.DefaultWeeks - 1)), weekStart, TrendGranularity.Week), KpiScope.All);
        try
        {
            var view = Dashboard.LoadAsync(filter, _cts.Token);
            var communities = Comparisons.AreasAsync(AreaLevel.Community, KpiScope.All, filter.FocusWeek, filter.FocusWeekEnd, _cts.Token);
            var jfb = Jfb.EscalatedInAsync(TrendRange.DayPeriod(filter.FocusWeek, filter.FocusWeekEnd), _cts.Token);
            await Task.WhenAll(view, communities, jfb);
            (_view, _communities, _weekJfb, _error) = (view.Result, communities.Result, jfb.Result, null);
        }
        catch (OperationCanceledException) { }
        catch (Npgsql.NpgsqlException ex)
        {
            Logger.LogError(ex, "The weekly report could not be loaded");
            _error = "数据库暂时无法访问，周报未能生成，请稍后刷新。";
        }
    }

    private async Task LoadPeriodAsync(ReportPeriod period)
    {
        try
        {
            (_period, _error) = (await Periods.LoadAsync(period, _cts.Token), null);
        }
        catch (OperationCanceledException) { }
        catch (Npgsql.NpgsqlException ex)
        {
            Logger.LogError(ex, "The {Kind} report could not be loaded", period.Kind);
            _error = "数据库暂时无法访问，报告未能生成，请稍后刷新。";
        }
    }

    /// <summary>One sentence a leader reads first: volume, closure and satisfaction against last week, the top hotspot.</summary>
    private string Summary(TrendView v) => WeekSummary(v) + $"本周移交纠风办 {_weekJfb.Count} 件。";

    private static string WeekSummary(TrendView v)
    {
        var (w, p) = (v.Week, v.PreviousWeek);
        var change = p.Accepted == 0 ? "" : $"，较上周{(w.Accepted >= p.Accepted ? "增加" : "减少")} {Math.Abs(w.Accepted - p.Accepted)} 件（{TrendFormat.Percent(Math.Abs(w.Accepted - p.Accepted) / (double)p.Accepted)}）";
        var hot = v.Hotspots.FirstOrDefault() is { } h ? $"受理最多的网格为{h.Name}（{h.Current.Accepted} 件）。" : "";
        return $"本周受理事件 {w.Accepted} 件{change}；办结 {w.Closed} 件，结案率 {TrendFormat.Percent(w.ClosureRate)}，按期办结率 {TrendFormat.Percent(w.OnTimeRate)}，满意率 {TrendFormat.Percent(w.SatisfactionRate)}，重复投诉率 {TrendFormat.Percent(w.RepeatRate)}；当前超期件 {v.OverdueNow} 件。{hot}";
    }

    private Task PrintAsync() => Script.PrintAsync();

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        _cts.Dispose();
        if (_script is not null) await _script.DisposeAsync();
    }
}
