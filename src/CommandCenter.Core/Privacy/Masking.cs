using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CommandCenter.Core.Privacy;

/// <summary>Masks residents' personal data for screens that anyone in the room can read (design
/// invariant 6): names keep their first character (张*, 欧阳** → 欧**), mobile numbers their first three
/// and last four digits (138****5678), ID numbers (身份证) their first three and last four characters.
/// Free text (titles, addresses) has any phone or ID number inside it masked the same way.</summary>
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

    /// <summary>13812345678 → 138****5678 (also with +86 / spaces / dashes); landlines keep only their
    /// last four digits; anything shorter than 7 digits is fully masked.</summary>
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone)) return phone;
        var digits = new StringBuilder();
        foreach (var ch in phone) if (char.IsAsciiDigit(ch)) digits.Append(ch);
        var d = digits.ToString();
        if (d.Length > 11 && d.StartsWith("86", StringComparison.Ordinal)) d = d[2..];
        if (d.Length == 11 && d[0] == '1') return $"{d[..3]}****{d[^4..]}";
        if (d.Length < 7) return new string('*', Math.Max(d.Length, 4));
        return new string('*', d.Length - 4) + d[^4..];
    }

    /// <summary>110101199003071234 → 110***********1234 (18 characters; the same rule for 15-digit IDs).</summary>
    public static string? IdNumber(string? id)
    {
        if (string.IsNullOrWhiteSpace(id)) return id;
        var t = id.Trim();
        if (t.Length <= 7) return new string('*', t.Length);
        return t[..3] + new string('*', t.Length - 7) + t[^4..];
    }

    /// <summary>Masks every ID number and mobile number that appears inside free text.</summary>
    public static string? FreeText(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var masked = IdPattern().Replace(text, m => IdNumber(m.Value)!);
        return MobilePattern().Replace(masked, m => Phone(m.Value)!);
    }

    // 18-digit IDs end in a digit or X; 15-digit ones are all digits. Not part of a longer digit run.
    [GeneratedRegex(@"(?<![0-9])([1-9][0-9]{16}[0-9Xx]|[1-9][0-9]{14})(?![0-9Xx])")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"(?<![0-9])1[3-9][0-9][ -]?[0-9]{4}[ -]?[0-9]{4}(?![0-9])")]
    private static partial Regex MobilePattern();
}
