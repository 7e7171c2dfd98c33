using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommandCenter.Core.Ingest;
using static CommandCenter.Tests.Ingest.Records;

namespace CommandCenter.Tests.Ingest;

/// <summary>Issue 12's ingest fuzz test: 3,000 valid records of all three streams, most of them mutated
/// (bytes, escapes, types, nesting, lengths, truncation), sent as NDJSON batches to the real ingest API.
/// Seeded, so a failure repeats; bounded (3,000 records, 30 requests, each with a timeout). Whatever a
/// record holds: never a 5xx, exactly one verdict per record, and what was answered is what is in the
/// database — accepted = rows stored, rejected = rows kept in rejects.</summary>
public sealed class IngestFuzzTests(IngestFixture db) : IClassFixture<IngestFixture>
{
    private const int Seed = 20261201;
    private const int Records = 3000;
    private const int PerBatch = 100;
    private const string FuzzSource = "fuzz-src";

    private static readonly string[] Streams = ["incidents", "patrols", "mediations"];
    private static readonly string[] Escapes = ["\\ud800", "\\udfff", "\\udc00\\ud800", "\\u0000", "\\ud83d\\ude00", "\\\\", "\\\"", "\\n", "\\t", "\\u202e", "\\uffff"];
    private static readonly string[] Texts = ["", " ", "\u0000", "😀", "ﷺ", "e\u0301", "Robert'); DROP TABLE cases;--", "=1+2", "%00", "\u202e", "１３８１２３４５６７８"];
    private static readonly byte[] Bytes = [0x00, 0xFF, 0xFE, 0xC0, 0xC3, 0xED, 0xA0, 0x80, 0x22, 0x5C, 0x7B, 0x7D, 0x5B, 0x2C, 0x3A, 0x0D, 0x09];

    [Fact]
    public async Task Mutated_records_never_get_a_5xx_get_one_verdict_each_and_are_all_stored_or_kept()
    {
        var key = (await new ApiKeyStore(db.DataSource).CreateAsync(FuzzSource, "fuzz", default)).Key;
        var rng = new Random(Seed);
        var answered = new Dictionary<string, int> { ["accepted"] = 0, ["duplicate"] = 0, ["rejected"] = 0 };
        var acceptedPerStream = Streams.ToDictionary(s => s, _ => 0);
        var clock = Stopwatch.StartNew();

        for (var b = 0; b < Records / PerBatch; b++)
        {
            var stream = Streams[b % Streams.Length];
            var lines = Enumerable.Range(0, PerBatch).Select(_ => rng.Next(5) == 0 ? Encoding.UTF8.GetBytes(Valid(stream)) : Mutate(Valid(stream), rng)).ToList();
            var body = lines.SelectMany(l => l.Append((byte)'\n')).ToArray();

            var (status, text) = await PostAsync(stream, body, key);

            Assert.True(status == 200, $"batch {b} ({stream}, seed {Seed}) answered {status}: {text}\n{Encoding.UTF8.GetString(body)}");
            using var answer = JsonDocument.Parse(text);
            var results = answer.RootElement.GetProperty("results").EnumerateArray().ToList();
            Assert.Equal(Enumerable.Range(1, PerBatch), results.Select(r => r.GetProperty("line").GetInt32()).Order());
            foreach (var r in results) answered[r.GetProperty("status").GetString()!]++;
            acceptedPerStream[stream] += answer.RootElement.GetProperty("accepted").GetInt32();
        }

        Assert.Equal(Records, answered.Values.Sum());
        Assert.Equal(acceptedPerStream.Values.Sum(), answered["accepted"]);
        Assert.Equal((long)acceptedPerStream["incidents"], await CountAsync("SELECT count(*) FROM cases WHERE source = @s"));
        Assert.Equal((long)acceptedPerStream["patrols"], await CountAsync("SELECT count(*) FROM patrol_events WHERE source = @s"));
        Assert.Equal((long)acceptedPerStream["mediations"], await CountAsync("SELECT count(*) FROM mediations WHERE source = @s"));
        Assert.Equal((long)answered["rejected"], await CountAsync("SELECT count(*) FROM rejects WHERE source = @s"));
        // Not a sham: the mutations must have produced both outcomes in quantity.
        Assert.InRange(answered["accepted"], Records / 10, Records - Records / 10);
        Assert.InRange(answered["rejected"], Records / 10, Records - Records / 10);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), $"took {clock.Elapsed}");
    }

    private static string Valid(string stream) => stream switch
    {
        "incidents" => Incident(NewId()),
        "patrols" => Patrol(NewId("pat")),
        _ => Mediation(NewId("med")),
    };

    /// <summary>One to three mutations of a valid line; never a raw line break, so one line stays one record.</summary>
    private static byte[] Mutate(string line, Random rng)
    {
        var text = line;
        for (var i = rng.Next(1, 4); i > 0; i--)
            text = rng.Next(6) switch
            {
                0 => Structured(text, rng, TypeSwap),
                1 => Structured(text, rng, Nest),
                2 => Structured(text, rng, Lengthen),
                // Not the id: two records both renamed "😀" would be one case, and rows would no longer count verdicts.
                3 => Structured(text, rng, (_, r) => JsonValue.Create(Texts[r.Next(Texts.Length)]), keepId: true),
                4 => Escape(text, rng),
                _ => text[..rng.Next(1, text.Length)],
            };
        var bytes = Encoding.UTF8.GetBytes(text);
        if (rng.Next(4) == 0)
            for (var i = rng.Next(1, 4); i > 0; i--)
                bytes[rng.Next(bytes.Length)] = Bytes[rng.Next(Bytes.Length)];
        return bytes.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r') ? "x"u8.ToArray() : bytes;
    }

    // A field's value replaced through the JSON tree (skipped when an earlier mutation broke the JSON).
    private static string Structured(string text, Random rng, Func<JsonNode?, Random, JsonNode?> change, bool keepId = false)
    {
        try
        {
            if (TryParse(text) is not JsonObject record || record.Count == 0) return text;
            var name = record.ElementAt(rng.Next(record.Count)).Key;
            if (keepId && name == "externalId") return text;
            record[name] = change(record[name]?.DeepClone(), rng);
            return record.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }
        catch (InvalidOperationException)
        {
            return text; // an earlier escape mutation left a string .NET cannot decode: keep it as it is
        }
    }

    private static JsonNode? TryParse(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (JsonException) { return null; }
    }

    private static JsonNode? TypeSwap(JsonNode? value, Random rng) => rng.Next(9) switch
    {
        0 => null,
        1 => JsonValue.Create(rng.Next(2) == 0),
        2 => JsonValue.Create(rng.NextDouble() * 1e6 - 5e5),
        3 => JsonValue.Create(long.MaxValue),
        4 => new JsonArray(value),
        5 => new JsonObject { ["value"] = value },
        6 => JsonValue.Create(value?.ToJsonString() ?? "null"),
        7 => JsonNode.Parse("1e308"),
        _ => JsonValue.Create(-0.0),
    };

    private static JsonNode? Nest(JsonNode? value, Random rng)
    {
        for (var depth = rng.Next(1, 40); depth > 0; depth--) value = rng.Next(2) == 0 ? new JsonArray(value) : new JsonObject { ["x"] = value };
        return value;
    }

    private static JsonNode? Lengthen(JsonNode? value, Random rng)
    {
        var unit = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : "长";
        if (unit.Length == 0) unit = "a";
        var target = rng.Next(4) switch { 0 => 49, 1 => 51, 2 => 301, _ => rng.Next(1000, 20000) };
        var sb = new StringBuilder(target + unit.Length);
        while (sb.Length < target) sb.Append(unit);
        return JsonValue.Create(sb.ToString(0, target));
    }

    // An escape sequence written into the JSON text right after the opening quote of some string.
    private static string Escape(string text, Random rng)
    {
        var quotes = Enumerable.Range(0, text.Length - 1).Where(i => text[i] == '"' && text[i + 1] != ',' && text[i + 1] != '}' && text[i + 1] != ':').ToList();
        if (quotes.Count == 0) return text;
        var at = quotes[rng.Next(quotes.Count)] + 1;
        return text.Insert(at, Escapes[rng.Next(Escapes.Length)]);
    }

    private async Task<(int Status, string Text)> PostAsync(string stream, byte[] body, string key)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/{stream}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        request.Headers.Add(ApiKeyStore.Header, key);
        using var response = await db.Host.Client.SendAsync(request, timeout.Token);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(timeout.Token));
    }

    private async Task<long> CountAsync(string sql) => await db.ScalarAsync<long>(sql, ("s", FuzzSource));
}
