using static CommandCenter.Tests.Ingest.Records;

namespace CommandCenter.Tests.Ingest;

/// <summary>New cases, updates from the source, duplicates and out-of-order deliveries.</summary>
public sealed class IncidentUpdateTests(IngestFixture db) : IClassFixture<IngestFixture>
{
    private Task<long> CountAsync(string sql, string id) => db.ScalarAsync<long>(sql, ("id", id));

    [Fact]
    public async Task A_new_case_is_accepted_at_its_reported_time_in_its_grid_with_one_change_log_entry()
    {
        var id = NewId();
        var reported = Ago(2);

        var answer = await db.PostAsync("incidents", Ndjson(Incident(id, ("reportedAt", reported), ("lon", 119.915), ("lat", 31.005))));

        Assert.Equal(200, answer.Status);
        Assert.Equal("accepted", answer.StatusOf(1));
        var caseId = answer.Result(1).GetProperty("id").GetInt64();
        await using (var r = await db.QueryRowAsync(
            "SELECT status, grid_code, location_flag, accepted_at = reported_at, reported_at = @at::timestamptz FROM cases WHERE id = @id",
            ("id", caseId), ("at", reported)))
        {
            Assert.Equal("accepted", r.GetString(0));
            Assert.Equal("T02", r.GetString(1));
            Assert.True(r.IsDBNull(2));
            Assert.True(r.GetBoolean(3));
            Assert.True(r.GetBoolean(4));
        }
        var position = answer.Body.GetProperty("changePosition").GetInt64();
        await using var log = await db.QueryRowAsync("SELECT kind, payload::text FROM change_log WHERE position = @p", ("p", position));
        Assert.Equal("incidents", log.GetString(0));
        Assert.Contains($"\"caseIds\": [{caseId}]", log.GetString(1));
        Assert.Contains("\"grids\": [\"T02\"]", log.GetString(1));
    }

    [Fact]
    public async Task A_json_array_body_is_taken_like_ndjson_with_element_line_numbers()
    {
        var (a, b) = (NewId(), NewId());
        var body = "[\n" + Incident(a) + ",\n" + Incident(b, ("category", "nope")) + "\n]";

        var answer = await db.PostAsync("incidents", body);

        Assert.Equal("accepted", answer.StatusOf(2));
        Assert.Equal("rejected", answer.StatusOf(3));
    }

    [Fact]
    public async Task A_broken_json_array_is_refused_as_a_whole_and_kept()
    {
        var answer = await db.PostAsync("incidents", "[\n" + Incident(NewId()) + ",\n{\"externalId\": }\n]");

        Assert.Equal(400, answer.Status);
        Assert.Contains("JSON array is malformed", answer.Body.GetProperty("error").GetString());
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM rejects WHERE reason = @r", ("r", answer.Body.GetProperty("error").GetString()!)));
    }

    [Fact]
    public async Task A_point_outside_every_grid_is_stored_flagged_outside_with_the_nearest_grid()
    {
        var id = NewId();

        var answer = await db.PostAsync("incidents", Ndjson(Incident(id, ("lon", 119.925), ("lat", 31.005))));

        Assert.Equal("accepted", answer.StatusOf(1));
        Assert.Contains("outside every grid", answer.Result(1).GetProperty("warning").GetString());
        await using var r = await db.QueryRowAsync("SELECT grid_code, location_flag, nearest_grid_code, nearest_grid_m FROM cases WHERE external_id = @id", ("id", id));
        Assert.True(r.IsDBNull(0));
        Assert.Equal("outside", r.GetString(1));
        Assert.Equal("T02", r.GetString(2));
        Assert.InRange(r.GetDouble(3), 400, 600);
    }

    [Fact]
    public async Task Swapped_coordinates_are_stored_as_sent_and_flagged_swapped()
    {
        var id = NewId();

        var answer = await db.PostAsync("incidents", Ndjson(Incident(id, ("lon", 31.005), ("lat", 119.905))));

        Assert.Equal("accepted", answer.StatusOf(1));
        Assert.Contains("swapped", answer.Result(1).GetProperty("warning").GetString());
        await using var r = await db.QueryRowAsync("SELECT grid_code, location_flag, nearest_grid_code, ST_X(location) FROM cases WHERE external_id = @id", ("id", id));
        Assert.True(r.IsDBNull(0));
        Assert.Equal("swapped", r.GetString(1));
        Assert.Equal("T01", r.GetString(2));
        Assert.Equal(31.005, r.GetDouble(3));
    }

    [Fact]
    public async Task An_address_without_coordinates_is_stored_flagged_missing()
    {
        var id = NewId();

        var answer = await db.PostAsync("incidents", Ndjson(Incident(id, ("lon", Remove.Field), ("lat", Remove.Field))));

        Assert.Equal("accepted", answer.StatusOf(1));
        Assert.Equal("missing", await db.ScalarAsync<string>("SELECT location_flag FROM cases WHERE external_id = @id", ("id", id)));
    }

    [Fact]
    public async Task Duplicate_delivery_changes_nothing()
    {
        var (a, b) = (NewId(), NewId());
        var batch = Ndjson(Incident(a), Incident(b, ("status", "dispatched"), ("dispatchedAt", Ago(1))));
        var first = await db.PostAsync("incidents", batch);
        Assert.Equal(2, first.Count("accepted"));
        var logBefore = await db.ScalarAsync<long>("SELECT count(*) FROM change_log");
        var eventsBefore = await db.ScalarAsync<long>("SELECT count(*) FROM case_events");
        var versionsBefore = await db.ScalarAsync<long>("SELECT sum(version) FROM cases");

        var second = await db.PostAsync("incidents", batch);

        Assert.Equal(2, second.Count("duplicate"));
        Assert.True(second.Body.GetProperty("changePosition").ValueKind == System.Text.Json.JsonValueKind.Null);
        Assert.Equal(logBefore, await db.ScalarAsync<long>("SELECT count(*) FROM change_log"));
        Assert.Equal(eventsBefore, await db.ScalarAsync<long>("SELECT count(*) FROM case_events"));
        Assert.Equal(versionsBefore, await db.ScalarAsync<long>("SELECT sum(version) FROM cases"));
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM cases WHERE external_id = @id", a));
    }

    [Fact]
    public async Task Source_updates_move_a_case_forward_and_dispatch_sets_the_category_deadline()
    {
        var id = NewId();
        var reported = Ago(5);
        await db.PostAsync("incidents", Ndjson(Incident(id, ("reportedAt", reported))));
        var dispatched = Ago(4);

        var answer = await db.PostAsync("incidents", Ndjson(Incident(id, ("reportedAt", reported), ("status", "dispatched"),
            ("dispatchedAt", dispatched), ("assignee", "zhujian"))));

        Assert.Equal("accepted", answer.StatusOf(1));
        await using (var r = await db.QueryRowAsync("""
            SELECT status, deadline_at = @d::timestamptz + interval '48 hours', assignee_code, version FROM cases WHERE external_id = @id
            """, ("id", id), ("d", dispatched)))
        {
            Assert.Equal("dispatched", r.GetString(0));
            Assert.True(r.GetBoolean(1), "deadline = dispatched + sewer's 48 h");
            Assert.Equal("zhujian", r.GetString(2));
            Assert.Equal(2, r.GetInt32(3));
        }
        var closed = Ago(1);
        await db.PostAsync("incidents", Ndjson(Incident(id, ("reportedAt", reported), ("dispatchedAt", dispatched),
            ("feedbackAt", Ago(2)), ("satisfaction", "满意"), ("callbackAt", Ago(1.5)), ("closedAt", closed))));
        await using (var r = await db.QueryRowAsync("SELECT status, satisfaction, closed_at = @c::timestamptz FROM cases WHERE external_id = @id", ("id", id), ("c", closed)))
        {
            Assert.Equal("closed", r.GetString(0));
            Assert.Equal("满意", r.GetString(1));
            Assert.True(r.GetBoolean(2));
        }
        // accepted → dispatched → closed: one timeline event per status change from the source.
        Assert.Equal(2L, await CountAsync("SELECT count(*) FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.external_id = @id", id));
    }

    [Fact]
    public async Task An_update_that_would_move_a_case_backwards_is_ignored_and_kept_in_rejects()
    {
        var id = NewId();
        var reported = Ago(5);
        await db.PostAsync("incidents", Ndjson(Incident(id, ("reportedAt", reported), ("status", "closed"), ("closedAt", Ago(2)))));

        // Newer by its own clock, but it says "dispatched" after the case was closed.
        var answer = await db.PostAsync("incidents", Ndjson(Incident(id, ("reportedAt", reported), ("status", "dispatched"), ("updatedAt", Ago(1)))));

        Assert.Equal("rejected", answer.StatusOf(1));
        Assert.Contains("backwards from 已办结 (closed) to 已分流 (dispatched)", answer.ReasonOf(1));
        Assert.Equal("closed", await db.ScalarAsync<string>("SELECT status FROM cases WHERE external_id = @id", ("id", id)));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM rejects WHERE reason = @r", ("r", answer.ReasonOf(1))));
    }

    [Fact]
    public async Task An_older_update_arriving_late_is_ignored()
    {
        var id = NewId();
        var reported = Ago(5);
        await db.PostAsync("incidents", Ndjson(Incident(id, ("reportedAt", reported), ("status", "in_progress"), ("title", "新标题"), ("updatedAt", Ago(1)))));

        var answer = await db.PostAsync("incidents", Ndjson(Incident(id, ("reportedAt", reported), ("status", "in_progress"), ("title", "旧标题"), ("updatedAt", Ago(3)))));

        Assert.Equal("rejected", answer.StatusOf(1));
        Assert.Contains("out of order", answer.ReasonOf(1));
        Assert.Equal("新标题", await db.ScalarAsync<string>("SELECT title FROM cases WHERE external_id = @id", ("id", id)));
    }

    [Fact]
    public async Task The_same_case_twice_in_one_batch_is_applied_in_line_order()
    {
        var id = NewId();
        var reported = Ago(5);

        var answer = await db.PostAsync("incidents", Ndjson(
            Incident(id, ("reportedAt", reported)),
            Incident(id, ("reportedAt", reported), ("status", "dispatched"), ("dispatchedAt", Ago(4))),
            Incident(id, ("reportedAt", reported))));

        Assert.Equal("accepted", answer.StatusOf(1));
        Assert.Equal("accepted", answer.StatusOf(2));
        // The first state again: a version this case already took, so a duplicate that changes nothing (issue 12),
        // not a rejection — the case stays where line 2 put it.
        Assert.Equal("duplicate", answer.StatusOf(3));
        Assert.Equal("dispatched", await db.ScalarAsync<string>("SELECT status FROM cases WHERE external_id = @id", ("id", id)));
    }
}
