using System.Text.Json;
using CommandCenter.Core.Cases;
using CommandCenter.Core.Geo;
using CommandCenter.Core.Ingest;

namespace CommandCenter.Ingest.Validation;

/// <summary>Validates incident records (new cases or the current state of a known case). A delivery
/// carries the whole record; the status defaults to what its timestamps say (受理 happens at intake, so a
/// new case without status is <c>accepted</c> at its reported time).</summary>
public sealed class IncidentParser(CategoryCatalog categories, IGridAssigner assigner)
{
    private static readonly string[] Satisfactions = ["满意", "基本满意", "不满意"];
    private static readonly TimeSpan ReportSkew = TimeSpan.FromMinutes(1);

    public Task<ParsedBatch<IncidentRecord>> ParseAsync(IReadOnlyList<RawRecord> raw, string source,
        DateTimeOffset now, TimeSpan maxFuture, CancellationToken ct) =>
        RecordGuard.ParseEachAsync<IncidentRecord>(raw, now, maxFuture, async (r, f, batch) =>
        {
            var externalId = f.String("externalId", 100, required: true);
            var record = await ReadAsync(f, externalId, source, ct);
            var location = LocationCheck.Read(f, assigner);
            if (record is null || f.HasErrors)
                batch.Rejected.Add(new RejectedRecord(r.Line, externalId, RawText.From(r.Bytes.Span), string.Join("; ", f.Errors)));
            else if (location is null && record.Address is null)
                batch.Rejected.Add(new RejectedRecord(r.Line, externalId, RawText.From(r.Bytes.Span), "no location: give lon and lat, or an address"));
            else
                batch.Valid.Add(new ParsedRecord<IncidentRecord>(r.Line,
                    record with { Longitude = location?.Longitude, Latitude = location?.Latitude },
                    location?.Assignment, location?.Warning, r.Bytes));
        });

    private async Task<IncidentRecord?> ReadAsync(FieldReader f, string? externalId, string source, CancellationToken ct)
    {
        f.CheckSource(source);
        var categoryName = f.String("category", 50, required: true);
        var category = categoryName is null ? null : await categories.FindAsync(categoryName, ct);
        if (categoryName is not null && category is null)
            f.Error($"unknown category '{categoryName}'; known: {string.Join(", ", (await categories.AllAsync(ct)).Select(c => c.Code))}");
        var title = f.String("title", 200, required: true);
        var description = f.String("description", 4000) ?? "";
        var address = f.String("address", 300);
        var channel = f.String("channel", 50) ?? "其他";
        var reporterName = f.String("reporterName", 50);
        var phone = f.String("reporterPhone", 30);
        if (phone is not null && !phone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ' or '(' or ')'))
            f.Error($"reporterPhone '{phone}' may contain only digits, spaces and + - ( )");
        var workerId = f.String("workerId", 50);
        var priority = f.Int("priority", 1, 3) ?? 3;
        var status = f.OneOf("status", CaseStatus.All);
        var occurred = f.Time("occurredAt");
        var reported = f.Time("reportedAt", required: true);
        var accepted = f.Time("acceptedAt");
        var dispatched = f.Time("dispatchedAt");
        var assignee = f.String("assignee", 50);
        // A deadline lies ahead by nature (before issue 14 one more than 10 minutes away was refused).
        var deadline = f.Time("deadlineAt", future: true);
        var feedback = f.Time("feedbackAt");
        var closed = f.Time("closedAt");
        var satisfaction = f.OneOf("satisfaction", Satisfactions);
        var callback = f.Time("callbackAt");
        var updated = f.Time("updatedAt");
        if (externalId is null || category is null || title is null || reported is null || f.HasErrors) return null;

        foreach (var (name, t) in new[] { ("dispatchedAt", dispatched), ("feedbackAt", feedback), ("closedAt", closed), ("callbackAt", callback) })
            if (t < reported - ReportSkew)
                f.Error($"{name} {t:O} is before reportedAt {reported:O}");
        if (f.HasErrors) return null;

        status ??= closed is not null ? CaseStatus.Closed
            : satisfaction is not null || callback is not null ? CaseStatus.Callback
            : feedback is not null ? CaseStatus.Feedback
            : dispatched is not null ? CaseStatus.Dispatched
            : CaseStatus.Accepted;
        var rank = CaseStatus.Rank(status);
        var latest = new[] { reported, accepted, dispatched, feedback, closed, callback }.Max()!.Value;
        var changedAt = updated ?? latest;
        // A status claimed without its milestone time took effect when the source last changed the case.
        return new IncidentRecord
        {
            ExternalId = externalId,
            Channel = channel,
            CategoryCode = category.Code,
            Title = title,
            Description = description,
            Address = address,
            ReporterName = reporterName,
            ReporterPhone = phone,
            ReporterWorkerId = workerId,
            Priority = (short)priority,
            Status = status,
            OccurredAt = occurred,
            ReportedAt = reported.Value,
            AcceptedAt = rank >= 1 ? accepted ?? reported : null,
            DispatchedAt = rank >= 2 ? dispatched ?? changedAt : dispatched,
            AssigneeCode = assignee,
            DeadlineAt = deadline,
            FeedbackAt = rank >= 4 ? feedback ?? changedAt : feedback,
            ClosedAt = rank >= 6 ? closed ?? changedAt : null,
            Satisfaction = satisfaction,
            CallbackAt = satisfaction is not null ? callback ?? changedAt : callback,
            SourceUpdatedAt = changedAt,
        };
    }
}
