using System.Text.Json;
using CommandCenter.Ingest.Validation;

namespace CommandCenter.Ingest.Api;

/// <summary>Splits a request body (or file) into records: a JSON array (each element a record, numbered
/// by the line where it starts) or NDJSON (one record per non-empty line). NDJSON lines are split on
/// bytes, so one malformed or non-UTF-8 line never affects its neighbours.</summary>
public static class BodySplitter
{
    /// <summary>The records, or for a JSON array that cannot be read at all, the error and its line.</summary>
    public sealed record Result(IReadOnlyList<RawRecord> Records, string? Error = null, int ErrorLine = 0);

    public static Result Split(ReadOnlyMemory<byte> body)
    {
        var span = body.Span;
        var start = 0;
        if (span.StartsWith("\uFEFF"u8)) start = 3; // a UTF-8 byte-order mark some editors write
        var first = start;
        while (first < span.Length && span[first] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') first++;
        return first < span.Length && span[first] == (byte)'['
            ? SplitArray(body, start)
            : new Result(SplitLines(body, start));
    }

    private static List<RawRecord> SplitLines(ReadOnlyMemory<byte> body, int start)
    {
        var list = new List<RawRecord>();
        var span = body.Span;
        var line = 1;
        var pos = start;
        while (pos < span.Length)
        {
            var nl = span[pos..].IndexOf((byte)'\n');
            var end = nl < 0 ? span.Length : pos + nl;
            var len = end - pos;
            if (len > 0 && span[end - 1] == (byte)'\r') len--;
            var slice = body.Slice(pos, len);
            if (!slice.Span.Trim(" \t"u8).IsEmpty)
                list.Add(new RawRecord(line, slice));
            line++;
            pos = end + 1;
        }
        return list;
    }

    private static Result SplitArray(ReadOnlyMemory<byte> body, int start)
    {
        var list = new List<RawRecord>();
        var data = body[start..];
        var invalid = RawText.FirstInvalidUtf8(data.Span);
        if (invalid >= 0)
            return new Result(list, $"the JSON array is not valid UTF-8 (byte {invalid + start}); send NDJSON to have the other records accepted", LineAt(data.Span, invalid));
        var reader = new Utf8JsonReader(data.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var line = 1;
        var counted = 0;
        try
        {
            reader.Read(); // '['
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                var from = (int)reader.TokenStartIndex;
                line += data.Span[counted..from].Count((byte)'\n');
                counted = from;
                reader.Skip();
                var to = (int)reader.BytesConsumed;
                list.Add(new RawRecord(line, data.Slice(from, to - from)));
            }
            if (reader.TokenType != JsonTokenType.EndArray)
                return new Result([], "the JSON array is not closed with ']'", line);
        }
        catch (JsonException ex)
        {
            return new Result([], $"the JSON array is malformed at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine}: {ex.Message}; send NDJSON to have the other records accepted",
                (int)(ex.LineNumber ?? 0) + 1);
        }
        return new Result(list);
    }

    private static int LineAt(ReadOnlySpan<byte> span, int offset) => span[..offset].Count((byte)'\n') + 1;
}
