using CommandCenter.Core.Scorecards;
using CommandCenter.Core.Time;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Features.Scorecards;

/// <summary>/scorecards?period=week|month|quarter|year&amp;start=yyyy-MM-dd&amp;kind=department|community|grid: the
/// 考核 ranking of one unit kind for the period containing <c>start</c> (default: this month, departments),
/// with the newest scorecard. The state lives in the address, so a ranking can be linked and reloaded.</summary>
public sealed partial class Rankings
{
    [Inject] private ScoreRanking Ranking { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ILogger<Rankings> Logger { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "period")] public string? PeriodKind { get; set; }
    [SupplyParameterFromQuery(Name = "start")] public string? Start { get; set; }
    [SupplyParameterFromQuery(Name = "kind")] public string? Kind { get; set; }

    private ScorePeriod _period = null!;
    private UnitKind _kind;
    private Ranking? _ranking;
    private string? _problem;
    private string? _error;

    private string BulletinUrl
    {
        get
        {
            var month = ScorePeriod.Containing(ScorePeriodKind.Month, _period.Kind == ScorePeriodKind.Month ? _period.First : _period.Last);
            return $"scorecards/bulletin?month={month.First:yyyy-MM}";
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        var today = DateOnly.FromDateTime(Shanghai.ToLocal(Clock.GetUtcNow()).Date);
        var problems = new List<string>();
        var kind = ScorePeriod.ParseKind(PeriodKind);
        if (kind is null && !string.IsNullOrWhiteSpace(PeriodKind)) problems.Add($"考核周期「{PeriodKind}」无效（可用 week、month、quarter、year），已按月显示");
        var day = today;
        if (!string.IsNullOrWhiteSpace(Start) && !ScorePeriod.TryParseDay(Start, out day))
        {
            problems.Add($"日期「{Start}」不是 yyyy-MM-dd 格式，已显示本期");
            day = today;
        }
        var unit = UnitKinds.Parse(Kind);
        if (unit is null && !string.IsNullOrWhiteSpace(Kind)) problems.Add($"单位类别「{Kind}」无效（可用 department、community、grid），已显示部门");
        _period = ScorePeriod.Containing(kind ?? ScorePeriodKind.Month, day);
        _kind = unit ?? UnitKind.Department;
        _problem = problems.Count == 0 ? null : string.Join("；", problems) + "。";
        try
        {
            _ranking = await Ranking.RankAsync(_period, _kind, null, CancellationToken.None);
            _error = null;
        }
        catch (Npgsql.NpgsqlException ex)
        {
            Logger.LogError(ex, "The ranking could not be loaded");
            (_ranking, _error) = (null, "数据库暂时无法访问，排名未能加载，请稍后刷新。");
        }
    }

    private void Go(ScorePeriod period, UnitKind kind) =>
        Navigation.NavigateTo($"scorecards?period={period.Code}&start={period.First:yyyy-MM-dd}&kind={UnitKinds.Code(kind)}");
}
