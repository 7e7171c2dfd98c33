using CommandCenter.Core.Photos;
using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;

namespace CommandCenter.Tests.Photos;

/// <summary>What an upload must be to be stored, judged by its content alone.</summary>
public sealed class PhotoProcessorTests
{
    private readonly PhotoProcessor _processor = new(Options.Create(new PhotoOptions()));
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_polyglot_with_a_jpeg_header_and_html_is_refused()
    {
        var check = await _processor.CheckAsync("photo.jpg", TestImages.JpegHeaderThenHtml(), None);

        Assert.False(check.Accepted);
        Assert.Contains("无法解码", check.Reason);
    }

    [Fact]
    public async Task A_real_jpeg_with_html_appended_is_stored_without_the_html()
    {
        byte[] upload = [.. TestImages.Jpeg(), .. "<script>alert(1)</script>"u8];

        var check = await _processor.CheckAsync("photo.jpg", upload, None);

        Assert.True(check.Accepted, check.Reason);
        Assert.DoesNotContain("<script", System.Text.Encoding.Latin1.GetString(check.Photo!.Jpeg), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_50_megapixel_image_is_refused_with_a_chinese_reason()
    {
        var png = TestImages.Png(10_000, 5_000);

        var check = await _processor.CheckAsync("big.png", png, None);

        Assert.False(check.Accepted);
        Assert.Equal("图片像素过大（10000×5000，约 5000 万像素），上限为 4000 万像素", check.Reason);
    }

    [Fact]
    public async Task A_text_file_named_jpg_is_refused()
    {
        var check = await _processor.CheckAsync("photo.jpg", "这不是图片，只是文字"u8.ToArray(), None);

        Assert.False(check.Accepted);
        Assert.Equal("不是 JPEG 或 PNG 图片（按文件内容判断，与文件名无关）", check.Reason);
    }

    [Fact]
    public async Task A_jpeg_named_heic_is_accepted_and_a_real_heic_is_refused_with_advice()
    {
        var jpegNamedHeic = await _processor.CheckAsync("IMG_0001.HEIC", TestImages.Jpeg(), None);
        byte[] heic = [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0, .. "mif1heic"u8];
        var realHeic = await _processor.CheckAsync("IMG_0002.HEIC", heic, None);

        Assert.True(jpegNamedHeic.Accepted, jpegNamedHeic.Reason);
        Assert.False(realHeic.Accepted);
        Assert.Contains("HEIC", realHeic.Reason);
    }

    [Fact]
    public async Task Large_photos_are_scaled_to_the_longest_side_with_a_thumbnail()
    {
        var check = await _processor.CheckAsync("wide.jpg", TestImages.Jpeg(4000, 3000), None);

        Assert.True(check.Accepted, check.Reason);
        Assert.Equal((2560, 1920), (check.Photo!.Width, check.Photo.Height));
        using var thumb = Image.Load(check.Photo.Thumb);
        Assert.Equal((320, 240), (thumb.Width, thumb.Height));
    }

    [Fact]
    public async Task A_file_over_the_byte_limit_is_refused_before_decoding()
    {
        var processor = new PhotoProcessor(Options.Create(new PhotoOptions { MaxBytes = 64 * 1024 }));

        var check = await processor.CheckAsync("photo.jpg", new byte[65 * 1024], None);

        Assert.False(check.Accepted);
        Assert.Contains("超过单张", check.Reason);
    }
}
