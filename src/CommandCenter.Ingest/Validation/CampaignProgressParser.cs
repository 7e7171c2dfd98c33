using System.Text.Json;
using CommandCenter.Core.Campaigns;

namespace CommandCenter.Ingest.Validation;

/// <summary>Reads grid apps' 专项任务 progress records:
/// <c>{"externalId","campaignId","gridCode","workerId","workerName","at","counts":{"约谈":2,…},"note"}</c>. The counts are
/// the change since the worker's last report, keyed by the campaign's counter names; whether they fit the campaign is
/// <see cref="CampaignProgress"/>'s to say.</summary>
public static class CampaignProgressParser
{
    public static Task<ParsedBatch<CampaignReportDraft>> ParseAsync(IReadOnlyList<RawRecord> raw, string source, DateTimeOffset now, TimeSpan maxFuture) =>
        RecordGuard.ParseEachAsync<CampaignReportDraft>(raw, now, maxFuture, (r, f, batch) =>
        {
            var externalId = f.String("externalId", 100, required: true);
            f.CheckSource(source);
            var campaignId = f.Int("campaignId", 1, int.MaxValue);
            if (!f.Has("campaignId")) f.Error("campaignId is required");
            var grid = f.String("gridCode", 50, required: true);
            var workerId = f.String("workerId", 50, required: true);
            var workerName = f.String("workerName", 50, required: true);
            var at = f.Time("at", required: true);
            var note = f.String("note", 500);
            var counts = Counts(f);
            if (f.HasErrors || externalId is null || campaignId is null || grid is null || workerId is null || workerName is null || at is null || counts is null)
            {
                batch.Rejected.Add(new RejectedRecord(r.Line, externalId, RawText.From(r.Bytes.Span), string.Join("; ", f.Errors)));
                return ValueTask.CompletedTask;
            }
            batch.Valid.Add(new ParsedRecord<CampaignReportDraft>(r.Line,
                new CampaignReportDraft(campaignId.Value, grid, counts, at.Value, $"{workerName}（{workerId}）", source, externalId, note), null, null, r.Bytes));
            return ValueTask.CompletedTask;
        });

    private static Dictionary<string, int>? Counts(FieldReader f)
    {
        if (f.Raw("counts") is not { } v)
        {
            f.Error("counts is required: an object of counter name → whole number, e.g. {\"约谈\": 2}");
            return null;
        }
        if (v.ValueKind != JsonValueKind.Object)
        {
            f.Error($"counts must be an object of counter name → whole number, got {v.ValueKind.ToString().ToLowerInvariant()}");
            return null;
        }
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var p in v.EnumerateObject())
        {
            if (p.Value.ValueKind != JsonValueKind.Number || !p.Value.TryGetInt32(out var n))
            {
                f.Error($"counts.{p.Name} must be a whole number");
                continue;
            }
            if (!counts.TryAdd(p.Name.Trim(), n)) f.Error($"counts.{p.Name} appears twice");
        }
        return f.HasErrors ? null : counts;
    }
}
