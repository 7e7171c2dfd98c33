using Microsoft.Extensions.Options;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Processing;

namespace CommandCenter.Core.Photos;

/// <summary>Turns an upload into something safe to store and serve: size limit → magic bytes → header
/// (pixel count) → a full decode → re-encoded JPEG and thumbnail without any metadata. Nothing of the
/// sender's bytes survives: a JPEG with HTML after it, EXIF GPS, comments and ICC profiles all go.</summary>
public sealed class PhotoProcessor(IOptions<PhotoOptions> options)
{
    // Only the two formats we accept are known to this configuration, so no other decoder (GIF, TIFF,
    // BMP…) ever parses attacker-chosen bytes.
    private static readonly Configuration Formats = new(new JpegConfigurationModule(), new PngConfigurationModule());

    // A 40 MP decode holds ~160 MB; two at a time keep a burst of uploads from exhausting the server.
    private static readonly SemaphoreSlim Decoding = new(2, 2);

    public async Task<PhotoCheck> CheckAsync(string fileName, ReadOnlyMemory<byte> upload, CancellationToken ct)
    {
        var o = options.Value;
        if (upload.Length == 0) return PhotoCheck.Refused(fileName, "文件是空的");
        if (upload.Length > o.MaxBytes)
            return PhotoCheck.Refused(fileName, $"文件 {Megabytes(upload.Length)} 超过单张 {Megabytes(o.MaxBytes)} 的上限");
        var sniffed = PhotoSniffer.Sniff(upload.Span[..Math.Min(upload.Length, 16)]);
        if (sniffed == PhotoSniffer.Heic)
            return PhotoCheck.Refused(fileName, "不支持 HEIC 格式：请在手机相机设置中选择「兼容性最佳」(JPEG) 后重拍，或截图后上传");
        if (sniffed is null)
            return PhotoCheck.Refused(fileName, "不是 JPEG 或 PNG 图片（按文件内容判断，与文件名无关）");

        await Decoding.WaitAsync(ct);
        try
        {
            return await Task.Run(() => Process(fileName, upload, sniffed, o), ct);
        }
        finally
        {
            Decoding.Release();
        }
    }

    private static PhotoCheck Process(string fileName, ReadOnlyMemory<byte> upload, string sniffed, PhotoOptions o)
    {
        const string Broken = "图片已损坏或不是完整的 JPEG/PNG，无法解码";
        try
        {
            using (var header = AsStream(upload))
            {
                var info = Image.Identify(Formats, header, out var format);
                if (info is null || !Matches(format, sniffed)) return PhotoCheck.Refused(fileName, Broken);
                if ((long)info.Width * info.Height > o.MaxPixels)
                    return PhotoCheck.Refused(fileName,
                        $"图片像素过大（{info.Width}×{info.Height}，约 {(long)info.Width * info.Height / 10_000} 万像素），上限为 {o.MaxPixels / 10_000} 万像素");
            }
            using var stream = AsStream(upload);
            using var image = Image.Load(Formats, stream, out var decoded);
            if (!Matches(decoded, sniffed)) return PhotoCheck.Refused(fileName, Broken);
            // Phones store portrait photos sideways plus an EXIF orientation: turn the pixels before
            // the EXIF goes, or the photo shows sideways. PNG transparency becomes white, not black.
            image.Mutate(x => x.AutoOrient().BackgroundColor(Color.White));
            Fit(image, o.MaxSide);
            var jpeg = Encode(image, o.Quality);
            var (width, height) = (image.Width, image.Height);
            Fit(image, o.ThumbSide);
            var thumb = Encode(image, o.Quality);
            return new PhotoCheck(fileName, new ProcessedPhoto(jpeg, thumb, width, height, upload.Length), null);
        }
        catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException))
        {
            // Crafted files make decoders fail in many ways (ImageSharp 2.1's JPEG reader even throws a
            // NullReferenceException on a bare header): each is a refusal of that file, not a server error.
            return PhotoCheck.Refused(fileName, Broken);
        }
    }

    private static bool Matches(IImageFormat? format, string sniffed) =>
        format is JpegFormat ? sniffed == PhotoSniffer.Jpeg : format is PngFormat && sniffed == PhotoSniffer.Png;

    private static void Fit(Image image, int maxSide)
    {
        var longest = Math.Max(image.Width, image.Height);
        if (longest <= maxSide) return;
        var scale = (double)maxSide / longest;
        image.Mutate(x => x.Resize(Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale))));
    }

    private static byte[] Encode(Image image, int quality)
    {
        // Belt and braces: the JPEG encoder writes whatever profiles the metadata holds.
        image.Metadata.ExifProfile = null;
        image.Metadata.IptcProfile = null;
        image.Metadata.XmpProfile = null;
        image.Metadata.IccProfile = null;
        using var ms = new MemoryStream();
        image.SaveAsJpeg(ms, new JpegEncoder { Quality = quality });
        return ms.ToArray();
    }

    private static MemoryStream AsStream(ReadOnlyMemory<byte> bytes) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);

    private static string Megabytes(long bytes) => $"{bytes / 1024d / 1024d:0.#} MB";
}
