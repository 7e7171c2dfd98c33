using System.Data.Common;
using System.Text.Json;

namespace CommandCenter.Ingest.Validation;

/// <summary>The one loop every stream's records go through, with one guard around each record's parse:
/// whatever fails while reading one record (a lone UTF-16 surrogate escape such as <c>"\ud800"</c> that
/// System.Text.Json refuses to decode, or a parser bug nobody has met yet) becomes that record's rejection,
/// its raw bytes kept, and the batch goes on. Without it one such string turned the whole batch into a 500,
/// which a sender that retries on 5xx resends forever.</summary>
public static class RecordGuard
{
    public delegate ValueTask ParseOne<T>(RawRecord raw, FieldReader fields, ParsedBatch<T> batch);

    /// <summary>Opens each record as a JSON object (<see cref="RecordJson"/>) and hands it to
    /// <paramref name="parse"/>, which adds exactly one verdict to the batch.</summary>
    public static async Task<ParsedBatch<T>> ParseEachAsync<T>(IReadOnlyList<RawRecord> raw, DateTimeOffset now,
        TimeSpan maxFuture, ParseOne<T> parse)
    {
        var batch = new ParsedBatch<T>();
        foreach (var r in raw)
        {
            if (RecordJson.Open(r, batch.Rejected) is not { } doc) continue;
            using (doc)
            {
                var (valid, rejected) = (batch.Valid.Count, batch.Rejected.Count);
                try
                {
                    await parse(r, new FieldReader(doc.RootElement, now, maxFuture), batch);
                }
                catch (Exception ex) when (IsAboutTheRecord(ex))
                {
                    // One verdict per record: drop anything the parse added before it failed.
                    batch.Valid.RemoveRange(valid, batch.Valid.Count - valid);
                    batch.Rejected.RemoveRange(rejected, batch.Rejected.Count - rejected);
                    batch.Rejected.Add(new RejectedRecord(r.Line, ExternalIdOf(doc.RootElement), RawText.From(r.Bytes.Span),
                        $"the record could not be read: {ex.Message}"));
                }
            }
        }
        return batch;
    }

    // The database going away during a lookup (categories) or the request being cancelled are not the
    // record's fault: they end the request (503 or abort), so no valid record is rejected because of them.
    private static bool IsAboutTheRecord(Exception ex) => ex is not (OperationCanceledException or DbException);

    // Best effort, for the answer's externalId: the id itself may be the field that cannot be read.
    private static string? ExternalIdOf(JsonElement record)
    {
        try
        {
            return record.TryGetProperty("externalId", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
