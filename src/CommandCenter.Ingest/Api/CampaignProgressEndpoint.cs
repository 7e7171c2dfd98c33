using CommandCenter.Core.Campaigns;
using CommandCenter.Core.Ingest;
using CommandCenter.Ingest.Validation;
using CommandCenter.Ingest.Writer;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommandCenter.Ingest.Api;

/// <summary>POST /api/v1/campaign-progress: grid apps report 专项任务 progress per grid, with the same key, body
/// formats, per-record answers and rejects table as the other streams. Each record is one report written by
/// <see cref="CampaignProgress"/> in its own transaction (a report locks its grid's totals); a refused one (a campaign
/// that has ended, a count that would go below 0 …) is kept in the rejects with its Chinese reason.</summary>
public static class CampaignProgressEndpoint
{
    public const string Stream = "campaign-progress";
    private const int MaxRecords = 500;
    private const long MaxBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapCampaignProgress(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/" + Stream, HandleAsync).RequireRateLimiting(CommandCenter.Core.Security.RateLimitPolicies.Ingest);
        return app;
    }

    private static async Task HandleAsync(HttpContext http, IngestRequestHandler handler, CampaignProgress progress, NpgsqlDataSource db,
        TimeProvider clock, IOptions<IngestOptions> options, CancellationToken ct)
    {
        try
        {
            await HandleCoreAsync(http, handler, progress, db, clock, options, ct);
        }
        catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex) && !ct.IsCancellationRequested && !http.Response.HasStarted)
        {
            // Records before the failure may be stored; each is idempotent by its externalId, so resending all is safe.
            var wait = options.Value.RetryAfterSeconds;
            http.Response.Headers.RetryAfter = wait.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await IngestRequestHandler.ErrorAsync(http, StatusCodes.Status503ServiceUnavailable,
                $"the database is unavailable; resend the whole request in {wait} s (records already stored answer as duplicate)", ct);
        }
    }

    private static async Task HandleCoreAsync(HttpContext http, IngestRequestHandler handler, CampaignProgress progress, NpgsqlDataSource db,
        TimeProvider clock, IOptions<IngestOptions> options, CancellationToken ct)
    {
        var source = await handler.AuthenticateAsync(http, ct);
        if (source is null) return;
        if (IngestRequestHandler.UnsupportedMedia(http.Request) is { } unsupported)
        {
            await IngestRequestHandler.ErrorAsync(http, StatusCodes.Status415UnsupportedMediaType, unsupported, ct);
            return;
        }
        var body = await IngestRequestHandler.ReadBodyAsync(http, MaxBytes, ct);
        if (body is null) return;
        var split = BodySplitter.Split(body.Value);
        if (split.Error is not null || split.Records.Count == 0 || split.Records.Count > MaxRecords)
        {
            var error = split.Error ?? (split.Records.Count == 0 ? "the body holds no records (send a JSON array or NDJSON, one object per line)"
                : $"{split.Records.Count} records in one request; at most {MaxRecords}");
            await IngestRequestHandler.ErrorAsync(http, split.Records.Count > MaxRecords ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest,
                error, ct, split.Error is null ? null : split.ErrorLine);
            return;
        }
        var parsed = await CampaignProgressParser.ParseAsync(split.Records, source, clock.GetUtcNow(), TimeSpan.FromMinutes(options.Value.MaxFutureMinutes));
        var outcomes = parsed.Rejected.Select(r => new RecordOutcome(r.Line, r.ExternalId, RecordStatus.Rejected, r.Reason)).ToList();
        var refused = new List<RejectedRecord>(parsed.Rejected);
        foreach (var p in parsed.Valid)
        {
            var o = await progress.ReportAsync(p.Record, ct);
            switch (o.Status)
            {
                case CampaignReportStatus.Accepted:
                    outcomes.Add(new RecordOutcome(p.Line, p.Record.ExternalId, RecordStatus.Accepted, null, o.Id));
                    break;
                case CampaignReportStatus.Duplicate:
                    outcomes.Add(new RecordOutcome(p.Line, p.Record.ExternalId, RecordStatus.Duplicate));
                    break;
                default:
                    outcomes.Add(new RecordOutcome(p.Line, p.Record.ExternalId, RecordStatus.Rejected, o.Reason));
                    refused.Add(new RejectedRecord(p.Line, p.Record.ExternalId, p.RawText(), o.Reason!));
                    break;
            }
        }
        if (refused.Count > 0)
        {
            await using var conn = await db.OpenConnectionAsync(ct);
            await BatchSql.CopyRejectsAsync(conn, source, Stream, refused, ct);
        }
        await IngestRequestHandler.WriteResultAsync(http, new BatchResult(outcomes, null), ct);
    }
}
