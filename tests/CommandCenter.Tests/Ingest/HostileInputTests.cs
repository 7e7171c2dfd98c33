using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using CommandCenter.Core.Ingest;
using CommandCenter.Ingest.Import;
using CommandCenter.Ingest.Validation;
using CommandCenter.Ingest.Writer;
using Microsoft.Extensions.DependencyInjection;
using static CommandCenter.Tests.Ingest.Records;

namespace CommandCenter.Tests.Ingest;

/// <summary>Issue 12, finding 1 and the ingest parts of finding 5: what one careless or hostile record, a
/// redelivery, a foreign date, a compressed or mistyped body do to a batch.</summary>
public sealed class HostileInputTests(IngestFixture db) : IClassFixture<IngestFixture>
{
    // A JSON escape for a lone high surrogate: valid JSON text, but no .NET string can hold it decoded.
    private const string LoneSurrogate = "\\ud800";

    private static string WithSurrogate(string line, string field) =>
        line.Replace($"\"{field}\":\"", $"\"{field}\":\"{LoneSurrogate}", StringComparison.Ordinal);

    private static string Valid(string stream) => stream switch
    {
        "incidents" => Incident(NewId()),
        "patrols" => Patrol(NewId("pat")),
        _ => Mediation(NewId("med")),
    };

    [Theory]
    [InlineData("incidents", "externalId")]
    [InlineData("incidents", "title")]
    [InlineData("incidents", "description")]
    [InlineData("incidents", "category")]
    [InlineData("incidents", "reportedAt")]
    [InlineData("incidents", "reporterPhone")]
    [InlineData("patrols", "workerName")]
    [InlineData("patrols", "kind")]
    [InlineData("patrols", "at")]
    [InlineData("mediations", "mediatorType")]
    [InlineData("mediations", "gridCode")]
    public async Task Finding1_a_lone_surrogate_in_any_field_rejects_only_its_record_and_keeps_its_raw_text(string stream, string field)
    {
        var bad = WithSurrogate(Valid(stream), field);
        Assert.Contains(LoneSurrogate, bad);

        var answer = await db.PostAsync(stream, Ndjson(Valid(stream), bad, Valid(stream)));

        Assert.Equal(200, answer.Status);
        Assert.Equal(["accepted", "rejected", "accepted"], [answer.StatusOf(1), answer.StatusOf(2), answer.StatusOf(3)]);
        Assert.Contains("could not be read", answer.ReasonOf(2));
        var kept = await db.ScalarAsync<string>(
            "SELECT raw FROM rejects WHERE stream = @s AND reason = @r ORDER BY id DESC LIMIT 1", ("s", stream), ("r", answer.ReasonOf(2)));
        Assert.Equal(bad, kept);
    }

    [Fact]
    public async Task Finding1_a_lone_surrogate_in_a_json_array_rejects_only_its_element()
    {
        var (first, last) = (NewId(), NewId());
        var body = $"[{Incident(first)},\n{WithSurrogate(Incident(NewId()), "title")},\n{Incident(last)}]";

        var answer = await db.PostAsync("incidents", body);

        Assert.Equal(200, answer.Status);
        Assert.Equal((2, 1), (answer.Count("accepted"), answer.Count("rejected")));
        Assert.Equal("rejected", answer.StatusOf(2));
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT count(*) FROM cases WHERE external_id = ANY(@ids)", ("ids", new[] { first, last })));
    }

    [Fact]
    public async Task Finding1_a_lone_surrogate_in_a_property_name_rejects_only_its_record()
    {
        var bad = Incident(NewId()).Replace("\"channel\"", $"\"{LoneSurrogate}channel\"", StringComparison.Ordinal);

        var answer = await db.PostAsync("incidents", Ndjson(Incident(NewId()), bad));

        Assert.Equal(200, answer.Status);
        Assert.Equal("accepted", answer.StatusOf(1));
        Assert.Equal(2, answer.Body.GetProperty("results").GetArrayLength());
    }

    // Found by the fuzz test: the reason quoted the NUL ("got string \"\0\"") and PostgreSQL refused the rejects row,
    // failing the whole batch with a 500.
    [Fact]
    public async Task Finding1_a_reason_that_quotes_a_nul_is_kept_and_the_batch_goes_on()
    {
        var bad = Incident(NewId(), ("priority", "PRIO")).Replace("\"PRIO\"", "\"\\u0000\"", StringComparison.Ordinal);

        var answer = await db.PostAsync("incidents", Ndjson(Incident(NewId()), bad));

        Assert.Equal(200, answer.Status);
        Assert.Equal("rejected", answer.StatusOf(2));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM rejects WHERE raw = @raw AND strpos(reason, @nul) > 0", ("raw", bad), ("nul", "\\x00")));
    }

    // The import command reads files with these readers and writes them through the same pipeline.
    [Fact]
    public async Task Finding1_an_ndjson_file_import_with_a_lone_surrogate_goes_on_past_that_line()
    {
        var (first, last) = (NewId(), NewId());
        var file = Encoding.UTF8.GetBytes(Ndjson(Incident(first), WithSurrogate(Incident(NewId()), "address"), Incident(last)));
        var pipeline = db.Host.Services.GetRequiredService<IngestPipeline>();

        var result = await pipeline.ProcessAsync(IngestStream.Incidents, "import-test", [.. NdjsonFile.Read(new MemoryStream(file))], CancellationToken.None);

        Assert.Equal((2, 1), (result.Accepted, result.Rejected));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM rejects WHERE source = 'import-test' AND raw LIKE '%' || @s || '%'", ("s", LoneSurrogate)));
    }

    // In CSV "\ud800" is six characters of text, not an escape: it is stored as written and the file goes on.
    [Fact]
    public async Task Finding1_a_csv_import_keeps_an_escape_lookalike_as_text()
    {
        var id = NewId();
        var csv = $"externalId,category,title,lon,lat,reportedAt\n{id},sewer,标题{LoneSurrogate},119.905,31.005,{Ago(1)}\n{NewId()},sewer,正常,119.905,31.005,{Ago(1)}\n";
        var pipeline = db.Host.Services.GetRequiredService<IngestPipeline>();

        var result = await pipeline.ProcessAsync(IngestStream.Incidents, "import-test", [.. CsvRecords.Read(new StringReader(csv))], CancellationToken.None);

        Assert.Equal(2, result.Accepted);
        Assert.Equal("标题" + LoneSurrogate, await db.ScalarAsync<string>("SELECT title FROM cases WHERE external_id = @id", ("id", id)));
    }

    [Fact]
    public async Task Finding5_redelivering_an_accepted_batch_answers_duplicate_for_every_record_and_adds_no_reject()
    {
        var id = NewId();
        var reported = Ago(5);
        var batch = Ndjson(
            Incident(id, ("reportedAt", reported)),
            Incident(id, ("reportedAt", reported), ("status", "dispatched"), ("dispatchedAt", Ago(4))),
            Incident(NewId()));
        var first = await db.PostAsync("incidents", batch);
        Assert.Equal(3, first.Count("accepted"));
        var rejectsBefore = await db.ScalarAsync<long>("SELECT count(*) FROM rejects");

        for (var i = 0; i < 2; i++)
        {
            var again = await db.PostAsync("incidents", batch);

            Assert.Equal(["duplicate", "duplicate", "duplicate"], [again.StatusOf(1), again.StatusOf(2), again.StatusOf(3)]);
        }
        Assert.Equal(rejectsBefore, await db.ScalarAsync<long>("SELECT count(*) FROM rejects"));
        Assert.Equal("dispatched", await db.ScalarAsync<string>("SELECT status FROM cases WHERE external_id = @id", ("id", id)));
    }

    [Fact]
    public async Task Finding5_a_late_version_never_accepted_is_still_refused_as_out_of_order()
    {
        var id = NewId();
        var reported = Ago(5);
        await db.PostAsync("incidents", Ndjson(Incident(id, ("reportedAt", reported), ("status", "dispatched"), ("updatedAt", Ago(1)))));

        var late = await db.PostAsync("incidents", Ndjson(Incident(id, ("reportedAt", reported), ("status", "dispatched"), ("updatedAt", Ago(3)))));

        Assert.Equal("rejected", late.StatusOf(1));
        Assert.Contains("out of order", late.ReasonOf(1));
    }

    [Theory]
    [InlineData("12/01/2026 10:00")]
    [InlineData("12/01/2026 10:00 +08:00")]
    [InlineData("2026/12/01 10:00:00+08:00")]
    [InlineData("1 Dec 2026 10:00 +08:00")]
    public async Task Finding5_a_non_iso_date_is_rejected_with_the_expected_form(string date)
    {
        var answer = await db.PostAsync("incidents", Ndjson(Incident(NewId()), Incident(NewId(), ("reportedAt", date))));

        Assert.Equal("accepted", answer.StatusOf(1));
        Assert.Equal("rejected", answer.StatusOf(2));
        Assert.Contains("is not an ISO 8601 timestamp: write yyyy-MM-ddTHH:mm:ss with an offset", answer.ReasonOf(2));
    }

    [Fact]
    public async Task Finding5_a_gzip_body_is_decoded()
    {
        var ids = new[] { NewId(), NewId() };

        var answer = await PostAsync(Gzip(Ndjson(Incident(ids[0]), Incident(ids[1]))), "application/x-ndjson", "gzip");

        Assert.Equal(200, answer.Status);
        Assert.Equal(2L, await db.ScalarAsync<long>("SELECT count(*) FROM cases WHERE external_id = ANY(@ids)", ("ids", ids)));
    }

    [Fact]
    public async Task Finding5_a_gzip_bomb_is_refused_by_its_decoded_size()
    {
        // 64 MiB of spaces compress to about 64 KiB: under the default 16 MiB limit on the wire, far over it decoded.
        var bomb = Gzip(new string(' ', 64 << 20) + Incident(NewId()));
        Assert.True(bomb.Length < 1 << 20);

        var answer = await PostAsync(bomb, "application/x-ndjson", "gzip");

        Assert.Equal(413, answer.Status);
        Assert.Contains("after gzip decoding", answer.Body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", null, "Content-Type")]
    [InlineData("application/xml", null, "Content-Type")]
    [InlineData("application/json; charset=gbk", null, "charset")]
    [InlineData("application/x-ndjson", "br", "Content-Encoding")]
    public async Task Finding5_an_unsupported_body_type_or_encoding_gets_415_and_stores_nothing(string type, string? encoding, string named)
    {
        var id = NewId();

        var answer = await PostAsync(Encoding.UTF8.GetBytes(Incident(id)), type, encoding);

        Assert.Equal(415, answer.Status);
        Assert.Contains(named, answer.Body.GetProperty("error").GetString());
        Assert.Equal(0L, await db.ScalarAsync<long>("SELECT count(*) FROM cases WHERE external_id = @id", ("id", id)));
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/ndjson")]
    [InlineData("text/plain; charset=utf-8")]
    public async Task Finding5_the_documented_body_types_are_taken(string type)
    {
        var answer = await PostAsync(Encoding.UTF8.GetBytes(Incident(NewId())), type, null);

        Assert.Equal(200, answer.Status);
        Assert.Equal(1, answer.Count("accepted"));
    }

    private static byte[] Gzip(string text)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest)) gz.Write(Encoding.UTF8.GetBytes(text));
        return ms.ToArray();
    }

    private async Task<ApiAnswer> PostAsync(byte[] body, string type, string? encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/incidents") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        if (encoding is not null) request.Content.Headers.ContentEncoding.Add(encoding);
        request.Headers.Add(ApiKeyStore.Header, db.Key);
        using var response = await db.Host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiAnswer((int)response.StatusCode, text.Length > 0 ? System.Text.Json.JsonDocument.Parse(text).RootElement.Clone() : default, null);
    }
}
