using Npgsql;

namespace CommandCenter.BrowserTests.Scorecards;

/// <summary>Last month and the month before on the 133 grids, dispatched to departments, 村居 and grid teams,
/// with 签收, 退回, 重办, 督办 and 纠风办 events: enough for a 通报 with full rankings, 红黑榜 and named cases.</summary>
public static class BulletinData
{
    private const string CasesSql = """
        WITH g AS (SELECT row_number() OVER (ORDER BY code) - 1 AS n, code, community_code FROM grids)
        INSERT INTO cases (source, external_id, channel, category_code, title, grid_code, status, reported_at,
                           accepted_at, dispatched_at, deadline_at, closed_at, satisfaction, callback_at,
                           reopened_count, assignee_code, assignee_name, escalated_jfb, unsatisfied_count, reporter_name, reporter_phone)
        SELECT 'bulletin-test', 'b-' || i, '网格员巡查', (ARRAY['sewer', 'drainpipe', 'parking', 'noise', 'sanitation', 'property'])[1 + h % 6],
               (ARRAY['小区下水道堵塞，污水外溢', '楼道落水管老化破裂', '消防通道乱停车', '夜间空调外机噪音扰民', '垃圾分类点满溢未清运', '物业费争议，住户投诉'])[1 + h % 6],
               g.code, CASE WHEN closed < now() THEN 'closed' ELSE 'in_progress' END, acc, acc,
               acc + (10 + h % 50) * interval '1 minute', acc + (24 + h % 48) * interval '1 hour',
               CASE WHEN closed < now() THEN closed END,
               CASE WHEN closed < now() AND h % 3 <> 0 THEN (ARRAY['满意', '满意', '基本满意', '不满意'])[1 + h % 4] END,
               CASE WHEN closed < now() AND h % 3 <> 0 THEN closed + interval '3 hours' END,
               (h % 31 = 0)::int, a.code, a.code, h % 37 = 0, CASE WHEN h % 37 = 0 THEN 2 ELSE 0 END,
               (ARRAY['张伟', '王芳', '李娜', '刘洋'])[1 + h % 4], '1380000' || lpad((h % 10000)::text, 4, '0')
        FROM generate_series(1, @n) i
        CROSS JOIN LATERAL (SELECT abs(hashint4(i + 7)) AS h) x
        JOIN g ON g.n = x.h % 133
        CROSS JOIN LATERAL (SELECT CASE x.h % 3
                 WHEN 0 THEN (ARRAY['zhujian', 'chengguan', 'gongan', 'wuye', 'minzheng', 'shichang', 'xiaofang', 'sifa'])[1 + (x.h / 3) % 8]
                 WHEN 1 THEN g.community_code ELSE g.code END AS code) a
        CROSS JOIN LATERAL (SELECT date_trunc('month', now() AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai'
                                   - interval '2 months' + (x.h % (55 * 1440)) * interval '1 minute' AS acc) t
        CROSS JOIN LATERAL (SELECT CASE WHEN x.h % 9 = 0 THEN 'infinity'::timestamptz
                                        ELSE acc + (2 + (x.h / 7) % (CASE WHEN a.code LIKE 'ZC%' THEN 40 ELSE 90 END)) * interval '1 hour' END AS closed) c
        """;

    private const string EventsSql = """
        INSERT INTO case_events (case_id, at, actor, action, from_status, to_status, note, data)
        SELECT c.id, c.dispatched_at + k.minutes * (1 + c.id % 5) * interval '1 minute', '测试', k.action, k.f, k.t, k.note,
               CASE k.action WHEN 'return' THEN jsonb_build_object('returnedBy', c.assignee_code)
                             WHEN 'callback' THEN jsonb_build_object('reopened', true, 'escalatedJfb', k.nth = 1) ELSE '{}'::jsonb END
        FROM cases c
        CROSS JOIN LATERAL (VALUES
            ('start', 'dispatched', 'in_progress', NULL::text, 20, 0, c.id % 5 <> 0),
            ('return', 'dispatched', 'accepted', '不属于本单位', 30, 0, c.id % 23 = 0),
            ('rework', 'feedback', 'in_progress', '整改不到位', 600, 0, c.id % 17 = 0),
            ('auto-supervise', 'in_progress', 'in_progress', NULL, 1500, 0, c.closed_at IS NULL OR c.closed_at > c.deadline_at),
            ('callback', 'callback', 'in_progress', NULL, 2000, 0, c.escalated_jfb),
            ('callback', 'callback', 'in_progress', NULL, 2500, 1, c.escalated_jfb)
        ) AS k(action, f, t, note, minutes, nth, wanted)
        WHERE c.source = 'bulletin-test' AND k.wanted AND c.dispatched_at + k.minutes * (1 + c.id % 5) * interval '1 minute' < now()
        ORDER BY c.id, k.minutes
        """;

    public static async Task SeedAsync(NpgsqlDataSource db, int cases = 3000)
    {
        await using var conn = await db.OpenConnectionAsync();
        await using (var cmd = new NpgsqlCommand(CasesSql, conn))
        {
            cmd.Parameters.AddWithValue("n", cases);
            await cmd.ExecuteNonQueryAsync();
        }
        await using (var cmd = new NpgsqlCommand(EventsSql, conn))
            await cmd.ExecuteNonQueryAsync();
    }
}
