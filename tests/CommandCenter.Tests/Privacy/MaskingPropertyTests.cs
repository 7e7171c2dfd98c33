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

    public static TheoryData<string> Kinds => [.. PhoneForms.Kinds];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_written_form_of_a_number_in_free_text_keeps_at_most_its_last_four_digits(string kind)
    {
        var rng = new Random(20240612 + kind.Sum(c => c));
        for (var i = 0; i < Cases; i++)
        {
            var (digits, written) = PhoneForms.Generate(kind, rng);
            var text = Pick(rng, Before) + written + Pick(rng, After);

            var masked = Masking.FreeText(text)!;

            var shown = DigitRuns(masked);
            Assert.True(shown.All(r => r.Length <= 4), $"{kind} #{i}: '{text}' → '{masked}' still shows {string.Join(",", shown)}");
            // The mask keeps its shape (last four visible) rather than blanking everything: staff read it.
            var lastFour = digits[^4..].Replace('x', 'X');
            Assert.True(PhoneForms.Folded(masked).Replace('x', 'X').Contains(lastFour, StringComparison.Ordinal),
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
            var (digits, written) = PhoneForms.Generate(kind, rng);
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

    /// <summary>Runs of digits a reader sees, across any separators that may stand between them.</summary>
    private static List<string> DigitRuns(string masked)
    {
        var runs = new List<string>();
        var run = new StringBuilder();
        foreach (var c in PhoneForms.Folded(masked))
        {
            if (char.IsAsciiDigit(c) || c is 'X' or 'x' && run.Length > 0) run.Append(c);
            else if (c is ' ' or '-' or '.' or '(' or ')' or '+') continue;
            else { if (run.Length > 0) runs.Add(run.ToString()); run.Clear(); }
        }
        if (run.Length > 0) runs.Add(run.ToString());
        return runs;
    }

    private static T Pick<T>(Random rng, T[] items) => PhoneForms.Pick(rng, items);
}
