using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CommandCenter.Ingest.Keys;
using CommandCenter.Tests.Infrastructure;
using Npgsql;

namespace CommandCenter.Tests.Ingest;

/// <summary>A fresh database with four small square grids (T01–T04, 0.01° each, around 119.91 E
/// 31.01 N), the ingest API on a loopback port and one API key for the source 'test-src'.</summary>
public class IngestFixture : PostgisDatabase
{
    public const string Source = "test-src";
    public IngestHost Host { get; private set; } = null!;
    public string Key { get; private set; } = "";

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await TestGrids.InsertAsync(DataSource);
        Host = await IngestHost.StartAsync(ConnectionString, Settings);
        Key = (await new ApiKeyStore(DataSource).CreateAsync(Source, "tests", default)).Key;
    }

    public override async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await base.DisposeAsync();
    }

    /// <summary>POSTs <paramref name="body"/> to /api/v1/<paramref name="stream"/> with the fixture's key.</summary>
    public Task<ApiAnswer> PostAsync(string stream, string body, string? key = null) =>
        PostBytesAsync(stream, Encoding.UTF8.GetBytes(body), key);

    public async Task<ApiAnswer> PostBytesAsync(string stream, byte[] body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/{stream}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        request.Headers.Add(ApiKeyStore.Header, key ?? Key);
        using var response = await Host.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiAnswer((int)response.StatusCode, text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : default,
            response.Headers.RetryAfter?.Delta);
    }

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] args)
    {
        await using var cmd = DataSource.CreateCommand(sql);
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public async Task<NpgsqlDataReader> QueryRowAsync(string sql, params (string Name, object Value)[] args)
    {
        var cmd = DataSource.CreateCommand(sql);
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v);
        var r = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.CloseConnection);
        Assert.True(await r.ReadAsync(), "expected a row for: " + sql);
        return r;
    }
}

/// <summary>What the API answered: status code, the JSON body and Retry-After.</summary>
public sealed record ApiAnswer(int Status, JsonElement Body, TimeSpan? RetryAfter)
{
    public JsonElement Result(int line) =>
        Body.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("line").GetInt32() == line);

    public string StatusOf(int line) => Result(line).GetProperty("status").GetString()!;
    public string ReasonOf(int line) => Result(line).GetProperty("reason").GetString()!;
    public int Count(string status) => Body.GetProperty(status).GetInt32();
}
