using System.IO.Compression;
using System.Text.Json;
using CommandCenter.Core.Ingest;
using CommandCenter.Core.Observability;
using CommandCenter.Ingest.Writer;
using CommandCenter.Ingest.Validation;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CommandCenter.Ingest.Api;

/// <summary>One POST to /api/v1/{stream}: key → size limit → split → validate and write one batch →
/// answer per record, only after the commit. Whole-request failures: 401 (key), 415 (type or encoding),
/// 413 (size, decoded), 400 (a JSON array or gzip body that cannot be read), 503 + Retry-After while the database is unreachable.</summary>
public sealed class IngestRequestHandler(ApiKeyStore keys, IngestPipeline pipeline, IOptions<IngestOptions> options,
    ILogger<IngestRequestHandler> log)
{
    public async Task HandleAsync(HttpContext http, IngestStream stream, CancellationToken ct)
    {
        var o = options.Value;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // The batch id follows the records: the answer names it (X-Batch-Id), every log line of the request
        // carries it, and the commit line pairs it with the change-log position the web app's lines name.
        var batchId = http.TraceIdentifier;
        http.Response.Headers["X-Batch-Id"] = batchId;
        using var scope = log.BeginScope(new Dictionary<string, object> { ["BatchId"] = batchId });
        try
        {
            var source = await AuthenticateAsync(http, ct);
            if (source is null) return;
            if (UnsupportedMedia(http.Request) is { } unsupported)
            {
                await ErrorAsync(http, StatusCodes.Status415UnsupportedMediaType, unsupported, ct);
                return;
            }
            var body = await ReadBodyAsync(http, o.MaxBodyBytes, ct);
            if (body is null) return;
            var split = BodySplitter.Split(body.Value);
            if (split.Error is not null)
            {
                await pipeline.RejectWholeAsync(stream, source, split.ErrorLine, RawText.From(body.Value.Span), split.Error, ct);
                await ErrorAsync(http, StatusCodes.Status400BadRequest, split.Error, ct, split.ErrorLine);
                CommandCenterMetrics.IngestRecords.Add(1, new("stream", IngestPipeline.Name(stream)), new("outcome", "rejected"));
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
            Record(stream, result, started);
            log.LogDebug("Batch {BatchId} from {Source}: {Accepted} accepted, {Duplicate} duplicate, {Rejected} rejected; change {ChangePosition}",
                batchId, source, result.Accepted, result.Duplicate, result.Rejected, result.ChangePosition);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex) && !ct.IsCancellationRequested)
        {
            log.LogWarning("Database unavailable, answering 503: {Error}", ex.Message);
            http.Response.Headers.RetryAfter = o.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ErrorAsync(http, StatusCodes.Status503ServiceUnavailable, $"the database is unavailable; nothing of this request was stored, retry in {o.RetryAfterSeconds} s", ct);
        }
    }

    private static void Record(IngestStream stream, BatchResult result, long started)
    {
        var name = IngestPipeline.Name(stream);
        CommandCenterMetrics.IngestAckDuration.Record(CommandCenterMetrics.SecondsSince(started), new KeyValuePair<string, object?>("stream", name));
        foreach (var (outcome, count) in new[] { ("accepted", result.Accepted), ("duplicate", result.Duplicate), ("rejected", result.Rejected) })
            if (count > 0)
                CommandCenterMetrics.IngestRecords.Add(count, new("stream", name), new("outcome", outcome));
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

    /// <summary>Why the body's type or encoding cannot be taken, or null. Records are UTF-8 JSON (an array or
    /// NDJSON, told apart by the first character); anything else (a form post, XML, another charset) is
    /// refused before it is read, rather than reported as thousands of malformed lines.</summary>
    public static string? UnsupportedMedia(HttpRequest request)
    {
        var encoding = request.Headers.ContentEncoding.ToString().Trim();
        if (encoding.Length > 0 && !IsGzip(encoding) && !encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
            return $"Content-Encoding '{encoding}' is not supported; send the body as is or gzip-compressed";
        if (string.IsNullOrEmpty(request.ContentType)) return null; // simple senders that name no type: sniffed as today
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.MediaType.Value is not { } media
            || !SupportedTypes.Contains(media))
            return $"Content-Type '{request.ContentType}' is not supported; send {string.Join(", ", SupportedTypes)}";
        if (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
            return $"charset '{type.Charset}' is not supported; records must be UTF-8";
        return null;
    }

    public static readonly IReadOnlySet<string> SupportedTypes = new SortedSet<string>(StringComparer.OrdinalIgnoreCase)
        { "application/json", "application/x-ndjson", "application/ndjson", "text/plain" };

    private static bool IsGzip(string encoding) =>
        encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase) || encoding.Equals("x-gzip", StringComparison.OrdinalIgnoreCase);

    internal static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext http, long max, CancellationToken ct)
    {
        var tooLarge = $"the body is larger than {max} bytes (after gzip decoding, if compressed); split the delivery";
        if (http.Request.ContentLength > max)
        {
            await ErrorAsync(http, StatusCodes.Status413PayloadTooLarge, tooLarge, ct);
            return null;
        }
        // Our limit, not Kestrel's default, decides (it may be configured above 30 MB).
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } f) f.MaxRequestBodySize = max + 1;
        // The limit counts decoded bytes, read as they are inflated: a small gzip bomb stops at max + one buffer.
        await using var gzip = IsGzip(http.Request.Headers.ContentEncoding.ToString().Trim())
            ? new GZipStream(http.Request.Body, CompressionMode.Decompress, leaveOpen: true)
            : null;
        var body = (Stream?)gzip ?? http.Request.Body;
        using var ms = new MemoryStream((int)Math.Min(http.Request.ContentLength ?? 64 * 1024, max));
        var buffer = new byte[64 * 1024];
        int n;
        try
        {
            while ((n = await body.ReadAsync(buffer, ct)) > 0)
            {
                if (ms.Length + n > max)
                {
                    await ErrorAsync(http, StatusCodes.Status413PayloadTooLarge, tooLarge, ct);
                    return null;
                }
                ms.Write(buffer, 0, n);
            }
        }
        catch (InvalidDataException ex)
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, $"the gzip body could not be decoded ({ex.Message}); nothing was stored", ct);
            return null;
        }
        return new ReadOnlyMemory<byte>(ms.GetBuffer(), 0, (int)ms.Length);
    }

    internal static async Task WriteResultAsync(HttpContext http, BatchResult result, CancellationToken ct)
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
