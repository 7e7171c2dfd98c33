using CommandCenter.Core.Geo;
using CommandCenter.Core.Ingest;

namespace CommandCenter.Ingest.Validation;

/// <summary>Validates grid workers' patrol events. Check-ins and visits need a position (they are what
/// the 巡查覆盖率 counts); start and end may come without one.</summary>
public sealed class PatrolParser(IGridAssigner assigner)
{
    public Task<ParsedBatch<PatrolRecord>> ParseAsync(IReadOnlyList<RawRecord> raw, string source, DateTimeOffset now, TimeSpan maxFuture) =>
        RecordGuard.ParseEachAsync<PatrolRecord>(raw, now, maxFuture, (r, f, batch) =>
        {
            var externalId = f.String("externalId", 100, required: true);
            f.CheckSource(source);
            var workerId = f.String("workerId", 50, required: true);
            var workerName = f.String("workerName", 50, required: true);
            var kind = f.OneOf("kind", PatrolRecord.Kinds, required: true);
            var at = f.Time("at", required: true);
            var note = f.String("note", 500);
            var location = LocationCheck.Read(f, assigner);
            if (location is null && kind is PatrolRecord.CheckIn or PatrolRecord.Visit && !f.HasErrors)
                f.Error($"a {kind} needs lon and lat");
            if (f.HasErrors || externalId is null || workerId is null || workerName is null || kind is null || at is null)
            {
                batch.Rejected.Add(new RejectedRecord(r.Line, externalId, RawText.From(r.Bytes.Span), string.Join("; ", f.Errors)));
                return ValueTask.CompletedTask;
            }
            batch.Valid.Add(new ParsedRecord<PatrolRecord>(r.Line, new PatrolRecord
            {
                ExternalId = externalId,
                WorkerId = workerId,
                WorkerName = workerName,
                Kind = kind,
                At = at.Value,
                Longitude = location?.Longitude,
                Latitude = location?.Latitude,
                Note = note,
            }, location?.Assignment, location?.Warning, r.Bytes));
            return ValueTask.CompletedTask;
        });
}
