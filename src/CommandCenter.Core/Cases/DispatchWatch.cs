using System.Globalization;
using CommandCenter.Core.Notices;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CommandCenter.Core.Cases;

/// <summary>Watches what units were sent: a case not signed for (still 已分流) within
/// <see cref="DispatchOptions.SignWithinFor"/> escalates by itself — 1级督办, a notice to the unit and a notice
/// to the center — and a deadline <see cref="DispatchOptions.DueSoonBefore"/> away gives the unit a 临期 notice.
/// Each notice has a once-key (case + dispatch time / deadline), so a run repeated or racing another node
/// sends nothing twice, and a re-dispatched case is watched afresh.</summary>
public sealed class DispatchWatch(NpgsqlDataSource db, TimeProvider clock, ILogger<DispatchWatch> logger)
{
    public const string SignOverdueReason = "超时未签收，自动升级为1级督办";

    /// <summary>One pass in one transaction. Returns the number of notices written.</summary>
    public async Task<int> RunAsync(DispatchOptions options, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var earliest = options.SignWithinUrgent < options.SignWithin ? options.SignWithinUrgent : options.SignWithin;
        var unsigned = await CaseStateStore.LoadManyAsync(conn, tx, """
            WHERE c.status = 'dispatched' AND c.closed_at IS NULL AND c.merged_into IS NULL AND c.dispatched_at <= @cutoff
              AND NOT EXISTS (SELECT 1 FROM notices n WHERE n.once_key = 'sign-overdue:' || c.id || ':' || extract(epoch FROM c.dispatched_at)::bigint)
            ORDER BY c.dispatched_at LIMIT 5000
            """, cmd => cmd.Parameters.AddWithValue("cutoff", (now - earliest).ToUniversalTime()), ct);
        var drafts = new List<NoticeDraft>();
        var raised = new List<CaseState>();
        foreach (var s in unsigned)
        {
            var limit = options.SignWithinFor(s.Priority);
            if (s.DispatchedAt is not { } at || now - at < limit) continue;
            var key = $"{s.Id}:{at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
            var late = $"分流后 {Hours(limit)} 内未签收";
            if (s.SuperviseLevel < 1)
            {
                var decision = CaseMachine.Decide(s, new CaseCommand.AutoSupervise(1, SignOverdueReason), now);
                // A concurrent 签收 wins: the case is no longer unsigned, so nothing escalates.
                if (!decision.Allowed || !await CaseStateStore.SaveAsync(conn, tx, decision.NewState!, s.Version, now, ct)) continue;
                await CaseActions.AppendEventAsync(conn, tx, s.Id, now, "系统", decision, s.Status, s.Status, ct);
                raised.Add(decision.NewState!);
            }
            drafts.Add(new NoticeDraft(s.Id, null, NoticeKinds.SignOverdue, $"{s.AssigneeName ?? s.AssigneeCode}{late}", "系统", $"sign-overdue:{key}"));
            if (s.AssigneeCode is { } unit)
                drafts.Add(new NoticeDraft(s.Id, unit, NoticeKinds.Supervise, $"1级督办：{late}，请立即签收", "系统", $"sign-overdue-unit:{key}"));
        }

        var dueSoon = await CaseStateStore.LoadManyAsync(conn, tx, """
            WHERE c.status IN ('dispatched', 'in_progress') AND c.closed_at IS NULL AND c.merged_into IS NULL
              AND c.assignee_code IS NOT NULL AND c.deadline_at > @now AND c.deadline_at <= @horizon
              AND NOT EXISTS (SELECT 1 FROM notices n WHERE n.once_key = 'due-soon:' || c.id || ':' || extract(epoch FROM c.deadline_at)::bigint)
            ORDER BY c.deadline_at LIMIT 5000
            """, cmd =>
            {
                cmd.Parameters.AddWithValue("now", now.ToUniversalTime());
                cmd.Parameters.AddWithValue("horizon", (now + options.DueSoonBefore).ToUniversalTime());
            }, ct);
        foreach (var s in dueSoon)
        {
            var left = s.DeadlineAt!.Value - now;
            drafts.Add(new NoticeDraft(s.Id, s.AssigneeCode, NoticeKinds.DueSoon, $"距办理期限还有 {Hours(left)}，请按时反馈", "系统",
                $"due-soon:{s.Id}:{s.DeadlineAt.Value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}"));
        }

        if (drafts.Count == 0)
        {
            await tx.RollbackAsync(ct);
            return 0;
        }
        if (raised.Count > 0)
            await CaseActions.AppendChangeAsync(conn, tx, raised, CaseActionKind.AutoSupervise, ct);
        var written = await NoticeStore.AddAsync(conn, tx, drafts, now, ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Dispatch watch: {Raised} unsigned cases escalated, {Notices} notices", raised.Count, written);
        return written;
    }

    private static string Hours(TimeSpan t) => t.TotalHours >= 1
        ? $"{Math.Floor(t.TotalHours).ToString(CultureInfo.InvariantCulture)} 小时{(t.Minutes > 0 ? $" {t.Minutes} 分钟" : "")}"
        : $"{Math.Max(1, (int)Math.Ceiling(t.TotalMinutes)).ToString(CultureInfo.InvariantCulture)} 分钟";
}
