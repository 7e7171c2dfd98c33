using System.Collections.Immutable;
using System.Diagnostics;
using CommandCenter.Core.Cases;
using CommandCenter.Core.Kpis;
using CommandCenter.Core.Trends;
using CommandCenter.Live;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommandCenter.Features.Replay;

/// <summary>Rebuilds the wall at a past moment T. The KPIs, grid colours, workers, donut and trend are the
/// live wall's own <see cref="LiveSnapshotLoader"/> with now = T — so the same Core <see cref="KpiCalculator"/>
/// definitions, whose every predicate ignores what was stamped after now — and the ticker's statuses are
/// read back from the case history (<c>case_events</c>) as they were at T. The change-log position is the
/// last entry committed by T. Limits (the KpiCalculator's): a case's current 督办 level, deadline and merge
/// are used as they are now, so a case supervised, re-dispatched or merged after T shows so at T.</summary>
public sealed class ReplayLoader(NpgsqlDataSource db, KpiCalculator kpis, CumulativeRecords records, IOptions<LiveOptions> options, TimeProvider clock)
{
    /// <summary>How far back the page lets you go.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromDays(90);

    public async Task<ReplayFrame> LoadAsync(DateTimeOffset at, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        // A loader of its own: the live one caches the trend's past days for "today", which is not T's today.
        var loader = new LiveSnapshotLoader(db, kpis, records, options);
        var positionTask = PositionAtAsync(at, ct);
        var snapshot = await loader.LoadAsync(0, at, ct);
        var recent = await StatusesAtAsync(snapshot.Recent, at, ct);
        var position = await positionTask;
        snapshot = snapshot with { Recent = recent, Position = position, HeartbeatAt = at, DataAsOf = at };
        return new ReplayFrame(at, snapshot, watch.Elapsed);
    }

    /// <summary>The first moment after <paramref name="at"/> at which the wall changed: a case reported or a
    /// case event (受理, 分流, 办结 …); null when nothing happened since.</summary>
    public async Task<DateTimeOffset?> NextEventAsync(DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            SELECT least((SELECT min(reported_at) FROM cases WHERE reported_at > @at AND reported_at <= @now),
                         (SELECT min(at) FROM case_events WHERE at > @at AND at <= @now))
            """);
        cmd.Parameters.AddWithValue("at", at.ToUniversalTime());
        cmd.Parameters.AddWithValue("now", clock.GetUtcNow());
        var value = await cmd.ExecuteScalarAsync(ct);
        return value is DateTime d ? new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)) : value as DateTimeOffset?;
    }

    private async Task<long> PositionAtAsync(DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("SELECT coalesce(max(position), 0) FROM change_log WHERE committed_at <= @at");
        cmd.Parameters.AddWithValue("at", at.ToUniversalTime());
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    // The ticker shows each case's status at T: its last status change by T, else what its timestamps say.
    private async Task<ImmutableArray<RecentCase>> StatusesAtAsync(ImmutableArray<RecentCase> recent, DateTimeOffset at, CancellationToken ct)
    {
        if (recent.IsEmpty) return recent;
        await using var cmd = db.CreateCommand("""
            SELECT c.id,
                   coalesce((SELECT e.to_status FROM case_events e
                             WHERE e.case_id = c.id AND e.at <= @at AND e.to_status IS NOT NULL
                             ORDER BY e.at DESC, e.id DESC LIMIT 1),
                            -- no status change recorded by T (a case loaded in bulk): its own timestamps tell
                            CASE WHEN c.closed_at <= @at THEN 'closed' WHEN c.feedback_at <= @at THEN 'feedback'
                                 WHEN c.dispatched_at <= @at THEN 'dispatched' WHEN c.accepted_at <= @at THEN 'accepted'
                                 ELSE 'pending' END)
            FROM cases c WHERE c.id = ANY(@ids)
            """);
        cmd.Parameters.AddWithValue("at", at.ToUniversalTime());
        cmd.Parameters.AddWithValue("ids", recent.Select(c => c.Id).ToArray());
        var status = new Dictionary<long, string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) status[r.GetInt64(0)] = CaseStatus.Label(r.GetString(1));
        return [.. recent.Select(c => status.TryGetValue(c.Id, out var s) ? c with { Status = s } : c)];
    }
}
