using System.ComponentModel.DataAnnotations;

namespace CommandCenter.Core.Photos;

/// <summary>Limits and output sizes for case photos, section "Photos", validated at start.</summary>
public sealed class PhotoOptions
{
    public const string Section = "Photos";

    /// <summary>Largest upload accepted, in bytes (10 MB: a modern phone's full-size JPEG fits).</summary>
    [Range(64 * 1024, 64 * 1024 * 1024)]
    public int MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Photos one case may hold in all (reports and feedback together).</summary>
    [Range(1, 50)]
    public int MaxPerCase { get; set; } = 6;

    /// <summary>Largest decoded size in pixels. Checked from the header before decoding: a small file can
    /// claim a huge canvas (a decompression bomb), and 40 MP decoded is already ~120 MB of memory.</summary>
    [Range(1_000_000, 100_000_000)]
    public int MaxPixels { get; set; } = 40_000_000;

    /// <summary>Longest side of the stored image; larger photos are scaled down.</summary>
    [Range(320, 8192)]
    public int MaxSide { get; set; } = 2560;

    /// <summary>Longest side of the thumbnail shown in lists and on the case page.</summary>
    [Range(64, 1024)]
    public int ThumbSide { get; set; } = 320;

    /// <summary>JPEG quality of the stored image and thumbnail.</summary>
    [Range(50, 100)]
    public int Quality { get; set; } = 85;
}
