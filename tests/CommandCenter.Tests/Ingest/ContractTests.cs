using System.Text;
using System.Text.Json;
using CommandCenter.Core.Cases;
using CommandCenter.Ingest.Api;
using CommandCenter.Ingest.Validation;
using CommandCenter.Ingest.Import;
using CommandCenter.Ingest.Writer;
using Microsoft.Extensions.DependencyInjection;
using static CommandCenter.Tests.Ingest.Records;

namespace CommandCenter.Tests.Ingest;

/// <summary>The served OpenAPI document and the example files in docs/ingest/ agree with what the
/// endpoints actually do.</summary>
public sealed class ContractTests(IngestFixture db) : IClassFixture<IngestFixture>
{
    private static string Docs(string file) => Path.Combine(Infrastructure.TestCluster.RepoRoot, "docs", "ingest", file);

    private async Task<JsonElement> OpenApiAsync() =>
        JsonDocument.Parse(await db.Host.Client.GetStringAsync("/openapi/v1.json")).RootElement;

    // Issue 12, finding 5: the servers entry was hard-coded to port 5081, wrong for any other port or host.
    [Fact]
    public async Task The_documents_server_is_the_address_the_caller_used()
    {
        var doc = await OpenApiAsync();

        var server = Assert.Single(doc.GetProperty("servers").EnumerateArray()).GetProperty("url").GetString();

        Assert.Equal(db.Host.Address.GetLeftPart(UriPartial.Authority), server);
        Assert.NotEqual(5081, db.Host.Address.Port);
    }

    // Issue 12, finding 5: the accepted body types are documented, and are the ones the endpoint takes.
    [Fact]
    public async Task Each_ingest_post_documents_415_and_exactly_the_body_types_it_accepts()
    {
        var doc = await OpenApiAsync();

        foreach (var stream in new[] { "incidents", "patrols", "mediations", "campaign-progress" })
        {
            var post = doc.GetProperty("paths").GetProperty($"/api/v1/{stream}").GetProperty("post");
            Assert.True(post.GetProperty("responses").TryGetProperty("415", out _), $"{stream} does not document 415");
            var documented = post.GetProperty("requestBody").GetProperty("content").EnumerateObject().Select(p => p.Name).Order();
            Assert.Equal(CommandCenter.Ingest.Api.IngestRequestHandler.SupportedTypes.Order(), documented);
        }
    }

    [Fact]
    public async Task Every_documented_operation_exists_and_answers_401_without_a_key()
    {
        var doc = await OpenApiAsync();

        foreach (var path in doc.GetProperty("paths").EnumerateObject())
            foreach (var op in path.Value.EnumerateObject())
            {
                using var request = new HttpRequestMessage(new HttpMethod(op.Name.ToUpperInvariant()), path.Name) { Content = new StringContent("{}") };
                using var response = await db.Host.Client.SendAsync(request);
                Assert.Equal(401, (int)response.StatusCode);
                Assert.True(op.Value.GetProperty("responses").TryGetProperty("401", out _), $"{op.Name} {path.Name} does not document 401");
            }
    }

    [Theory]
    [InlineData("incidents", "Incident")]
    [InlineData("patrols", "PatrolEvent")]
    [InlineData("mediations", "Mediation")]
    public async Task Each_documented_required_field_is_required_by_the_endpoint(string stream, string schema)
    {
        var required = (await OpenApiAsync()).GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("required");
        var valid = stream switch { "incidents" => Incident(NewId()), "patrols" => Patrol(NewId("pat")), _ => Mediation(NewId("med")) };
        Assert.Equal("accepted", (await db.PostAsync(stream, valid)).StatusOf(1));

        foreach (var field in required.EnumerateArray().Select(f => f.GetString()!))
        {
            var record = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(valid)!;
            record.Remove(field);
            record["externalId"] = JsonSerializer.SerializeToElement(field == "externalId" ? null : NewId("req"));
            var answer = await db.PostAsync(stream, JsonSerializer.Serialize(record));
            Assert.Equal("rejected", answer.StatusOf(1));
            Assert.Contains(field + " is required", answer.ReasonOf(1));
        }
    }

    [Fact]
    public async Task Each_documented_required_campaign_progress_field_is_required_by_the_endpoint()
    {
        var today = CommandCenter.Core.Campaigns.Campaign.Today(DateTimeOffset.UtcNow);
        var (campaign, refusal) = await new CommandCenter.Core.Campaigns.CampaignStore(db.DataSource, TimeProvider.System).CreateAsync(
            new CommandCenter.Core.Campaigns.CampaignDraft($"契约-{Guid.NewGuid():N}"[..10], null, today, today.AddDays(5),
                CommandCenter.Core.Campaigns.CampaignScope.Grids, [], ["T01"], [new("约谈户数", 10)]),
            new CommandCenter.Core.Security.AuditActor("王书记（wang）", CommandCenter.Core.Security.Roles.Leader, null), default);
        Assert.True(campaign is not null, refusal);
        var required = (await OpenApiAsync()).GetProperty("components").GetProperty("schemas").GetProperty("CampaignProgress").GetProperty("required");
        string Valid(string id) => JsonSerializer.Serialize(new
        {
            externalId = id, campaignId = campaign, gridCode = "T01", workerId = "gw-1", workerName = "李网格",
            at = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            counts = new Dictionary<string, int> { ["约谈户数"] = 1 },
        });
        Assert.Equal("accepted", (await db.PostAsync("campaign-progress", Valid(NewId("cp")))).StatusOf(1));

        foreach (var field in required.EnumerateArray().Select(f => f.GetString()!))
        {
            var record = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Valid(NewId("cp")))!;
            record.Remove(field);
            var answer = await db.PostAsync("campaign-progress", JsonSerializer.Serialize(record));
            Assert.Equal("rejected", answer.StatusOf(1));
            Assert.Contains(field + " is required", answer.ReasonOf(1));
        }
    }

    [Fact]
    public async Task The_documented_status_codes_are_the_case_status_codes_and_the_result_shape_matches()
    {
        var schemas = (await OpenApiAsync()).GetProperty("components").GetProperty("schemas");
        var statuses = schemas.GetProperty("Incident").GetProperty("properties").GetProperty("status").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(CaseStatus.All, statuses);

        var answer = await db.PostAsync("incidents", Incident(NewId()));
        foreach (var field in schemas.GetProperty("BatchResult").GetProperty("required").EnumerateArray())
            Assert.True(answer.Body.TryGetProperty(field.GetString()!, out _), $"response lacks {field}");
        foreach (var field in schemas.GetProperty("RecordResult").GetProperty("required").EnumerateArray())
            Assert.True(answer.Result(1).TryGetProperty(field.GetString()!, out _), $"result lacks {field}");
    }

    [Theory]
    [InlineData("incidents", "incidents.ndjson", 4)]
    [InlineData("incidents", "incidents.json", 2)]
    [InlineData("patrols", "patrols.ndjson", 4)]
    [InlineData("mediations", "mediations.ndjson", 3)]
    public async Task The_example_files_are_accepted(string stream, string file, int records)
    {
        // A source of its own: the files share external ids, and a replayed older state would be (rightly) refused.
        var (_, key) = await new CommandCenter.Core.Ingest.ApiKeyStore(db.DataSource).CreateAsync($"ex-{Guid.NewGuid():N}"[..12], null, default);
        if (stream == "mediations") await db.PostAsync("incidents", await File.ReadAllTextAsync(Docs("incidents.ndjson")), key);

        var answer = await db.PostAsync(stream, await File.ReadAllTextAsync(Docs(file)), key);

        Assert.Equal(200, answer.Status);
        Assert.Equal(records, answer.Body.GetProperty("results").GetArrayLength());
        Assert.Equal(0, answer.Count("rejected"));
    }

    [Fact]
    public async Task Every_line_of_the_bad_example_is_rejected_with_a_reason()
    {
        var answer = await db.PostAsync("incidents", await File.ReadAllTextAsync(Docs("bad-incidents.ndjson")));

        Assert.Equal(7, answer.Count("rejected"));
    }

    [Fact]
    public async Task The_example_csv_imports_with_quoted_commas_quotes_and_line_breaks()
    {
        var pipeline = db.Host.Services.GetRequiredService<IngestPipeline>();
        using var reader = new StreamReader(Docs("incidents.csv"), new UTF8Encoding(false, true));
        var records = CsvRecords.Read(reader).ToList();

        var result = await pipeline.ProcessAsync(IngestStream.Incidents, "csv-src", records, default);

        Assert.Equal(2, result.Accepted);
        Assert.Equal([2, 3], records.Select(r => r.Line));
        Assert.Equal("住建部门移交：顶楼违建阳光房，\"约20平方米\"", await db.ScalarAsync<string>("SELECT description FROM cases WHERE external_id = 'CSV-0001'"));
        Assert.Equal("希望有人帮忙更换\n厨房灯泡", await db.ScalarAsync<string>("SELECT description FROM cases WHERE external_id = 'CSV-0002'"));
    }

    [Fact]
    public async Task An_ndjson_file_is_read_line_by_line_and_a_bad_line_stays_alone()
    {
        var pipeline = db.Host.Services.GetRequiredService<IngestPipeline>();
        var bytes = Encoding.UTF8.GetBytes("\uFEFF" + Incident(NewId()) + "\r\n\r\n{oops\n" + Incident(NewId()));

        var records = NdjsonFile.Read(new MemoryStream(bytes)).ToList();
        var result = await pipeline.ProcessAsync(IngestStream.Incidents, "file-src", records, default);

        Assert.Equal([1, 3, 4], records.Select(r => r.Line));
        Assert.Equal(2, result.Accepted);
        Assert.Equal(3, Assert.Single(result.Outcomes, o => o.Status == Core.Ingest.RecordStatus.Rejected).Line);
    }

    [Fact]
    public async Task The_sql_status_rank_agrees_with_CaseStatus()
    {
        foreach (var status in CaseStatus.All)
            Assert.Equal(CaseStatus.Rank(status), await db.ScalarAsync<int>("SELECT case_status_rank(@s)", ("s", status)));
    }
}
