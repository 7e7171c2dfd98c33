namespace CommandCenter.Core.Photos;

/// <summary>What a file really is, from its first bytes. The file name and the Content-Type are the
/// sender's claims and are never consulted: a phone names a JPEG ".heic", an attacker names HTML ".jpg".</summary>
public static class PhotoSniffer
{
    public const string Jpeg = "jpeg";
    public const string Png = "png";
    public const string Heic = "heic";

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary><see cref="Jpeg"/>, <see cref="Png"/>, <see cref="Heic"/> (recognised only to refuse it
    /// with a useful reason), or null for anything else.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF) return Jpeg;
        if (head.StartsWith(PngSignature)) return Png;
        // ISO BMFF: a box size, then "ftyp" and a brand of the HEIF family.
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = head[8..12];
            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8)
                || brand.SequenceEqual("msf1"u8) || brand.SequenceEqual("hevc"u8) || brand.SequenceEqual("avif"u8))
                return Heic;
        }
        return null;
    }
}
