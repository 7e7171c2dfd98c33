using CommandCenter.Core.Time;
using CommandCenter.Core.Trends;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace CommandCenter.Features.Trends;

/// <summary>/trends: the leaders' view. Everything it shows is in the URL (range, granularity, drill-down
/// scope), so links drill down, the back button goes up, and exports match the screen.</summary>
public sealed partial class Trends
{
    [Inject] private TrendDashboard Dashboard { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private NavigationManager Nav { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;
    [Inject] private ILogger<Trends> Logger { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "gran")] public string? Gran { get; set; }
    [SupplyParameterFromQuery(Name = "region")] public string? Region { get; set; }
    [SupplyParameterFromQuery(Name = "community")] public string? Community { get; set; }
    [SupplyParameterFromQuery(Name = "grid")] public string? Grid { get; set; }

    private TrendView? _view;
    private string? _problem;
    private string? _error;
    private DateOnly _from;
    private DateOnly _to;
    private string _granularity = "week";
    private TrendsScript? _script;
    private TrendsScript Script => _script ??= new TrendsScript(JS);
    private readonly CancellationTokenSource _cts = new();
    [Inject] private Core.Jfb.JfbCases Jfb { get; set; } = null!;
    private IReadOnlyList<Core.Jfb.JfbCase> _jfb = [];
    private int _jfbInRange;
    [Inject] private PatrolLoader PatrolLoader { get; set; } = null!;
    private PatrolView? _patrol;

    protected override async Task OnParametersSetAsync()
    {
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(Clock.GetUtcNow()).Date);
        var filter = TrendFilter.Parse(From, To, Gran, Region, Community, Grid, today, out _problem);
        (_from, _to, _granularity) = (filter.Range.From, filter.End, TrendFilter.GranularityName(filter.Range.Granularity));
        try
        {
            _error = null;
            // Everything the page shows is loaded together and assigned at once, so a render that comes in
            // between (a child's callback) never shows the cards of one load beside the lists of another, and
            // "the cards are there" means the whole page is.
            var now = Clock.GetUtcNow();
            var view = Dashboard.LoadAsync(filter, _cts.Token);
            // 纠风办 (issue 14): every escalated case, and how many the range added.
            var jfb = Jfb.ListAsync(_cts.Token);
            var jfbInRange = Jfb.CountAsync(filter.Range.Period, _cts.Token);
            // 巡查分析 (issue 15): coverage, per-worker figures and the grids nobody patrolled for N days.
            var patrol = PatrolLoader.LoadAsync(filter.Range, now, _cts.Token);
            await Task.WhenAll(view, jfb, jfbInRange, patrol);
            (_view, _jfb, _jfbInRange, _patrol) = (view.Result, jfb.Result, jfbInRange.Result, patrol.Result);
        }
        catch (OperationCanceledException) { }
        catch (Npgsql.NpgsqlException ex)
        {
            Logger.LogError(ex, "Trends could not be loaded");
            _error = "数据库暂时无法访问，趋势数据未能加载，请稍后刷新。";
        }
    }

    private void Apply()
    {
        var gran = _granularity switch { "day" => TrendGranularity.Day, "month" => TrendGranularity.Month, _ => TrendGranularity.Week };
        var scope = _view?.Filter.Scope ?? Core.Kpis.KpiScope.All;
        var (from, to) = _from <= _to ? (_from, _to) : (_to, _from);
        Nav.NavigateTo(new TrendFilter(new TrendRange(from, to, gran), scope, to).Url("trends"));
    }

    private string ReportUrl => $"trends/report?week={TrendFormat.Date(_view!.Filter.FocusWeek)}";

    private string Export(string table) => _view!.Filter.Url($"trends/export/{table}.csv");

    private static IEnumerable<(string Id, string Title, object Options)> Charts(TrendView v) =>
    [
        ("trend-categories", "受理量（按类别）", TrendCharts.CategoryVolumes(v)),
        ("trend-channels", "受理量（按来源渠道）", TrendCharts.ChannelVolumes(v)),
        ("trend-rates", "结案率 / 按期办结率 / 满意率 / 调解成功率 / 就地化解率", TrendCharts.Rates(v)),
        ("trend-durations", "平均响应时长与平均办结时长", TrendCharts.Durations(v)),
    ];

    private Task PngAsync(string chartId, string title) =>
        Script.DownloadPngAsync(chartId, $"{title.Split('（')[0].Split(' ')[0]}_{TrendFormat.Date(_view!.Filter.FocusWeek)}.png");

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        _cts.Dispose();
        if (_script is not null) await _script.DisposeAsync();
    }
}
