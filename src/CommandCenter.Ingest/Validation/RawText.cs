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

    /// <summary>Text as a PostgreSQL text column takes it: NUL (which text refuses) becomes <c>\x00</c> and a lone
    /// UTF-16 surrogate (which UTF-8 cannot hold) <c>\uD800</c>; everything else is kept. For what is written
    /// into rejects besides the raw bytes — a reason quotes the offending value, and that may be a NUL.</summary>
    public static string Storable(string text)
    {
        StringBuilder? sb = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (c != '\0' && (pair || !char.IsSurrogate(c)))
            {
                sb?.Append(c);
                if (pair) { i++; sb?.Append(text[i]); }
                continue;
            }
            sb ??= new StringBuilder(text, 0, i, text.Length + 8);
            sb.Append(c == '\0' ? "\\x00" : "\\u" + ((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb?.ToString() ?? text;
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
