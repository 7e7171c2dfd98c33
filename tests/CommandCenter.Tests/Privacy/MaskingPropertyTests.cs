using System.Text;
using CommandCenter.Core.Privacy;

namespace CommandCenter.Tests.Privacy;

/// <summary>Issue 12, finding 2: phone and ID numbers in free text passed the masking when written as
/// +8613812345678, 013900001111, full-width １３８…, with separators or as landlines. These generate
/// thousands of numbers in every written form (seeded, so a failure replays) and check the one routine.</summary>
public sealed class MaskingPropertyTests
{
    private const int Cases = 4000;

    // Text around a number, without digits of its own, so every digit left in the output came from the number.
    private static readonly string[] Before = ["", "住户", "报告人电话：", "联系", "（", "请回电 ", "tel:", "号码是", "A"];
    private static readonly string[] After = ["", "反映楼道堆物", "）", "，谢谢", " 转分机", "。", "号码", "y"];
    private static readonly string[] Separators = ["", "-", " ", ".", "－", "　", " - "];

    public static TheoryData<string> Kinds => ["mobile", "landline", "local", "id18", "id15"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_written_form_of_a_number_in_free_text_keeps_at_most_its_last_four_digits(string kind)
    {
        var rng = new Random(20240612 + kind.Sum(c => c));
        for (var i = 0; i < Cases; i++)
        {
            var (digits, written) = Generate(kind, rng);
            var text = Pick(rng, Before) + written + Pick(rng, After);

            var masked = Masking.FreeText(text)!;

            var shown = DigitRuns(masked);
            Assert.True(shown.All(r => r.Length <= 4), $"{kind} #{i}: '{text}' → '{masked}' still shows {string.Join(",", shown)}");
            // The mask keeps its shape (last four visible) rather than blanking everything: staff read it.
            var lastFour = digits[^4..].Replace('x', 'X');
            Assert.True(Folded(masked).Replace('x', 'X').Contains(lastFour, StringComparison.Ordinal),
                $"{kind} #{i}: '{text}' → '{masked}' lost the last four digits {lastFour}");
            Assert.Equal(masked, Masking.FreeText(masked));
        }
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void A_phone_field_in_any_form_is_masked_like_free_text(string kind)
    {
        var rng = new Random(7 + kind.Sum(c => c));
        for (var i = 0; i < Cases / 4; i++)
        {
            if (kind.StartsWith("id", StringComparison.Ordinal)) return; // not phones
            var (digits, written) = Generate(kind, rng);
            var masked = Masking.Phone(written)!;
            Assert.True(DigitRuns(masked).All(r => r.Length <= 4), $"'{written}' → '{masked}'");
            Assert.EndsWith(digits[^4..], masked);
            Assert.Equal(masked, Masking.Phone(masked));
        }
    }

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("+8613812345678", "138****5678")]
    [InlineData("+86 138-1234-5678", "138****5678")]
    [InlineData("0086 138 1234 5678", "138****5678")]
    [InlineData("013900001111", "139****1111")]
    [InlineData("１３８１２３４５６７８", "138****5678")]
    [InlineData("110101199003071234", "110***********1234")]
    [InlineData("11010119900307123X", "110***********123X")]
    [InlineData("110101 19900307 1234", "110***********1234")]
    [InlineData("110101900307123", "110********7123")]
    [InlineData("0572-1234567", "*******4567")]
    [InlineData("(0572)12345678", "********5678")]
    [InlineData("6012 3456", "****3456")]
    public void Canonical_forms_keep_the_existing_mask_shapes(string number, string expected) =>
        Assert.Equal($"住户{expected}反映", Masking.FreeText($"住户{number}反映"));

    [Theory]
    [InlineData("2024-03-15 发生")]
    [InlineData("门牌12号，3单元502室")]
    [InlineData("损失约1234567元")]
    [InlineData("2024年3月15日 13:45")]
    [InlineData("编号 A-1024")]
    public void Text_without_a_phone_or_id_number_is_left_as_it_is(string text) =>
        Assert.Equal(text, Masking.FreeText(text));

    private static (string Digits, string Written) Generate(string kind, Random rng)
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

    private static string FullWidth(string s) =>
        string.Concat(s.Select(c => c switch
        {
            >= '0' and <= '9' => (char)('０' + (c - '0')),
            'X' => 'Ｘ',
            '+' => '＋',
            '(' => '（',
            ')' => '）',
            _ => c,
        }));

    /// <summary>Runs of digits a reader sees, across any separators that may stand between them.</summary>
    private static List<string> DigitRuns(string masked)
    {
        var runs = new List<string>();
        var run = new StringBuilder();
        foreach (var c in Folded(masked))
        {
            if (char.IsAsciiDigit(c) || c is 'X' or 'x' && run.Length > 0) run.Append(c);
            else if (c is ' ' or '-' or '.' or '(' or ')' or '+') continue;
            else { if (run.Length > 0) runs.Add(run.ToString()); run.Clear(); }
        }
        if (run.Length > 0) runs.Add(run.ToString());
        return runs;
    }

    private static string Folded(string s) =>
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

    private static T Pick<T>(Random rng, T[] items) => items[rng.Next(items.Length)];
}
