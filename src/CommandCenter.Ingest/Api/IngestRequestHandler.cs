using System.Text.Json;
using CommandCenter.Core.Ingest;
using CommandCenter.Ingest.Writer;
using CommandCenter.Ingest.Validation;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace CommandCenter.Ingest.Api;

/// <summary>One POST to /api/v1/{stream}: key → size limit → split → validate and write one batch →
/// answer per record, only after the commit. Whole-request failures: 401 (key), 413 (size), 400 (a JSON
/// array that cannot be read), 503 + Retry-After while the database is unreachable.</summary>
public sealed class IngestRequestHandler(ApiKeyStore keys, IngestPipeline pipeline, IOptions<IngestOptions> options,
    ILogger<IngestRequestHandler> log)
{
    public async Task HandleAsync(HttpContext http, IngestStream stream, CancellationToken ct)
    {
        var o = options.Value;
        try
        {
            var source = await AuthenticateAsync(http, ct);
            if (source is null) return;
            var body = await ReadBodyAsync(http, o.MaxBodyBytes, ct);
            if (body is null) return;
            var split = BodySplitter.Split(body.Value);
            if (split.Error is not null)
            {
                await pipeline.RejectWholeAsync(stream, source, split.ErrorLine, RawText.From(body.Value.Span), split.Error, ct);
                await ErrorAsync(http, StatusCodes.Status400BadRequest, split.Error, ct, split.ErrorLine);
                return;
            }
            if (split.Records.Count == 0)
            {
                await ErrorAsync(http, StatusCodes.Status400BadRequest, "the body holds no records (send a JSON array or NDJSON, one object per line)", ct);
                return;
            }
            if (split.Records.Count > o.MaxRecordsPerBatch)
            {
                await ErrorAsync(http, StatusCodes.Status413PayloadTooLarge, $"{split.Records.Count} records in one request; at most {o.MaxRecordsPerBatch}, split the delivery", ct);
                return;
            }
            var result = await pipeline.ProcessAsync(stream, source, split.Records, ct);
            await WriteResultAsync(http, result, ct);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex) && !ct.IsCancellationRequested)
        {
            log.LogWarning("Database unavailable, answering 503: {Error}", ex.Message);
            http.Response.Headers.RetryAfter = o.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ErrorAsync(http, StatusCodes.Status503ServiceUnavailable, $"the database is unavailable; nothing of this request was stored, retry in {o.RetryAfterSeconds} s", ct);
        }
    }

    /// <summary>The key's source, or null after answering 401.</summary>
    public async Task<string?> AuthenticateAsync(HttpContext http, CancellationToken ct)
    {
        var key = http.Request.Headers[ApiKeyStore.Header].ToString();
        var source = string.IsNullOrEmpty(key) ? null : await keys.AuthenticateAsync(key, ct);
        if (source is null)
            await ErrorAsync(http, StatusCodes.Status401Unauthorized,
                string.IsNullOrEmpty(key) ? $"missing {ApiKeyStore.Header} header" : "unknown or revoked API key", ct);
        return source;
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext http, long max, CancellationToken ct)
    {
        var tooLarge = $"the body is larger than {max} bytes; split the delivery";
        if (http.Request.ContentLength > max)
        {
            await ErrorAsync(http, StatusCodes.Status413PayloadTooLarge, tooLarge, ct);
            return null;
        }
        // Our limit, not Kestrel's default, decides (it may be configured above 30 MB).
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } f) f.MaxRequestBodySize = max + 1;
        using var ms = new MemoryStream((int)Math.Min(http.Request.ContentLength ?? 64 * 1024, max));
        var buffer = new byte[64 * 1024];
        int n;
        while ((n = await http.Request.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (ms.Length + n > max)
            {
                await ErrorAsync(http, StatusCodes.Status413PayloadTooLarge, tooLarge, ct);
                return null;
            }
            ms.Write(buffer, 0, n);
        }
        return new ReadOnlyMemory<byte>(ms.GetBuffer(), 0, (int)ms.Length);
    }

    private static async Task WriteResultAsync(HttpContext http, BatchResult result, CancellationToken ct)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        await using var w = new Utf8JsonWriter(http.Response.BodyWriter.AsStream(), new JsonWriterOptions { Encoder = IngestJson.Options.Encoder });
        w.WriteStartObject();
        w.WriteNumber("accepted", result.Accepted);
        w.WriteNumber("duplicate", result.Duplicate);
        w.WriteNumber("rejected", result.Rejected);
        if (result.ChangePosition is { } p) w.WriteNumber("changePosition", p); else w.WriteNull("changePosition");
        w.WriteStartArray("results");
        foreach (var o in result.Outcomes)
        {
            w.WriteStartObject();
            w.WriteNumber("line", o.Line);
            if (o.ExternalId is not null) w.WriteString("externalId", o.ExternalId);
            w.WriteString("status", o.Status switch
            {
                RecordStatus.Accepted => "accepted",
                RecordStatus.Duplicate => "duplicate",
                _ => "rejected",
            });
            if (o.Id is { } id) w.WriteNumber("id", id);
            if (o.Reason is not null) w.WriteString("reason", o.Reason);
            if (o.Warning is not null) w.WriteString("warning", o.Warning);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(ct);
    }

    public static Task ErrorAsync(HttpContext http, int status, string message, CancellationToken ct, int? line = null)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new ErrorBody(message, line), IngestJson.Options, ct);
    }

    private sealed record ErrorBody(string Error, int? Line);
}
