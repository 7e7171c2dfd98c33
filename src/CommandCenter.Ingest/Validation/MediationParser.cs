using CommandCenter.Core.Ingest;

namespace CommandCenter.Ingest.Validation;

/// <summary>Validates mediation (调解) records: who mediated at which level, and once concluded the
/// outcome — 调解成功, 部分达成, or 调解失败 with where it went (转诉讼 / 转信访).</summary>
public static class MediationParser
{
    public static Task<ParsedBatch<MediationRecord>> ParseAsync(IReadOnlyList<RawRecord> raw, string source, DateTimeOffset now, TimeSpan maxFuture) =>
        RecordGuard.ParseEachAsync<MediationRecord>(raw, now, maxFuture, (r, f, batch) =>
        {
            var externalId = f.String("externalId", 100, required: true);
            f.CheckSource(source);
            var caseRef = f.String("caseRef", 100);
            var caseSource = f.String("caseSource", 50);
            var grid = f.String("gridCode", 50);
            var mediator = f.String("mediatorType", 50, required: true);
            var mode = f.OneOf("mode", MediationRecord.Modes);
            var level = f.OneOf("level", MediationRecord.Levels, required: true);
            var outcome = f.OneOf("outcome", MediationRecord.Outcomes);
            var route = f.OneOf("failureRoute", MediationRecord.FailureRoutes);
            var agreement = f.String("agreement", 4000);
            var started = f.Time("startedAt", required: true);
            var ended = f.Time("endedAt");
            var updated = f.Time("updatedAt");
            if (caseRef is null && grid is null && !f.HasErrors)
                f.Error("give caseRef (the case's externalId) or gridCode, so the mediation can be placed");
            if (route is not null && outcome != "调解失败")
                f.Error($"failureRoute '{route}' is only allowed with outcome 调解失败");
            if (outcome is not null && ended is null && !f.HasErrors)
                f.Error($"outcome '{outcome}' needs endedAt");
            if (ended < started)
                f.Error($"endedAt {ended:O} is before startedAt {started:O}");
            if (f.HasErrors || externalId is null || mediator is null || level is null || started is null)
            {
                batch.Rejected.Add(new RejectedRecord(r.Line, externalId, RawText.From(r.Bytes.Span), string.Join("; ", f.Errors)));
                return ValueTask.CompletedTask;
            }
            batch.Valid.Add(new ParsedRecord<MediationRecord>(r.Line, new MediationRecord
            {
                ExternalId = externalId,
                CaseRef = caseRef,
                CaseSource = caseSource,
                GridCode = grid,
                MediatorType = mediator,
                Mode = mode,
                Level = level,
                Outcome = outcome,
                FailureRoute = route,
                Agreement = agreement,
                StartedAt = started.Value,
                EndedAt = ended,
                SourceUpdatedAt = updated ?? ended ?? started.Value,
            }, null, null, r.Bytes));
            return ValueTask.CompletedTask;
        });
}
