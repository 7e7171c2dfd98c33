using System.ComponentModel.DataAnnotations;
using CommandCenter.Features.Mobile;

namespace CommandCenter.Tests.Mobile;

/// <summary>/m as an ingest client: its settings are checked at start, and ingest's English reasons reach
/// the worker in Chinese without any being hidden.</summary>
public sealed class GridIngestTests
{
    [Theory]
    [InlineData("unknown category 'xyz'; known: sewer, noise", "分类「xyz」不存在，请重新选择")]
    [InlineData("no location: give lon and lat, or an address", "没有位置：请开启定位，或选择所在网格")]
    [InlineData("title is required and must not be empty", "缺少必填项：标题")]
    [InlineData("title is 250 characters long; at most 200 are allowed", "标题太长，请删减")]
    [InlineData("reportedAt 2026-01-01T10:00:00+08:00 is 30 minutes in the future (at most 10 allowed)", "手机时间不准（比服务器快 10 分钟以上），请校准时间后重试")]
    [InlineData("something new", "接收服务拒收：something new")]
    public void Ingest_reasons_are_told_in_chinese(string reason, string chinese) =>
        Assert.Equal(chinese, IngestReasons.ToChinese(reason));

    [Fact]
    public void Several_reasons_of_one_record_are_all_told()
    {
        Assert.Equal("缺少必填项：标题；分类「x」不存在，请重新选择",
            IngestReasons.ToChinese("title is required; unknown category 'x'; known: a"));
    }

    [Theory]
    [InlineData(null, null, true)]
    [InlineData("http://127.0.0.1:5081", "cc_0123456789012345678901234567890123456789012", true)]
    [InlineData("http://127.0.0.1:5081", null, false)]
    [InlineData("http://127.0.0.1:5081", "secret", false)]
    [InlineData("ftp://127.0.0.1", "cc_0123456789012345678901234567890123456789012", false)]
    [InlineData("127.0.0.1:5081", "cc_0123456789012345678901234567890123456789012", false)]
    public void The_ingest_settings_are_validated(string? url, string? key, bool valid)
    {
        var options = new GridIngestOptions { Url = url, ApiKey = key };
        var results = new List<ValidationResult>();

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
    }
}
