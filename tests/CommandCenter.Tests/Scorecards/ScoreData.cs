using CommandCenter.Tests.Trends;
using Npgsql;

namespace CommandCenter.Tests.Scorecards;

/// <summary>Cases dispatched to departments, 村居 and grid teams over the last ~15 months, and the events a
/// scorecard counts (签收 by the unit and by a source, 退回, 驳回重办, 不满意 reopen, 督办, escalations to 纠风办,
/// a second escalation of the same case that must not count twice) plus events that count for nothing —
/// each written by one multi-row statement, as writers do. Seeded: every run draws the same history.</summary>
internal static class ScoreData
{
    private const string CasesSql = """
        INSERT INTO cases (source, external_id, channel, category_code, title, grid_code, status, reported_at,
                           accepted_at, dispatched_at, deadline_at, closed_at, satisfaction, callback_at,
                           reopened_count, assignee_code, escalated_jfb, unsatisfied_count, reporter_name, merged_into)
        SELECT @source, @source || '-' || i, '网格员巡查', (ARRAY(SELECT code FROM categories ORDER BY code))[1 + h % 14],
               '测试事件 13812345678', g, CASE WHEN closed < now() THEN 'closed' ELSE 'in_progress' END, acc, acc,
               CASE WHEN h % 17 = 0 THEN NULL ELSE acc + (h % 90) * interval '1 minute' END,
               CASE WHEN h % 17 = 0 THEN NULL ELSE acc + (24 + h % 72) * interval '1 hour' END,
               CASE WHEN closed < now() THEN closed END,
               CASE WHEN closed + interval '1 day' < now() AND h % 4 <> 0 THEN (ARRAY['满意', '基本满意', '不满意'])[1 + h % 3] END,
               CASE WHEN closed + interval '1 day' < now() AND h % 4 <> 0 THEN closed + interval '1 day' END,
               (h % 23 = 0)::int,
               CASE WHEN h % 17 = 0 THEN NULL ELSE a END,
               h % 29 = 0, CASE WHEN h % 29 = 0 THEN 2 ELSE 0 END, '张三', NULL
        FROM generate_series(1, @n) i,
             LATERAL (SELECT abs(hashint4(i + @seed)) AS h) x,
             LATERAL (SELECT 'G' || lpad((1 + (h / 7) % 40)::text, 3, '0') AS g) gg,
             LATERAL (SELECT CASE (h / 3) % 4
                                 WHEN 0 THEN (ARRAY['zhujian', 'chengguan', 'gongan', 'wuye', 'minzheng'])[1 + (h / 13) % 5]
                                 WHEN 1 THEN (SELECT community_code FROM grids WHERE code = gg.g)
                                 ELSE gg.g END AS a) aa,
             LATERAL (SELECT now() - @days * interval '1 day' + (h % (@days * 1440)) * interval '1 minute' AS acc) t,
             LATERAL (SELECT CASE WHEN h % 6 = 0 THEN 'infinity'::timestamptz
                                  ELSE acc + ((h / 11) % 150) * interval '1 hour' END AS closed) c
        """;

    // Events at plausible times after the case's dispatch; several per case for some.
    private const string EventsSql = """
        INSERT INTO case_events (case_id, at, actor, action, from_status, to_status, note, data)
        SELECT c.id, c.dispatched_at + (k.minutes + h % 240) * interval '1 minute', 'test', k.action, k.from_s, k.to_s, k.note,
               CASE k.action
                   WHEN 'return' THEN jsonb_build_object('returnedBy', c.assignee_code)
                   WHEN 'callback' THEN jsonb_build_object('satisfaction', '不满意', 'reopened', true,
                                                            'escalatedJfb', c.escalated_jfb AND k.nth >= 1)
                   ELSE '{}'::jsonb END
        FROM cases c
        CROSS JOIN LATERAL (SELECT abs(hashint4(c.id::int + @seed)) AS h) x
        CROSS JOIN LATERAL (VALUES
            ('start', 'dispatched', 'in_progress', NULL::text, 5, 0, x.h % 10 < 6),
            ('source-update', 'accepted', 'in_progress', NULL, 7, 0, x.h % 10 = 7),
            ('source-update', 'in_progress', 'feedback', NULL, 9, 0, x.h % 10 = 7),
            ('return', 'dispatched', 'accepted', '不属于本单位', 11, 0, x.h % 19 = 0),
            ('rework', 'feedback', 'in_progress', '不合格', 300, 0, x.h % 13 = 0),
            ('supervise', 'in_progress', 'in_progress', '加快', 600, 0, x.h % 7 = 0),
            ('auto-supervise', 'in_progress', 'in_progress', NULL, 1440, 0, x.h % 9 = 0),
            ('callback', 'callback', 'in_progress', NULL, 2000, 0, x.h % 11 = 0 OR c.escalated_jfb),
            ('callback', 'callback', 'in_progress', NULL, 3000, 1, c.escalated_jfb),
            ('callback', 'callback', 'in_progress', NULL, 4000, 2, c.escalated_jfb AND x.h % 2 = 0),
            ('urge', 'in_progress', 'in_progress', '催办', 700, 0, x.h % 5 = 0),
            ('photo', NULL, NULL, '上传照片 1 张', 8, 0, x.h % 4 = 0)
        ) AS k(action, from_s, to_s, note, minutes, nth, wanted)
        WHERE c.source = @source AND c.dispatched_at IS NOT NULL AND k.wanted
          AND c.dispatched_at + (k.minutes + h % 240) * interval '1 minute' < now()
        ORDER BY c.id, k.minutes
        """;

    /// <summary>Grids (40 of the lattice, in 25 communities), then <paramref name="n"/> cases of source
    /// <paramref name="source"/> and their events.</summary>
    public static async Task AddAsync(NpgsqlDataSource db, string source, int n, int days, int seed)
    {
        await TrendData.GridsAsync(db, 40);
        await TrendData.ExecAsync(db, CasesSql, ("source", source), ("n", n), ("days", days), ("seed", seed));
        await TrendData.ExecAsync(db, EventsSql, ("source", source), ("seed", seed));
    }
}
