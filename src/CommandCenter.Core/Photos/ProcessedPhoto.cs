namespace CommandCenter.Core.Photos;

/// <summary>An accepted upload after re-encoding: the JPEG to store (no metadata at all), its thumbnail,
/// the stored image's size and the upload's size in bytes.</summary>
public sealed record ProcessedPhoto(byte[] Jpeg, byte[] Thumb, int Width, int Height, int OriginalBytes);
