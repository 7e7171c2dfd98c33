using System.Text;
using CommandCenter.Core.Trends;
using CommandCenter.Features.Trends;

namespace CommandCenter.Tests.Trends;

public sealed class TrendExportFormatTests
{
    [Fact]
    public void Csv_starts_with_a_bom_quotes_what_needs_quoting_and_defuses_formulas()
    {
        var bytes = new TrendCsv("编号", "标题").Row(1, "下水道堵塞, 污水外溢").Row(2, "他说\"急\"").Row(3, "=HYPERLINK(\"x\")").Row(4, -5).ToBytes();

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal("编号,标题\r\n1,\"下水道堵塞, 污水外溢\"\r\n2,\"他说\"\"急\"\"\"\r\n3,\"'=HYPERLINK(\"\"x\"\")\"\r\n4,-5\r\n",
            Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    // Issue 12, finding 5: "-2+3", tab- and CR-led fields went out as they were and ran as formulas.
    [Theory]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("\t=1+2", "\"'\t=1+2\"")]
    [InlineData("\r=1+2", "\"'\r=1+2\"")]
    [InlineData("+86 138", "\"'+86 138\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("下水道-堵塞", "下水道-堵塞")]
    public void Finding5_a_text_field_that_a_spreadsheet_would_run_is_neutralised(string title, string written)
    {
        var bytes = new TrendCsv("标题").Row(title).ToBytes();

        Assert.Equal($"标题\r\n{written}\r\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }

    [Fact]
    public void A_bad_date_in_the_url_falls_back_to_the_default_range_and_says_so()
    {
        var today = new DateOnly(2026, 11, 22);

        var filter = TrendFilter.Parse("2026-13-01", null, "month", "P1", null, null, today, out var problem);

        Assert.Contains("开始日期", problem);
        Assert.Contains("2026-13-01", problem);
        Assert.Equal(TrendGranularity.Month, filter.Range.Granularity);
        Assert.Equal(new DateOnly(2026, 11, 30), filter.Range.To);
        Assert.Equal("P1", filter.Scope.RegionCode);
        Assert.Equal(new DateOnly(2026, 11, 16), filter.FocusWeek);
    }

    [Fact]
    public void A_week_range_is_widened_to_whole_monday_to_sunday_weeks()
    {
        var range = new TrendRange(new DateOnly(2026, 11, 4), new DateOnly(2026, 11, 18), TrendGranularity.Week);

        Assert.Equal(new DateOnly(2026, 11, 2), range.From);
        Assert.Equal(new DateOnly(2026, 11, 22), range.To);
        Assert.Equal([new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 16)], range.Buckets());
    }
}
