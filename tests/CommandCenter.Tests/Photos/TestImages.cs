using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.PixelFormats;

namespace CommandCenter.Tests.Photos;

/// <summary>Images made in the test, so no binary fixture hides what it contains.</summary>
public static class TestImages
{
    /// <summary>A JPEG of a coloured gradient, optionally with an EXIF profile holding a GPS position
    /// (31.0047 N, 119.9052 E — inside 雉城街道) and the phone's make, as a phone camera writes it.</summary>
    public static byte[] Jpeg(int width = 800, int height = 600, bool withGps = false)
    {
        using var image = new Image<Rgb24>(width, height);
        // A gradient, not one colour: the encoder then has real content to compress.
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                    row[x] = new Rgb24((byte)(x * 255 / width), (byte)(y * 255 / height), 160);
            }
        });
        if (withGps)
        {
            var exif = new ExifProfile();
            exif.SetValue(ExifTag.GPSLatitudeRef, "N");
            exif.SetValue(ExifTag.GPSLatitude, [new Rational(31, 1), new Rational(0, 1), new Rational(1692, 100)]);
            exif.SetValue(ExifTag.GPSLongitudeRef, "E");
            exif.SetValue(ExifTag.GPSLongitude, [new Rational(119, 1), new Rational(54, 1), new Rational(1872, 100)]);
            exif.SetValue(ExifTag.Make, "TestPhone");
            image.Metadata.ExifProfile = exif;
        }
        using var ms = new MemoryStream();
        image.SaveAsJpeg(ms, new JpegEncoder { Quality = 90 });
        return ms.ToArray();
    }

    /// <summary>A PNG of <paramref name="width"/>×<paramref name="height"/> grey pixels: one colour
    /// compresses to a small file however many pixels it claims.</summary>
    public static byte[] Png(int width, int height)
    {
        using var image = new Image<L8>(width, height, new L8(128));
        using var ms = new MemoryStream();
        image.SaveAsPng(ms);
        return ms.ToArray();
    }

    /// <summary>A JPEG's first bytes (SOI and a JFIF APP0 segment) followed by an HTML page with script:
    /// sniffs as JPEG, is not an image, and would run if a browser were ever made to read it as HTML.</summary>
    public static byte[] JpegHeaderThenHtml()
    {
        byte[] head = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00];
        return [.. head, .. "<html><body><script>alert(document.cookie)</script></body></html>"u8];
    }
}
