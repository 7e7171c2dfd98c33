using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CommandCenter.Core.Privacy;

/// <summary>Masks residents' personal data for screens that anyone in the room can read (design
/// invariant 6): names keep their first character (张*, 欧阳** → 欧**), mobile numbers their first three
/// and last four digits (138****5678), ID numbers (身份证) their first three and last four characters,
/// landlines their last four digits. Free text (titles, addresses, notes) has every phone or ID number
/// inside it masked the same way, however it is written: +86 / 0086 / 86 / 0 prefixes, separators
/// (- space .), full-width digits, parenthesised area codes. This is the one routine for all of that:
/// every reader that hands text to a screen, a hub message, a case page or an export calls it.</summary>
public static partial class Masking
{
    /// <summary>张三 → 张*, 欧阳娜娜 → 欧***, "Li Lei" → L*****. Null or blank stays as it is.</summary>
    public static string? Name(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return name;
        var trimmed = name.Trim();
        // Work on text elements so a surrogate pair (rare CJK extension characters) is never split.
        var elements = StringInfo.GetTextElementEnumerator(trimmed);
        elements.MoveNext();
        var first = (string)elements.Current;
        var rest = 0;
        while (elements.MoveNext()) rest++;
        return first + new string('*', Math.Max(rest, 1));
    }

    /// <summary>A phone field: 13812345678 → 138****5678 (also with +86 / 0086 / 0 in front, separators,
    /// full-width digits); landlines keep only their last four digits; anything shorter than 7 digits is
    /// fully masked.</summary>
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return phone;
        var digits = new StringBuilder();
        foreach (var ch in phone)
            if (DigitValue(ch) is >= 0 and var v) digits.Append((char)('0' + v));
        // Already masked (138****5678, ****3456): masking again must not change what staff see.
        if (phone.Contains('*') && digits.Length <= 7) return phone;
        return MaskPhoneDigits(digits.ToString());
    }

    /// <summary>110101199003071234 → 110***********1234 (18 characters; the same rule for 15-digit IDs).</summary>
    public static string? IdNumber(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return id;
        var t = id.Trim();
        if (t.Length <= 7) return new string('*', t.Length);
        return t[..3] + new string('*', t.Length - 7) + t[^4..];
    }

    /// <summary>Masks every ID number, mobile and landline number that appears inside free text. Masking
    /// twice changes nothing more than masking once.</summary>
    public static string? FreeText(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        // Match on a copy with full-width digits and punctuation folded to ASCII. Folding is one UTF-16
        // unit for one, so match positions in the copy are positions in the original text.
        var folded = Fold(text);
        if (folded is null) return text; // not one digit anywhere: nothing to mask
        var spans = new List<(int Start, int Length, string Mask)>();
        Collect(spans, IdPattern(), folded, d => IdNumber(d)!);
        Collect(spans, MobilePattern(), folded, MaskPhoneDigits);
        Collect(spans, LandlinePattern(), folded, MaskPhoneDigits);
        Collect(spans, LocalNumberPattern(), folded, MaskPhoneDigits);
        if (spans.Count == 0) return text;
        spans.Sort((a, b) => a.Start.CompareTo(b.Start));
        var sb = new StringBuilder(text.Length);
        var at = 0;
        foreach (var (start, length, mask) in spans)
        {
            sb.Append(text, at, start - at).Append(mask);
            at = start + length;
        }
        return sb.Append(text, at, text.Length - at).ToString();
    }

    // Patterns run from the most specific (18/15-digit IDs) to the least (a bare 8-digit local number);
    // a span taken by an earlier pattern is blanked in the working copy so a later one cannot re-match
    // part of it.
    private static void Collect(List<(int, int, string)> spans, Regex pattern, char[] folded, Func<string, string> mask)
    {
        foreach (Match m in pattern.Matches(new string(folded)))
        {
            var digits = new StringBuilder(m.Length);
            foreach (var ch in m.ValueSpan)
                if (char.IsAsciiDigit(ch) || ch is 'X' or 'x') digits.Append(ch);
            spans.Add((m.Index, m.Length, mask(digits.ToString())));
            Array.Fill(folded, '\u25A0', m.Index, m.Length);
        }
    }

    private static string MaskPhoneDigits(string d)
    {
        // Drop the country code (0086 / 86) and a trunk 0 in front of a mobile (013912345678 is how
        // some exchanges print a mobile number).
        if (d.StartsWith("0086", StringComparison.Ordinal) && d.Length > 11) d = d[4..];
        else if (d.StartsWith("86", StringComparison.Ordinal) && d.Length > 11) d = d[2..];
        if (d.Length == 12 && d[0] == '0' && d[1] == '1') d = d[1..];
        if (d.Length == 11 && d[0] == '1') return $"{d[..3]}****{d[^4..]}";
        if (d.Length < 7) return new string('*', Math.Max(d.Length, 4));
        return new string('*', d.Length - 4) + d[^4..];
    }

    /// <summary>A copy of <paramref name="text"/> with every Unicode decimal digit as its ASCII digit and
    /// full-width separators as ASCII ones; null when the text holds no digit at all.</summary>
    private static char[]? Fold(string text)
    {
        var copy = text.ToCharArray();
        var any = false;
        for (var i = 0; i < copy.Length; i++)
        {
            var ch = copy[i];
            if (DigitValue(ch) is >= 0 and var v) { copy[i] = (char)('0' + v); any = true; continue; }
            copy[i] = ch switch
            {
                '\uFF0B' => '+',
                '\uFF0D' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212' => '-',
                '\uFF0E' or '\u3002' => '.',
                '\u3000' or '\u00A0' or '\u2007' or '\u202F' or '\t' => ' ',
                '\uFF08' => '(',
                '\uFF09' => ')',
                '\uFF38' => 'X',
                '\uFF58' => 'x',
                _ => ch,
            };
        }
        return any ? copy : null;
    }

    // Any Unicode decimal digit (full-width １, Arabic-Indic ١, …): all of them read as a number to a person.
    private static int DigitValue(char ch) => char.IsAsciiDigit(ch) ? ch - '0' : CharUnicodeInfo.GetDecimalDigitValue(ch);

    // ID: 18 characters (17 digits and a digit or X) or 15 digits, first digit not 0, written whole or
    // grouped as on the card: region (6) · birth date (8, or 6 in old IDs) · sequence (4, or 3).
    [GeneratedRegex(@"(?<![0-9])[1-9][0-9]{5}[ .\-]{0,3}[0-9]{8}[ .\-]{0,3}[0-9]{3}[0-9Xx](?![0-9Xx])|(?<![0-9])[1-9][0-9]{5}[ .\-]{0,3}[0-9]{6}[ .\-]{0,3}[0-9]{3}(?![0-9Xx])")]
    private static partial Regex IdPattern();

    // Mobile: 1[3-9]x xxxx xxxx with up to three separator characters between any two digits (people group mobiles
    // every way: 138-1234-5678, 1381 234 5678), optionally after +86 / 0086 / 86 or a trunk 0.
    [GeneratedRegex(@"(?<![0-9])(?:(?:\+|00)?86[ .\-]{0,3}|0)?1[ .\-]{0,3}[3-9](?:[ .\-]{0,3}[0-9]){9}(?![0-9])")]
    private static partial Regex MobilePattern();

    // Landline with an area code: 0572-1234567, (0572)12345678, 010 1234 5678, +86 572 1234567,
    // +86 (0)572 1234567. The local part has 7 or 8 digits and does not start with 0.
    [GeneratedRegex(@"(?<![0-9])(?:(?:(?:\+|00)86[ .\-]{0,3})(?:\(0?[1-9][0-9]{1,2}\)|\(0\)[1-9][0-9]{1,2}|0?[1-9][0-9]{1,2})|\(0[1-9][0-9]{1,2}\)|0[1-9][0-9]{1,2})[ .\-]{0,3}[1-9](?:[ .\-]{0,3}[0-9]){6,7}(?![0-9])")]
    private static partial Regex LandlinePattern();

    // A local number without its area code: 8 digits starting with 2–8, whole or as 4-4 (6012 3456; not
    // 2024-03-15, a date). Seven-digit local numbers are left alone: too many other things (amounts,
    // counts) are seven digits long.
    [GeneratedRegex(@"(?<![0-9])[2-8][0-9]{3}[ .\-]{0,3}[0-9]{4}(?![0-9])")]
    private static partial Regex LocalNumberPattern();
}
