using CommandCenter.Ingest.Validation;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CommandCenter.Ingest.Writer;

/// <summary>Validate, then write one batch: the single path shared by the HTTP API, `import` and the
/// simulator's HTTP-less backfill, so every way in has the same rules.</summary>
public sealed class IngestPipeline(IncidentParser incidents, PatrolParser patrols, IncidentWriter incidentWriter,
    PatrolWriter patrolWriter, MediationWriter mediationWriter, NpgsqlDataSource db, TimeProvider clock,
    IOptions<IngestOptions> options)
{
    public async Task<BatchResult> ProcessAsync(IngestStream stream, string source, IReadOnlyList<RawRecord> records, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var skew = TimeSpan.FromMinutes(options.Value.MaxFutureMinutes);
        return stream switch
        {
            IngestStream.Incidents => await incidentWriter.WriteAsync(source, await incidents.ParseAsync(records, source, now, skew, ct), ct),
            IngestStream.Patrols => await patrolWriter.WriteAsync(source, await patrols.ParseAsync(records, source, now, skew), ct),
            IngestStream.Mediations => await mediationWriter.WriteAsync(source, await MediationParser.ParseAsync(records, source, now, skew), ct),
            _ => throw new ArgumentOutOfRangeException(nameof(stream), stream, "unknown stream"),
        };
    }

    /// <summary>Keeps a body that could not be split into records at all (a broken JSON array).</summary>
    public async Task RejectWholeAsync(IngestStream stream, string source, int line, string raw, string reason, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await BatchSql.CopyRejectsAsync(conn, source, Name(stream), [new RejectedRecord(line, null, raw, reason)], ct);
    }

    public static string Name(IngestStream stream) => stream.ToString().ToLowerInvariant();
}
