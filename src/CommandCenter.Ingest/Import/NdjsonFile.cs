using CommandCenter.Ingest.Api;
using CommandCenter.Ingest.Validation;

namespace CommandCenter.Ingest.Import;

/// <summary>Streams an NDJSON file as raw byte lines (no decoding, so invalid UTF-8 in one line is
/// reported for that line only), numbered from 1, skipping blank lines.</summary>
public static class NdjsonFile
{
    public static IEnumerable<RawRecord> Read(Stream stream)
    {
        var buffer = new byte[256 * 1024];
        var line = new MemoryStream();
        var lineNo = 1;
        var first = true;
        int n;
        while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            for (var i = 0; i < n; i++)
            {
                if (buffer[i] != (byte)'\n') continue;
                line.Write(buffer, start, i - start);
                if (Take(line, ref first) is { } bytes) yield return new RawRecord(lineNo, bytes);
                lineNo++;
                start = i + 1;
            }
            line.Write(buffer, start, n - start);
        }
        if (Take(line, ref first) is { } last) yield return new RawRecord(lineNo, last);
    }

    private static byte[]? Take(MemoryStream line, ref bool first)
    {
        var bytes = line.ToArray();
        line.SetLength(0);
        var span = bytes.AsSpan();
        if (first && span.StartsWith("\uFEFF"u8)) span = span[3..];
        first = false;
        if (span.EndsWith("\r"u8)) span = span[..^1];
        return span.Trim(" \t"u8).IsEmpty ? null : span.ToArray();
    }
}
