using System.Text.Json;

namespace CommandCenter.Ingest.Validation;

/// <summary>Opens one raw record as a JSON object, or adds it to the rejects with the reason:
/// invalid UTF-8 (with the byte offset), malformed JSON (with the position), or not an object.</summary>
public static class RecordJson
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static JsonDocument? Open(RawRecord r, List<RejectedRecord> rejected)
    {
        var span = r.Bytes.Span;
        var invalid = RawText.FirstInvalidUtf8(span);
        if (invalid >= 0)
        {
            rejected.Add(new RejectedRecord(r.Line, null, RawText.From(span), $"invalid UTF-8 at byte {invalid + 1} of the line"));
            return null;
        }
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(r.Bytes, Options);
        }
        catch (JsonException ex)
        {
            rejected.Add(new RejectedRecord(r.Line, null, RawText.From(span),
                $"malformed JSON at byte {ex.BytePositionInLine + 1}: {FirstSentence(ex.Message)}"));
            return null;
        }
        if (doc.RootElement.ValueKind != JsonValueKind.Object)
        {
            rejected.Add(new RejectedRecord(r.Line, null, RawText.From(span),
                $"a record must be a JSON object, got {doc.RootElement.ValueKind.ToString().ToLowerInvariant()}"));
            doc.Dispose();
            return null;
        }
        return doc;
    }

    private static string FirstSentence(string message)
    {
        var i = message.IndexOf(" LineNumber", StringComparison.Ordinal);
        return (i > 0 ? message[..i] : message).TrimEnd('.', ' ');
    }
}
