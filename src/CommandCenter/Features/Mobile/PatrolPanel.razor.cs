using CommandCenter.Core.Ingest;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Features.Mobile;

public sealed partial class PatrolPanel : IDisposable
{
    [Parameter, EditorRequired] public string UserName { get; set; } = "";
    [Parameter, EditorRequired] public string DisplayName { get; set; } = "";

    [Inject] private GridIngestClient Client { get; set; } = null!;
    [Inject] private PhoneLocation Location { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    private const string Start = PatrolRecord.Start, CheckIn = PatrolRecord.CheckIn, Visit = PatrolRecord.Visit, End = PatrolRecord.End;

    private sealed record Pending(string Label, object Record);
    private sealed record LogLine(string Text, string Tone);

    private string? _note;
    private bool _busy;
    private Pending? _pending;
    private readonly List<LogLine> _log = [];
    private readonly CancellationTokenSource _stop = new();

    private static string Label(string kind) => kind switch
    {
        Start => "开始巡查",
        CheckIn => "签到",
        Visit => "入户走访",
        _ => "结束巡查",
    };

    private async Task SendAsync(string kind)
    {
        if (_busy) return;
        _busy = true;
        try
        {
            var fix = await Location.LocateAsync(TimeSpan.FromSeconds(15));
            // Ingest refuses a check-in or visit without a position (it is what proves the patrol), so say
            // why here instead of sending a record bound to fail.
            if (!fix.Ok && kind is CheckIn or Visit)
            {
                Add($"{Label(kind)}未发送：{fix.Problem.Split('：')[0]}，签到和走访必须定位", "bad");
                return;
            }
            var now = Clock.GetUtcNow();
            var record = new
            {
                externalId = $"m-{UserName}-{now:yyyyMMddHHmmssfff}-{kind}",
                workerId = UserName,
                workerName = DisplayName,
                kind,
                at = now.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture),
                lon = fix.Ok ? fix.Lon : (double?)null,
                lat = fix.Ok ? fix.Lat : (double?)null,
                note = kind == Visit && !string.IsNullOrWhiteSpace(_note) ? _note.Trim() : null,
            };
            _pending = new Pending(Label(kind), record);
            await PostPendingAsync();
            if (kind == Visit && _pending is null) _note = null;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RetryAsync()
    {
        if (_busy || _pending is null) return;
        _busy = true;
        try { await PostPendingAsync(); }
        finally { _busy = false; }
    }

    private async Task PostPendingAsync()
    {
        var pending = _pending!;
        var verdict = await Client.PostPatrolAsync(pending.Record, _stop.Token);
        var time = CommandCenter.Features.Cases.CaseText.Time(Clock.GetUtcNow());
        switch (verdict.Kind)
        {
            case IngestVerdictKind.Accepted:
                Add($"{time} {pending.Label}：已接收", "ok");
                _pending = null;
                break;
            case IngestVerdictKind.Rejected:
                Add($"{time} {pending.Label}：未接收（{verdict.Message}）", "bad");
                _pending = null;
                break;
            default:
                // The same record (same id) is kept for the retry: sent twice, ingest stores it once.
                Add($"{time} {pending.Label}：{verdict.Message}", "bad");
                break;
        }
    }

    private void Add(string text, string tone)
    {
        _log.Insert(0, new LogLine(text, tone));
        if (_log.Count > 8) _log.RemoveAt(_log.Count - 1);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
