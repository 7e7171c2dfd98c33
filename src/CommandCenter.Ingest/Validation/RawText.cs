using System.Buffers;
using System.Text;

namespace CommandCenter.Ingest.Validation;

/// <summary>Turns received bytes into text that PostgreSQL can store verbatim in the rejects table:
/// valid UTF-8 is kept as is; invalid byte sequences and NUL (which text columns refuse) become
/// <c>\xNN</c> escapes, so nothing of the original is lost or silently replaced.</summary>
public static class RawText
{
    public static string From(ReadOnlySpan<byte> bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes) && bytes.IndexOf((byte)0) < 0)
            return Encoding.UTF8.GetString(bytes);
        var sb = new StringBuilder(bytes.Length + 16);
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out var rune, out var consumed);
            if (status == OperationStatus.Done && rune.Value != 0)
                sb.Append(rune.ToString());
            else
                for (var i = 0; i < Math.Max(consumed, 1); i++)
                    sb.Append("\\x").Append(bytes[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            bytes = bytes[Math.Max(consumed, 1)..];
        }
        return sb.ToString();
    }

    /// <summary>Byte offset of the first invalid UTF-8 sequence, or -1.</summary>
    public static int FirstInvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out _, out var consumed);
            if (status != OperationStatus.Done) return offset;
            offset += consumed;
            bytes = bytes[consumed..];
        }
        return -1;
    }
}
