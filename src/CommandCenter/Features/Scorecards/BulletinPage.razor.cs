using CommandCenter.Core.Scorecards;
using CommandCenter.Features.Trends;
using CommandCenter.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace CommandCenter.Features.Scorecards;

/// <summary>/scorecards/bulletin?month=yyyy-MM: the monthly 通报 (default: last month), laid out for A4 like the
/// weekly report. Unpublished months are a preview computed now; a 领导 publishes a finished month, after which
/// the page shows the stored content only.</summary>
public sealed partial class BulletinPage : IAsyncDisposable
{
    [Inject] private BulletinStore Bulletins { get; set; } = null!;
    [Inject] private ScorecardStore Scorecards { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;
    [Inject] private IAuthorizationService Authorization { get; set; } = null!;
    [Inject] private AuthenticationStateProvider Auth { get; set; } = null!;
    [Inject] private CurrentActor Actor { get; set; } = null!;
    [Inject] private ILogger<BulletinPage> Logger { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "month")] public string? Month { get; set; }

    private ScorePeriod _month = null!;
    private BulletinContent? _content;
    private PublishedBulletin? _published;
    private string? _problem;
    private string? _error;
    private string? _blocker;
    private bool _mayPublish;
    private bool _confirming;
    private bool _busy;
    private int ListCount { get; set; } = 3;
    private TrendsScript? _script;
    private TrendsScript Script => _script ??= new TrendsScript(JS);
    private readonly CancellationTokenSource _cts = new();

    private static string Url(ScorePeriod month) => $"scorecards/bulletin?month={month.First:yyyy-MM}";

    protected override async Task OnParametersSetAsync()
    {
        _month = BulletinMonth.Parse(Month, Clock, out _problem);
        if (_problem is not null) _problem += "已显示上月通报。";
        var user = (await Auth.GetAuthenticationStateAsync()).User;
        _mayPublish = (await Authorization.AuthorizeAsync(user, Policies.BulletinPublish)).Succeeded;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _published = await Bulletins.GetAsync(_month, _cts.Token);
            _content = _published?.Content ?? await Bulletins.PreviewAsync(_month, _cts.Token);
            ListCount = (await Scorecards.GetAsync(_content.ScorecardVersion, _cts.Token))?.Definition.ListCount ?? ListCount;
            _blocker = Bulletins.PublishBlocker(_month);
            _error = null;
        }
        catch (OperationCanceledException) { }
        catch (Npgsql.NpgsqlException ex)
        {
            Logger.LogError(ex, "The bulletin of {Month} could not be loaded", _month.First);
            _error = "数据库暂时无法访问，月度通报未能生成，请稍后刷新。";
        }
    }

    private async Task PublishAsync()
    {
        if (!_mayPublish || _busy) return;
        _busy = true;
        try
        {
            _published = await Bulletins.PublishAsync(_month, await Actor.GetAsync(), _cts.Token);
            _content = _published.Content;
            _problem = null;
        }
        catch (ScorecardInvalidException ex)
        {
            _problem = ex.Message;
            await LoadAsync();
        }
        catch (Npgsql.NpgsqlException ex)
        {
            Logger.LogError(ex, "Publishing the bulletin of {Month} failed", _month.First);
            _problem = "数据库暂时无法访问，通报未发布，请稍后重试。";
        }
        finally
        {
            _busy = false;
            _confirming = false;
        }
    }

    private Task PrintAsync() => Script.PrintAsync();

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        _cts.Dispose();
        if (_script is not null) await _script.DisposeAsync();
    }
}
