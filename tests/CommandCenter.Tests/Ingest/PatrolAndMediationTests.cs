using static CommandCenter.Tests.Ingest.Records;

namespace CommandCenter.Tests.Ingest;

public sealed class PatrolAndMediationTests(IngestFixture db) : IClassFixture<IngestFixture>
{
    [Fact]
    public async Task Patrol_check_ins_land_in_their_grid_and_repeats_are_duplicates()
    {
        var (a, b) = (NewId("pat"), NewId("pat"));
        var batch = Ndjson(Patrol(a), Patrol(b, ("kind", "start"), ("lon", Remove.Field), ("lat", Remove.Field)));

        var first = await db.PostAsync("patrols", batch);
        var second = await db.PostAsync("patrols", batch);

        Assert.Equal(2, first.Count("accepted"));
        Assert.Equal(2, second.Count("duplicate"));
        Assert.Equal("T04", await db.ScalarAsync<string>("SELECT grid_code FROM patrol_events WHERE external_id = @id", ("id", a)));
        var payload = await db.ScalarAsync<string>("SELECT payload::text FROM change_log WHERE position = @p",
            ("p", first.Body.GetProperty("changePosition").GetInt64()));
        Assert.Contains("\"grids\": [\"T04\"]", payload);
        Assert.Contains("\"workers\": [\"w-01\"]", payload);
    }

    [Fact]
    public async Task A_check_in_without_a_position_or_with_an_unknown_kind_is_rejected()
    {
        var answer = await db.PostAsync("patrols", Ndjson(
            Patrol(NewId("pat"), ("lon", Remove.Field), ("lat", Remove.Field)),
            Patrol(NewId("pat"), ("kind", "lunch"))));

        Assert.Contains("a check-in needs lon and lat", answer.ReasonOf(1));
        Assert.Contains("kind 'lunch' is not one of", answer.ReasonOf(2));
    }

    [Fact]
    public async Task A_mediation_is_linked_to_its_case_and_takes_the_case_grid()
    {
        var caseId = NewId();
        await db.PostAsync("incidents", Ndjson(Incident(caseId, ("category", "noise"), ("lon", 119.905), ("lat", 31.015))));
        var med = NewId("med");

        var answer = await db.PostAsync("mediations", Ndjson(Mediation(med, ("caseRef", caseId), ("gridCode", Remove.Field),
            ("outcome", "调解成功"), ("endedAt", Ago(1)), ("agreement", "双方同意晚十点后关闭空调外机"))));

        Assert.Equal("accepted", answer.StatusOf(1));
        await using var r = await db.QueryRowAsync("""
            SELECT m.grid_code, m.case_id = c.id, m.outcome FROM mediations m JOIN cases c ON c.external_id = @c
            WHERE m.external_id = @m
            """, ("c", caseId), ("m", med));
        Assert.Equal("T03", r.GetString(0));
        Assert.True(r.GetBoolean(1));
        Assert.Equal("调解成功", r.GetString(2));
    }

    [Fact]
    public async Task Mediation_rules_are_enforced_per_record()
    {
        var answer = await db.PostAsync("mediations", Ndjson(
            Mediation(NewId("med"), ("outcome", "调解成功"), ("failureRoute", "转诉讼"), ("endedAt", Ago(1))),
            Mediation(NewId("med"), ("level", "省")),
            Mediation(NewId("med"), ("outcome", "部分达成")),
            Mediation(NewId("med"), ("outcome", "调解失败"), ("failureRoute", "转信访"), ("endedAt", Ago(1)))));

        Assert.Contains("only allowed with outcome 调解失败", answer.ReasonOf(1));
        Assert.Contains("level '省' is not one of", answer.ReasonOf(2));
        Assert.Contains("needs endedAt", answer.ReasonOf(3));
        Assert.Equal("accepted", answer.StatusOf(4));
    }

    [Fact]
    public async Task A_concluded_mediation_is_not_overwritten_by_its_older_open_state()
    {
        var (med, started, ended) = (NewId("med"), Ago(3), Ago(1));
        await db.PostAsync("mediations", Ndjson(Mediation(med, ("startedAt", started), ("outcome", "调解成功"), ("endedAt", ended))));

        var late = await db.PostAsync("mediations", Ndjson(Mediation(med, ("startedAt", started))));
        var again = await db.PostAsync("mediations", Ndjson(Mediation(med, ("startedAt", started), ("outcome", "调解成功"), ("endedAt", ended))));

        Assert.Contains("out of order", late.ReasonOf(1));
        Assert.Equal("调解成功", await db.ScalarAsync<string>("SELECT outcome FROM mediations WHERE external_id = @id", ("id", med)));
        Assert.Equal("duplicate", again.StatusOf(1));
    }
}
