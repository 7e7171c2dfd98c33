using CommandCenter.Core.ChangeFeed;
using CommandCenter.Tests.Infrastructure;
using NpgsqlTypes;

namespace CommandCenter.Tests.ChangeFeed;

public sealed class ChangePayloadTests(PostgisDatabase db) : IClassFixture<PostgisDatabase>
{
    private async Task<long> AppendAsync(ChangePayload payload)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var pos = await ChangeLog.AppendAsync(conn, tx, payload, CancellationToken.None);
        await tx.CommitAsync();
        return pos;
    }

    private async Task<long> AppendRawAsync(string kind, string json)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        var pos = await ChangeLog.AppendAsync(conn, tx, kind, json, CancellationToken.None);
        await tx.CommitAsync();
        return pos;
    }

    private async Task<ChangeEntry> ReadAsync(long position) =>
        Assert.Single(await ChangeLog.ReadAfterAsync(db.DataSource, position - 1, 1, CancellationToken.None));

    [Fact]
    public async Task Case_12_is_not_woken_by_a_change_to_case_112()
    {
        // The case page used to look for "12" in the payload text, which "112" (and "1201", "G012") contains.
        ChangePayload[] changes =
        [
            new CaseActionChange([112], ["G012"], "accept", ["accepted"]),
            new IncidentsChange([112, 1201], ["G012"], "12345", 1, 1, [112]),
            new MediationsChange([12], ["G012"], "mediation", [112], 1),
        ];
        foreach (var change in changes)
        {
            var entry = await ReadAsync(await AppendAsync(change));
            Assert.False(entry.TouchesCase(12), $"{entry.Kind} for case 112 woke case 12");
            Assert.True(entry.TouchesCase(112), $"{entry.Kind} for case 112 did not wake case 112");
        }
        var patrol = await ReadAsync(await AppendAsync(new PatrolsChange([12], ["G012"], "grid-app", ["w12"], 1)));
        Assert.False(patrol.TouchesCase(12), "a patrol event's id is not a case id");
    }

    [Theory]
    [MemberData(nameof(WireShapes))]
    public async Task Each_kind_is_stored_under_its_name_with_the_wire_shape_of_the_first_version(string kind, ChangePayload payload, string expectedJson)
    {
        var position = await AppendAsync(payload);

        // jsonb equality: same keys and values whatever the order or spacing.
        await using var cmd = db.DataSource.CreateCommand("SELECT kind, payload = @expected FROM change_log WHERE position = @p");
        cmd.Parameters.AddWithValue("expected", NpgsqlDbType.Jsonb, expectedJson);
        cmd.Parameters.AddWithValue("p", position);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        Assert.Equal(kind, r.GetString(0));
        Assert.True(r.GetBoolean(1), $"stored payload differs from {expectedJson}");

        var entry = await ReadAsync(position);
        Assert.Equal(payload.GetType(), entry.Payload?.GetType());
        Assert.Equal(ChangePayloadJson.Serialize(payload), ChangePayloadJson.Serialize(entry.Payload!));
    }

    public static TheoryData<string, ChangePayload, string> WireShapes() => new()
    {
        { ChangeKinds.Incidents, new IncidentsChange([5, 6], ["G001"], "12345", 1, 1, [6]),
            """{"caseIds":[5,6],"grids":["G001"],"source":"12345","created":1,"updated":1,"urgentCaseIds":[6]}""" },
        { ChangeKinds.Patrols, new PatrolsChange([7], ["G002"], "grid-app", ["w1"], 1),
            """{"patrolEventIds":[7],"grids":["G002"],"source":"grid-app","workers":["w1"],"count":1}""" },
        { ChangeKinds.Mediations, new MediationsChange([8], ["G003"], "mediation", [5], 1),
            """{"mediationIds":[8],"grids":["G003"],"source":"mediation","caseIds":[5],"count":1}""" },
        { ChangeKinds.CaseAction, new CaseActionChange([5], ["G001"], "dispatch", ["dispatched"]),
            """{"caseIds":[5],"grids":["G001"],"action":"dispatch","statuses":["dispatched"]}""" },
        { ChangeKinds.Grids, new GridsChange(3, 133, "ab12"), """{"import_id":3,"grids":133,"sha256":"ab12"}""" },
        { ChangeKinds.Categories, new CategoriesChange(["septic"]), """{"codes":["septic"]}""" },
        { ChangeKinds.Notices, new NoticesChange([9], [5], ["chengguan"], NoticesChange.Created),
            """{"noticeIds":[9],"caseIds":[5],"units":["chengguan"],"event":"created"}""" },
        { ChangeKinds.WallCommand, new WallCommandChange(4, null, "send"), """{"commandId":4,"kioskId":null,"action":"send"}""" },
    };

    [Fact]
    public async Task An_unknown_kind_or_a_body_that_does_not_fit_its_kind_arrives_without_a_payload()
    {
        var unknown = await ReadAsync(await AppendRawAsync("from-a-newer-version", """{"caseIds":[12]}"""));
        var misfit = await ReadAsync(await AppendRawAsync(ChangeKinds.CaseAction, """{"caseIds":"12"}"""));
        var missing = await ReadAsync(await AppendRawAsync(ChangeKinds.Incidents, "{}"));

        Assert.All([unknown, misfit, missing], e => Assert.Null(e.Payload));
        Assert.All([unknown, misfit, missing], e => Assert.False(e.TouchesCase(12)));
    }
}
