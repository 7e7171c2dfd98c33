using CommandCenter.Core.Privacy;

namespace CommandCenter.Tests.Privacy;

public sealed class MaskingTests
{
    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("张", "张*")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData(" 李四 ", "李*")]
    [InlineData("𠀀明", "𠀀*")] // a character outside the BMP is kept whole
    public void Names_keep_only_their_first_character(string name, string expected) =>
        Assert.Equal(expected, Masking.Name(name));

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("+86 138-1234-5678", "138****5678")]
    [InlineData("0572-6012345", "*******2345")]
    [InlineData("12345", "*****")]
    public void Phones_keep_the_first_three_and_last_four_digits_of_a_mobile(string phone, string expected) =>
        Assert.Equal(expected, Masking.Phone(phone));

    [Theory]
    [InlineData("110101199003071234", "110***********1234")]
    [InlineData("11010119900307123X", "110***********123X")]
    [InlineData("110101900307123", "110********7123")]
    public void Id_numbers_keep_the_first_three_and_last_four_characters(string id, string expected) =>
        Assert.Equal(expected, Masking.IdNumber(id));

    [Fact]
    public void Phone_and_id_numbers_inside_free_text_are_masked()
    {
        var masked = Masking.FreeText("住户13812345678反映，身份证110101199003071234，门牌12号");
        Assert.Equal("住户138****5678反映，身份证110***********1234，门牌12号", masked);
    }

    [Fact]
    public void Missing_values_stay_missing()
    {
        Assert.Null(Masking.Name(null));
        Assert.Null(Masking.Phone(null));
        Assert.Equal("", Masking.FreeText(""));
    }
}
