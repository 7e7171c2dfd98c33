using System.Text;

namespace CommandCenter.Tests.Privacy;

/// <summary>Phone and ID numbers written the ways people write them (prefixes, separators, groupings,
/// full-width digits, landlines with area codes), for the masking tests at every boundary.</summary>
public static class PhoneForms
{
    public static readonly string[] Kinds = ["mobile", "landline", "local", "id18", "id15"];

    private static readonly string[] Separators = ["", "-", " ", ".", "－", "　", " - "];

    public static (string Digits, string Written) Generate(string kind, Random rng)
    {
        string Digits(int n) => string.Concat(Enumerable.Range(0, n).Select(_ => (char)('0' + rng.Next(10))));
        string Sep() => Pick(rng, Separators);
        string digits, written;
        switch (kind)
        {
            case "mobile":
            {
                digits = "1" + (char)('3' + rng.Next(7)) + Digits(9);
                var prefix = Pick(rng, ["", "", "+86", "+86 ", "+86-", "0086", "0086 ", "86", "0", "＋８６ "]);
                // Grouped as 3-4-4, 4-3-4 or with a separator between every pair now and then.
                var groups = rng.Next(4) switch
                {
                    0 => [digits],
                    1 => [digits[..3], digits[3..7], digits[7..]],
                    2 => [digits[..4], digits[4..7], digits[7..]],
                    _ => digits.Select(c => c.ToString()).ToArray(),
                };
                var sep = Sep();
                written = prefix + string.Join(sep, groups);
                break;
            }
            case "landline":
            {
                var area = Pick(rng, ["010", "021", "022", "0572", "0571", "0755", "0898"]);
                var local = (char)('1' + rng.Next(9)) + Digits(rng.Next(2) == 0 ? 6 : 7);
                digits = area + local;
                var localWritten = rng.Next(2) == 0 ? local : local[..^4] + Sep() + local[^4..];
                written = rng.Next(5) switch
                {
                    0 => $"{area}{Sep()}{localWritten}",
                    1 => $"({area}){localWritten}",
                    2 => $"（{area}）{Sep()}{localWritten}",
                    3 => $"+86{Sep()}{area[1..]}{Sep()}{localWritten}",
                    _ => $"0086 {area[1..]} {localWritten}",
                };
                break;
            }
            case "local":
                digits = (char)('2' + rng.Next(7)) + Digits(7);
                written = rng.Next(2) == 0 ? digits : digits[..4] + Sep() + digits[4..];
                break;
            case "id18":
                digits = (char)('1' + rng.Next(9)) + Digits(16) + (rng.Next(11) == 10 ? Pick(rng, ["X", "x"]) : Digits(1));
                written = rng.Next(2) == 0 ? digits : digits[..6] + Sep() + digits[6..14] + Sep() + digits[14..];
                break;
            default:
                digits = (char)('1' + rng.Next(9)) + Digits(14);
                written = rng.Next(2) == 0 ? digits : digits[..6] + Sep() + digits[6..12] + Sep() + digits[12..];
                break;
        }
        if (rng.Next(4) == 0) written = FullWidth(written);
        return (digits, written);
    }

    public static string FullWidth(string s) =>
        string.Concat(s.Select(c => c switch
        {
            >= '0' and <= '9' => (char)('０' + (c - '0')),
            'X' => 'Ｘ',
            '+' => '＋',
            '(' => '（',
            ')' => '）',
            _ => c,
        }));

    public static string Folded(string s) =>
        string.Concat(s.Select(c => c switch
        {
            >= '０' and <= '９' => (char)('0' + (c - '０')),
            'Ｘ' => 'X',
            '－' => '-',
            '　' => ' ',
            '（' => '(',
            '）' => ')',
            '＋' => '+',
            _ => c,
        }));

    /// <summary>The digits of <paramref name="text"/> in a row, full-width folded, everything else dropped.</summary>
    public static string DigitsOnly(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in Folded(text)) if (char.IsAsciiDigit(c)) sb.Append(c);
        return sb.ToString();
    }

    public static T Pick<T>(Random rng, T[] items) => items[rng.Next(items.Length)];
}
