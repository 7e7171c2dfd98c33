using System.Globalization;
using CommandCenter.Core.Time;
using CommandCenter.Live;
using Microsoft.AspNetCore.Components;

namespace CommandCenter.Features.Replay;

/// <summary>/replay: a time slider over the last 90 days, play at 1× / 10× / 60×, steps and "next event".
/// Each moment is rebuilt from the database by <see cref="ReplayLoader"/>; while one rebuild runs, further
/// requests collapse into the newest, so scrubbing never queues up work. The moment is kept in the URL
/// (<c>?at=yyyy-MM-ddTHH:mm</c>, Asia/Shanghai) so a leader can send a colleague the same view.</summary>
public sealed partial class ReplayPage
{
    [Inject] private ReplayLoader Loader { get; set; } = null!;
    [Inject] private LiveState Live { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private ILogger<ReplayPage> Logger { get; set; } = null!;

    [SupplyParameterFromQuery(Name = "at")] public string? AtText { get; set; }

    private static readonly int[] Speeds = [1, 10, 60];
    private ReplayFrame? _frame;
    private DateTimeOffset At { get; set; }
    private int Speed { get; set; }
    private string? Error { get; set; }
    private DateTimeOffset? _wanted;
    private bool _loading;
    private CancellationTokenSource? _player;
    private readonly CancellationTokenSource _life = new();

    private DateTimeOffset Now => Clock.GetUtcNow();
    private DateTimeOffset Start => Now - ReplayLoader.Window;
    private double SliderMax => Math.Floor(ReplayLoader.Window.TotalMinutes);
    private double SliderValue => Math.Clamp(Math.Round((At - Start).TotalMinutes), 0, SliderMax);
    private DateOnly? Day => DateOnly.FromDateTime(Shanghai.ToLocal(At).Date);
    private string TimeText => Shanghai.ToLocal(At).ToString("HH:mm", CultureInfo.InvariantCulture);

    protected override void OnInitialized()
    {
        // Default: yesterday 08:00, the moment a weekly meeting most often asks about.
        At = Shanghai.StartOfDay(Now).AddDays(-1).AddHours(8);
        if (!string.IsNullOrWhiteSpace(AtText))
        {
            if (DateTime.TryParseExact(AtText, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                At = Clamp(FromLocal(local));
            else
                Error = $"地址中的时刻「{AtText}」无法识别：请用 yyyy-MM-ddTHH:mm（如 2026-12-01T08:00），已改为昨天 08:00。";
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender) await JumpAsync(At);
    }

    private Task OnSliderAsync(double minutes) => JumpAsync(Start.AddMinutes(minutes));

    private Task StepAsync(TimeSpan by) => JumpAsync(At + by);

    private async Task OnDayChangedAsync(DateOnly? day)
    {
        if (day is not { } d) return;
        var local = Shanghai.ToLocal(At);
        await JumpAsync(FromLocal(d.ToDateTime(TimeOnly.FromTimeSpan(local.TimeOfDay))));
    }

    private async Task OnTimeChangedAsync(string? text)
    {
        if (!TimeOnly.TryParseExact(text?.Trim() ?? "", ["HH:mm", "H:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            Error = $"时刻「{text}」无效：请按 HH:mm 输入（如 08:30）。";
            return;
        }
        var day = DateOnly.FromDateTime(Shanghai.ToLocal(At).Date);
        await JumpAsync(FromLocal(day.ToDateTime(time)));
    }

    private async Task NextEventAsync()
    {
        Pause();
        var next = await Loader.NextEventAsync(At, _life.Token);
        if (next is null) { Error = "此后没有新的事件。"; return; }
        await JumpAsync(next.Value);
    }

    private void Play(int speed)
    {
        Pause();
        Speed = speed;
        _player = new CancellationTokenSource();
        _ = PlayAsync(speed, _player.Token);
    }

    private void Pause()
    {
        _player?.Cancel();
        _player = null;
        Speed = 0;
    }

    // Each real second moves the replay on by `speed` seconds; the frame shown is at most one rebuild behind.
    private async Task PlayAsync(int speed, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), Clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var next = At.AddSeconds(speed);
                if (next >= Now) { await InvokeAsync(() => { Pause(); Error = "已回放到现在。"; StateHasChanged(); }); return; }
                await InvokeAsync(() => JumpAsync(next, keepPlaying: true));
            }
        }
        catch (OperationCanceledException) { }
    }

    private async Task JumpAsync(DateTimeOffset at, bool keepPlaying = false)
    {
        if (!keepPlaying) Pause();
        At = Clamp(at);
        _wanted = At;
        if (_loading) return; // the running rebuild picks up the newest wish when it ends
        _loading = true;
        try
        {
            while (_wanted is { } want)
            {
                _wanted = null;
                try
                {
                    _frame = await Loader.LoadAsync(want, _life.Token);
                    if (!keepPlaying) Error = null;
                }
                catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException)
                {
                    Error = "数据库暂时无法访问，无法重建该时刻的态势，请稍后重试。";
                    Logger.LogWarning("Replay frame at {At} failed: {Error}", want, ex.Message);
                }
                StateHasChanged();
            }
        }
        catch (OperationCanceledException) { }
        finally { _loading = false; }
        Navigation.NavigateTo($"/replay?at={Shanghai.ToLocal(At):yyyy-MM-ddTHH:mm}", new NavigationOptions { ReplaceHistoryEntry = true });
    }

    private static DateTimeOffset FromLocal(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Shanghai.Zone.GetUtcOffset(unspecified));
    }

    private DateTimeOffset Clamp(DateTimeOffset at) => at < Start ? Start : at > Now ? Now : at;

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
    private static string Pct(double? rate) => rate is { } r ? (r * 100).ToString("0.0", CultureInfo.InvariantCulture) : "—";
    private static string? PctUnit(double? rate) => rate is null ? null : "%";
    private static readonly string[] Weekdays = ["日", "一", "二", "三", "四", "五", "六"];
    private static string LocalFull(DateTimeOffset t) { var l = Shanghai.ToLocal(t); return $"{l:yyyy-MM-dd HH:mm:ss} 星期{Weekdays[(int)l.DayOfWeek]}"; }
    private static string LocalShort(DateTimeOffset t) => Shanghai.ToLocal(t).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public ValueTask DisposeAsync()
    {
        _player?.Cancel();
        _life.Cancel();
        _life.Dispose();
        return ValueTask.CompletedTask;
    }
}
