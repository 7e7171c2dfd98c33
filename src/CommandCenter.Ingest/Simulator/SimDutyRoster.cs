using CommandCenter.Core.Duty;
using CommandCenter.Core.Security;
using CommandCenter.Core.Time;
using Npgsql;

namespace CommandCenter.Ingest.Simulator;

/// <summary>The simulated 值班表: 24-hour 领导带班 in two shifts a day (日班 08:30–17:30, 夜班 17:30–次日 08:30), from
/// yesterday to a week ahead, written through <see cref="DutyRoster"/> like the admin's page (checked, audited,
/// announced to the walls). A shift the admin already planned is left alone: the roster refuses the overlap and the
/// simulator skips it.</summary>
public sealed class SimDutyRoster(NpgsqlDataSource db, TimeProvider clock, Action<string> log)
{
    private static readonly string[] Leaders = ["沈建华", "徐晓东", "蒋文静", "韩国平", "朱丽萍"];
    private static readonly string[] Officers = ["陈思远", "李佳怡", "王浩然", "赵雨桐", "刘子轩", "杨欣怡", "黄俊杰", "周梦琪"];
    private static readonly AuditActor Simulator = new("模拟器（simulate）", null, "127.0.0.1");

    /// <summary>Fills the roster now and again every six hours, so a long-running simulator never leaves the wall
    /// without a team.</summary>
    public async Task KeepFilledAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(6), clock);
        try
        {
            do
            {
                try { await FillAsync(ct); }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException) { log($"duty roster: {ex.Message}; trying again later"); }
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) { }
    }

    public async Task<int> FillAsync(CancellationToken ct)
    {
        var roster = new DutyRoster(db, new AuditLog(db, clock), clock);
        var today = Shanghai.StartOfDay(clock.GetUtcNow());
        var added = 0;
        for (var d = -1; d <= 7; d++)
        {
            var day = today.AddDays(d);
            var n = (int)(day.ToUnixTimeSeconds() / 86_400);   // a stable rotation: the same day gets the same team
            foreach (var (from, to, shift) in new[] { (8.5, 17.5, 0), (17.5, 32.5, 1) })
            {
                var draft = new DutyShiftDraft(day.AddHours(from), day.AddHours(to), Leaders[(n * 2 + shift) % Leaders.Length],
                    $"{Officers[(n * 4 + shift * 2) % Officers.Length]}、{Officers[(n * 4 + shift * 2 + 1) % Officers.Length]}", shift == 0 ? "日班" : "夜班");
                if (await roster.AddAsync(draft, Simulator, ct) is null) added++;
            }
        }
        if (added > 0) log($"duty roster: {added} shifts added");
        return added;
    }
}
