using CommandCenter.Core.Cases;
using CommandCenter.Core.Kpis;
using CommandCenter.Tests.Infrastructure;

namespace CommandCenter.Tests.Cases;

/// <summary>The loop on a real PostGIS: deadlines, audit trail, change feed, 吹哨, 回访 escalation, merging,
/// mediation and two officers racing on one case.</summary>
public sealed class CaseActionsTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly CaseWorkbench _w = new(db.DataSource, Start);
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task The_whole_loop_is_audited_step_by_step_and_announced_once_per_action()
    {
        var id = await _w.NewCaseAsync();
        await _w.DoAsync(id, new CaseCommand.Accept());
        await _w.DoAsync(id, new CaseCommand.Dispatch("chengguan", "城管"));
        await _w.DoAsync(id, new CaseCommand.Start());
        await _w.DoAsync(id, new CaseCommand.Feedback("已疏通"));
        await _w.DoAsync(id, new CaseCommand.Review());
        var closed = await _w.DoAsync(id, new CaseCommand.Callback(Satisfaction.Satisfied), "值班员乙");

        Assert.Equal(CaseStatus.Closed, closed.Status);
        Assert.Equal(7, closed.Version);
        var detail = (await _w.Reader.LoadAsync(id, None))!;
        Assert.Equal(
            ["accept", "dispatch", "start", "feedback", "review", "callback"],
            detail.Timeline.Select(t => t.Action));
        Assert.Equal(("callback", CaseStatus.Closed, "值班员乙"), (detail.Timeline[^1].FromStatus, detail.Timeline[^1].ToStatus, detail.Timeline[^1].Actor));
        Assert.Equal(6, await _w.ChangesForAsync(id));
    }

    [Fact]
    public async Task Dispatch_deadline_follows_the_category_time_limit_as_configured_in_the_table()
    {
        await using (var cmd = db.DataSource.CreateCommand("UPDATE categories SET time_limit_hours = 6 WHERE code = 'safety'"))
            await cmd.ExecuteNonQueryAsync();
        var id = await _w.NewCaseAsync(CaseStatus.Accepted, "safety");
        _w.Clock.Advance(TimeSpan.FromMinutes(10));
        var s = await _w.DoAsync(id, new CaseCommand.Dispatch("xiaofang", "消防"));
        Assert.Equal(Start.AddMinutes(10).AddHours(6), s.DeadlineAt);
    }

    [Fact]
    public async Task Automatic_supervise_raises_levels_at_the_thresholds_and_never_twice()
    {
        var options = new SuperviseOptions();
        var id = await _w.NewCaseAsync(CaseStatus.Accepted);   // sewer: 48 h
        await _w.DoAsync(id, new CaseCommand.Dispatch("zhujian", "住建"));
        var deadline = (await _w.StateAsync(id)).DeadlineAt!.Value;

        async Task<short> LevelAt(TimeSpan offset)
        {
            _w.Clock.SetUtcNow((deadline + offset).ToUniversalTime());
            await _w.Actions.AutoSuperviseAsync(options, None);
            return (await _w.StateAsync(id)).SuperviseLevel;
        }

        Assert.Equal(0, await LevelAt(TimeSpan.FromHours(-5)));
        Assert.Equal(1, await LevelAt(TimeSpan.FromHours(-4)));
        Assert.Equal(1, await LevelAt(TimeSpan.FromHours(-1)));
        Assert.Equal(2, await LevelAt(TimeSpan.FromMinutes(1)));
        Assert.Equal(3, await LevelAt(TimeSpan.FromHours(25)));
        Assert.Equal(3, await LevelAt(TimeSpan.FromHours(30)));
        Assert.Equal(3, await _w.ScalarAsync("SELECT count(*) FROM case_events WHERE case_id = @id AND action = 'auto-supervise'", id));
    }

    [Fact]
    public async Task Automatic_supervise_skips_a_case_an_officer_holds_and_raises_it_on_the_next_sweep()
    {
        var options = new SuperviseOptions();
        var held = await _w.NewCaseAsync(CaseStatus.Accepted);
        var free = await _w.NewCaseAsync(CaseStatus.Accepted);
        await _w.DoAsync(held, new CaseCommand.Dispatch("zhujian", "住建"));
        await _w.DoAsync(free, new CaseCommand.Dispatch("zhujian", "住建"));
        _w.Clock.SetUtcNow(((await _w.StateAsync(held)).DeadlineAt!.Value + TimeSpan.FromMinutes(1)).ToUniversalTime());

        // An officer's action is in flight on one case: its row is locked until that transaction ends.
        await using (var conn = await db.DataSource.OpenConnectionAsync())
        await using (var tx = await conn.BeginTransactionAsync())
        {
            await using (var lockCase = new Npgsql.NpgsqlCommand("SELECT 1 FROM cases WHERE id = @id FOR UPDATE", conn, tx))
            {
                lockCase.Parameters.AddWithValue("id", held);
                await lockCase.ExecuteScalarAsync();
            }
            // The sweep does not wait for it (waiting, while holding the rows it changed, is how it deadlocked).
            await _w.Actions.AutoSuperviseAsync(options, None).WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal(2, (await _w.StateAsync(free)).SuperviseLevel);
            Assert.Equal(0, (await _w.StateAsync(held)).SuperviseLevel);
            await tx.RollbackAsync();
        }

        await _w.Actions.AutoSuperviseAsync(options, None);
        Assert.Equal(2, (await _w.StateAsync(held)).SuperviseLevel);
    }

    [Fact]
    public async Task Manual_supervise_records_the_note_and_level()
    {
        var id = await _w.NewCaseAsync(CaseStatus.Accepted);
        var s = await _w.DoAsync(id, new CaseCommand.Supervise(2, "群众多次来电，请今日办结"));
        Assert.Equal((short)2, s.SuperviseLevel);
        var last = (await _w.Reader.LoadAsync(id, None))!.Timeline[^1];
        Assert.Equal(("supervise", "群众多次来电，请今日办结"), (last.Action, last.Note));
    }

    [Fact]
    public async Task A_whistled_case_closes_only_after_every_department_checked_in_and_reported()
    {
        var id = await _w.NewCaseAsync(CaseStatus.Accepted);
        await _w.DoAsync(id, new CaseCommand.Dispatch("chengguan", "城管"));
        await _w.DoAsync(id, new CaseCommand.Whistle([new("zhujian", "住建"), new("wuye", "物业")]));
        await _w.DoAsync(id, new CaseCommand.Start());
        await _w.DoAsync(id, new CaseCommand.CheckIn("zhujian"));
        await _w.DoAsync(id, new CaseCommand.Report("zhujian", "已更换落水管"));
        await _w.DoAsync(id, new CaseCommand.Feedback("联合处置完成"));

        var s = await _w.StateAsync(id);
        var refused = await _w.Actions.ApplyAsync(id, s.Version, new CaseCommand.Review(), "值班员甲", None);
        Assert.Equal(CaseActionOutcome.Refused, refused.Outcome);
        Assert.Contains("物业", refused.Message);

        await _w.DoAsync(id, new CaseCommand.CheckIn("wuye"));
        await _w.DoAsync(id, new CaseCommand.Report("wuye", "已协调业主"));
        await _w.DoAsync(id, new CaseCommand.Review());
        Assert.Equal(CaseStatus.Closed, (await _w.DoAsync(id, new CaseCommand.Callback(Satisfaction.Basic))).Status);
        Assert.Equal(2, await _w.ScalarAsync("SELECT count(*) FROM case_summons WHERE case_id = @id AND reported_at IS NOT NULL", id));
    }

    [Fact]
    public async Task A_second_unsatisfied_callback_escalates_to_jfb()
    {
        var id = await _w.NewCaseAsync(CaseStatus.Callback);
        var first = await _w.DoAsync(id, new CaseCommand.Callback(Satisfaction.Unsatisfied));
        Assert.Equal((CaseStatus.InProgress, (short)1, false), (first.Status, first.ReopenedCount, first.EscalatedJfb));
        await _w.DoAsync(id, new CaseCommand.Feedback("重新整改完毕"));
        await _w.DoAsync(id, new CaseCommand.Review());
        var second = await _w.DoAsync(id, new CaseCommand.Callback(Satisfaction.Unsatisfied));
        Assert.Equal((CaseStatus.InProgress, (short)2, true, (short)3),
            (second.Status, second.UnsatisfiedCount, second.EscalatedJfb, second.SuperviseLevel));
        Assert.Contains("纠风办", (await _w.Reader.LoadAsync(id, None))!.Timeline[^1].Note);
    }

    [Fact]
    public async Task A_merged_duplicate_is_linked_and_counted_once_in_the_kpis()
    {
        var primary = await _w.NewCaseAsync(CaseStatus.Accepted);
        var duplicate = await _w.NewCaseAsync(CaseStatus.Accepted);
        var period = new KpiPeriod(Start.AddHours(-1), Start.AddHours(1));
        var kpis = new KpiCalculator(db.DataSource);
        var before = (await kpis.ComputeAsync(period, Start, KpiScope.All, None)).Accepted;

        var s = await _w.DoAsync(duplicate, new CaseCommand.Merge(primary));
        Assert.Equal((CaseStatus.Closed, (long?)primary), (s.Status, s.MergedInto));
        Assert.Equal(before - 1, (await kpis.ComputeAsync(period, Start, KpiScope.All, None)).Accepted);
        Assert.Equal([duplicate], (await _w.Reader.LoadAsync(primary, None))!.Duplicates);

        var intoDuplicate = await _w.Actions.ApplyAsync(primary, (await _w.StateAsync(primary)).Version,
            new CaseCommand.Merge(duplicate), "值班员甲", None);
        Assert.Contains($"已合并到 #{primary}", intoDuplicate.Message);
    }

    [Fact]
    public async Task Mediation_writes_the_mediations_table_and_feeds_the_success_rate()
    {
        var id = await _w.NewCaseAsync(CaseStatus.Accepted, "noise");
        await _w.DoAsync(id, new CaseCommand.StartMediation("红管家", "网格"));
        _w.Clock.Advance(TimeSpan.FromHours(2));
        await _w.DoAsync(id, new CaseCommand.EndMediation(Mediation.Success, null, "夜间空调外机移位，双方签字"));
        Assert.Equal(1, await _w.ScalarAsync(
            "SELECT count(*) FROM mediations WHERE case_id = @id AND outcome = '调解成功' AND level = '网格' AND ended_at IS NOT NULL", id));
        var k = await new KpiCalculator(db.DataSource).ComputeAsync(new KpiPeriod(Start, Start.AddDays(1)), _w.Clock.GetUtcNow(), KpiScope.Grid("G001"), None);
        Assert.True(k.MediationsSucceeded >= 1 && k.DisputesResolvedLocally >= 1);
    }

    [Fact]
    public async Task Two_officers_acting_on_one_case_one_wins_and_the_other_is_told_to_refresh()
    {
        var id = await _w.NewCaseAsync(CaseStatus.Accepted);
        var seen = (await _w.StateAsync(id)).Version;
        var results = await Task.WhenAll(
            Task.Run(() => _w.Actions.ApplyAsync(id, seen, new CaseCommand.Dispatch("chengguan", "城管"), "值班员甲", None)),
            Task.Run(() => _w.Actions.ApplyAsync(id, seen, new CaseCommand.Dispatch("zhujian", "住建"), "值班员乙", None)));

        Assert.Single(results, r => r.Done);
        var lost = Assert.Single(results, r => !r.Done);
        Assert.Equal(CaseActionOutcome.Conflict, lost.Outcome);
        Assert.Equal(CaseActionResult.ConflictMessage, lost.Message);
        var s = await _w.StateAsync(id);
        Assert.Equal(seen + 1, s.Version);
        Assert.Equal(1, await _w.ScalarAsync("SELECT count(*) FROM case_events WHERE case_id = @id AND action = 'dispatch'", id));
        var winner = results[0].Done ? "城管" : "住建";
        Assert.Equal(winner, s.AssigneeName);
    }

    [Fact]
    public async Task An_officer_registers_a_phone_in_case_located_by_a_clicked_point()
    {
        await SampleData.EnsureGridsAsync(db.DataSource, 4);
        var (lon, lat) = SampleData.CentreOf(2);
        var (id, error) = await _w.Registrar.RegisterAsync(new CaseRegistration
        {
            Title = "楼道堆放杂物", CategoryCode = "safety", Longitude = lon, Latitude = lat, Priority = 1, ReporterPhone = "13800001111",
        }, "值班员甲", None);
        Assert.Null(error);
        var s = await _w.StateAsync(id!.Value);
        Assert.Equal((CaseStatus.Accepted, "G003", (short)1), (s.Status, s.GridCode, s.Priority));
        Assert.Equal(1, await _w.ChangesForAsync(id.Value));

        var (none, why) = await _w.Registrar.RegisterAsync(new CaseRegistration { Title = "无位置", CategoryCode = "safety" }, "值班员甲", None);
        Assert.Null(none);
        Assert.Contains("网格", why);
    }
}
