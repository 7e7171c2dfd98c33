using System.Text;
using static CommandCenter.Tests.Ingest.Records;

namespace CommandCenter.Tests.Ingest;

/// <summary>Every kind of bad input gets a clear per-record reason, is kept in rejects, and does not stop
/// the valid records of the same batch (issue 4).</summary>
public sealed class IncidentValidationTests(IngestFixture db) : IClassFixture<IngestFixture>
{
    private async Task AssertRejectedAloneAsync(string badLine, string reasonPart)
    {
        var good = NewId();
        var answer = await db.PostAsync("incidents", Ndjson(Incident(good), badLine));

        Assert.Equal(200, answer.Status);
        Assert.Equal("accepted", answer.StatusOf(1));
        Assert.Equal("rejected", answer.StatusOf(2));
        Assert.Contains(reasonPart, answer.ReasonOf(2));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM cases WHERE external_id = @id", ("id", good)));
        var kept = await db.ScalarAsync<long>(
            "SELECT count(*) FROM rejects WHERE source = @s AND stream = 'incidents' AND line_no = 2 AND reason = @r",
            ("s", IngestFixture.Source), ("r", answer.ReasonOf(2)));
        Assert.Equal(1L, kept);
    }

    [Fact]
    public Task Malformed_json_line_is_rejected_with_its_position() =>
        AssertRejectedAloneAsync("{\"externalId\": \"x1\", \"title\": ", "malformed JSON");

    [Fact]
    public Task Wrong_type_is_rejected_naming_the_field() =>
        AssertRejectedAloneAsync(Incident(NewId(), ("lat", "31.0")), "lat must be a number, got string");

    [Fact]
    public Task Missing_required_field_is_rejected() =>
        AssertRejectedAloneAsync(Incident(NewId(), ("title", Remove.Field)), "title is required");

    [Fact]
    public Task Unknown_category_is_rejected_listing_the_known_ones() =>
        AssertRejectedAloneAsync(Incident(NewId(), ("category", "ufo")), "unknown category 'ufo'; known: drainpipe");

    [Fact]
    public Task NaN_coordinate_is_rejected() =>
        AssertRejectedAloneAsync(Incident(NewId()).Replace("\"lat\":31.005", "\"lat\":NaN"), "malformed JSON");

    [Fact]
    public Task Overflowing_coordinate_is_rejected() =>
        AssertRejectedAloneAsync(Incident(NewId()).Replace("\"lat\":31.005", "\"lat\":1e999"), "lon/lat");

    [Fact]
    public Task Out_of_range_coordinates_are_rejected() =>
        AssertRejectedAloneAsync(Incident(NewId(), ("lon", 200.0), ("lat", -95.0)), "out of range");

    [Fact]
    public Task Timestamp_far_in_the_future_is_rejected() =>
        AssertRejectedAloneAsync(Incident(NewId(), ("reportedAt", DateTimeOffset.UtcNow.AddDays(3).ToString("O"))), "in the future");

    [Fact]
    public Task Timestamp_without_offset_is_rejected() =>
        AssertRejectedAloneAsync(Incident(NewId(), ("reportedAt", "2026-01-02T03:04:05")), "no time-zone offset");

    [Fact]
    public Task Over_long_text_is_rejected() =>
        AssertRejectedAloneAsync(Incident(NewId(), ("title", new string('长', 201))), "title is 201 characters long; at most 200");

    [Fact]
    public Task Record_without_any_location_is_rejected() =>
        AssertRejectedAloneAsync(Incident(NewId(), ("lon", Remove.Field), ("lat", Remove.Field), ("address", Remove.Field)), "no location");

    [Fact]
    public async Task Invalid_utf8_is_rejected_and_kept_with_the_bytes_escaped()
    {
        var good = NewId();
        var bad = Encoding.UTF8.GetBytes(Incident(NewId(), ("title", "坏XX")));
        var at = Array.IndexOf(bad, (byte)'X');
        bad[at] = 0xC3; bad[at + 1] = 0x28; // an invalid two-byte sequence
        var body = Encoding.UTF8.GetBytes(Incident(good) + "\n").Concat(bad).ToArray();

        var answer = await db.PostBytesAsync("incidents", body);

        Assert.Equal("accepted", answer.StatusOf(1));
        Assert.Equal("rejected", answer.StatusOf(2));
        Assert.Contains("invalid UTF-8", answer.ReasonOf(2));
        var raw = await db.ScalarAsync<string>("SELECT raw FROM rejects WHERE reason = @r ORDER BY id DESC LIMIT 1", ("r", answer.ReasonOf(2)));
        Assert.Contains("坏\\xC3(", raw);
    }

    [Fact]
    public async Task Injection_strings_are_stored_verbatim_and_never_executed()
    {
        var id = NewId();
        const string Sql = "x'); DROP TABLE cases; --";
        const string Html = "<script>alert('x')</script><img src=x onerror=alert(1)>";

        var answer = await db.PostAsync("incidents", Ndjson(Incident(id, ("title", Sql), ("description", Html), ("reporterName", "Robert'); --"))));

        Assert.Equal("accepted", answer.StatusOf(1));
        await using var r = await db.QueryRowAsync("SELECT title, description, reporter_name FROM cases WHERE external_id = @id", ("id", id));
        Assert.Equal(Sql, r.GetString(0));
        Assert.Equal(Html, r.GetString(1));
        Assert.Equal("Robert'); --", r.GetString(2));
    }

    [Fact]
    public async Task A_source_field_that_is_not_the_keys_source_is_rejected()
    {
        var answer = await db.PostAsync("incidents", Ndjson(Incident(NewId(), ("source", "someone-else"))));

        Assert.Equal("rejected", answer.StatusOf(1));
        Assert.Contains("does not match the API key's source", answer.ReasonOf(1));
    }

    [Fact]
    public async Task Several_problems_of_one_record_are_reported_together()
    {
        var answer = await db.PostAsync("incidents", Ndjson(Incident(NewId(), ("priority", 9), ("status", "lost"), ("reporterPhone", "call me"))));

        var reason = answer.ReasonOf(1);
        Assert.Contains("priority must be between 1 and 3", reason);
        Assert.Contains("status 'lost' is not one of", reason);
        Assert.Contains("reporterPhone", reason);
    }
}
