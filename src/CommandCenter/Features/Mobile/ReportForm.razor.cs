using CommandCenter.Core.Cases;
using CommandCenter.Core.Photos;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using CommandCenter.Features.Photos;

namespace CommandCenter.Features.Mobile;

public sealed partial class ReportForm : IDisposable
{
    [Parameter, EditorRequired] public IReadOnlyList<CaseLookups.Item> Categories { get; set; } = [];
    [Parameter, EditorRequired] public IReadOnlyList<WorkerGrid> Grids { get; set; } = [];
    /// <summary>The worker: user name (for ids and the timeline) and display name (the reporter).</summary>
    [Parameter, EditorRequired] public string UserName { get; set; } = "";
    [Parameter, EditorRequired] public string DisplayName { get; set; } = "";
    [Parameter] public EventCallback<long> OnReported { get; set; }

    [Inject] private GridIngestClient Client { get; set; } = null!;
    [Inject] private WorkerDesk Desk { get; set; } = null!;
    [Inject] private PhotoIntake Intake { get; set; } = null!;
    [Inject] private PhotoStore Photos { get; set; } = null!;
    [Inject] private PhoneLocation Location { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    private string? _category;
    private string? _title;
    private string? _description;
    private bool _urgent;
    private LocationFix? _fix;
    private string? _gridCode;
    private readonly List<PickedPhoto> _photos = [];
    private readonly List<string> _photoProblems = [];
    private bool _busy, _locating;
    private IngestVerdict? _verdict;
    private string? _message;
    private string _tone = "";
    // Fixed at the first attempt and kept until ingest accepted: a retry sends the identical record, so a
    // post whose answer was lost comes back "duplicate" instead of creating a second case.
    private (string ExternalId, DateTimeOffset ReportedAt)? _attempt;
    // Set once ingest accepted the case but the photos could not be attached yet: retry only those.
    private long? _acceptedCase;
    private readonly CancellationTokenSource _stop = new();

    private int MaxPhotos => Intake.MaxPerCase;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Ask for the position as the form opens: by the time the worker has typed the title it is there.
        if (firstRender) { await LocateAsync(); StateHasChanged(); }
    }

    private async Task LocateAsync()
    {
        _locating = true;
        _fix = await Location.LocateAsync(TimeSpan.FromSeconds(15));
        _locating = false;
        // One grid: nothing to choose, so the fallback is filled in already.
        if (!_fix.Ok && _gridCode is null && Grids.Count == 1) _gridCode = Grids[0].Code;
    }

    private async Task OnPhotosAsync(InputFileChangeEventArgs e)
    {
        _photoProblems.Clear();
        _photoProblems.AddRange(await Intake.AddAsync(e.GetMultipleFiles(maximumFileCount: 20), _photos, _stop.Token));
    }

    private async Task SubmitAsync()
    {
        if (_busy) return;
        var problem = _category is null ? "请选择分类"
            : string.IsNullOrWhiteSpace(_title) ? "请填写标题"
            : _fix is not { Ok: true } && PickedGrid is null ? "没有定位：请重新定位，或选择所在网格"
            : null;
        if (problem is not null) { Show(problem, "bad"); return; }

        _busy = true;
        try
        {
            if (_acceptedCase is null)
            {
                _attempt ??= ($"m-{UserName}-{Clock.GetUtcNow():yyyyMMddHHmmssfff}-{Guid.NewGuid().ToString("N")[..6]}", Clock.GetUtcNow());
                _verdict = await Client.PostIncidentAsync(Record(_attempt.Value.ExternalId, _attempt.Value.ReportedAt), _stop.Token);
                if (!_verdict.Stored)
                {
                    Show(_verdict.Kind == IngestVerdictKind.Rejected ? $"未接收：{_verdict.Message}" : _verdict.Message, "bad");
                    return;
                }
                _acceptedCase = await Desk.CaseIdAsync(GridIngestOptions.Source, _attempt.Value.ExternalId, _stop.Token);
                if (_acceptedCase is null)
                {
                    Show("接收服务已接收，但找不到生成的事件（上报密钥不属于 grid-web？），照片未附加，请联系管理员", "bad");
                    return;
                }
            }
            var caseId = _acceptedCase.Value;
            PhotoUpload attached;
            try
            {
                attached = await Photos.AddAsync(caseId, [.. _photos.Select(p => p.Photo)], $"{DisplayName}（{UserName}）", _stop.Token);
            }
            catch (Npgsql.NpgsqlException)
            {
                // The case is in (ingest committed it); only the photos wait for the database to come back.
                Show($"事件 #{caseId} 已接收，但数据库暂时不可用，照片未附加。请稍后点「上报」重试附加。", "bad");
                return;
            }
            if (!attached.Stored)
            {
                Show($"事件 #{caseId} 已接收，但照片未附加：{attached.Refusal}。可删减照片后点「上报」重试附加。", "bad");
                return;
            }
            Show($"已接收：事件 #{caseId}{(_photos.Count > 0 ? $"，照片 {_photos.Count} 张" : "")}{(_verdict?.Message is "已接收（位置待核实）" ? "（位置待核实）" : "")}", "ok");
            Reset();
            await OnReported.InvokeAsync(caseId);
        }
        finally
        {
            _busy = false;
        }
    }

    private WorkerGrid? PickedGrid => Grids.FirstOrDefault(g => g.Code == _gridCode);

    private object Record(string externalId, DateTimeOffset reportedAt)
    {
        var fix = _fix is { Ok: true } f ? f : null;
        var grid = fix is null ? PickedGrid : null;
        return new
        {
            externalId,
            channel = "网格员上报",
            category = _category,
            title = _title!.Trim(),
            description = _description?.Trim() ?? "",
            // Without a fix the case is placed inside the grid the worker picked, and its address says so.
            lon = fix?.Lon ?? grid?.Lon,
            lat = fix?.Lat ?? grid?.Lat,
            address = grid is null ? null : $"{grid.Name}（网格员选择的网格，手机未定位）",
            reporterName = DisplayName,
            // The same worker id as the account's patrol events, so the case links to the roster (issue 15).
            workerId = UserName,
            priority = _urgent ? 1 : 3,
            reportedAt = reportedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    private void Reset()
    {
        (_title, _description, _urgent, _attempt, _acceptedCase, _verdict) = (null, null, false, null, null, null);
        _photos.Clear();
        _photoProblems.Clear();
    }

    private void Show(string message, string tone) => (_message, _tone) = (message, tone);

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
