using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace CommandCenter.Features.Geo;

/// <summary>The rendered GeoJSON of each map layer, kept until the next grid import. Rendering a
/// layer (simplify + GeoJSON in PostGIS) costs tens of milliseconds; checking the import id costs
/// one index lookup, so every request revalidates and most answer from memory or with 304.</summary>
internal sealed class GeoLayerCache
{
    private readonly ConcurrentDictionary<string, Entry> _layers = new();

    public sealed record Entry(long Version, byte[] Body, string ETag);

    public async Task<Entry> GetAsync(string layer, long version, Func<CancellationToken, Task<string>> render, CancellationToken ct)
    {
        if (_layers.TryGetValue(layer, out var cached) && cached.Version == version) return cached;
        var body = Encoding.UTF8.GetBytes(await render(ct));
        // The hash keeps ETags distinct across databases (e.g. a restored backup with the same import id).
        var hash = Convert.ToHexStringLower(SHA256.HashData(body))[..16];
        var entry = new Entry(version, body, $"\"{layer}-{version}-{hash}\"");
        _layers[layer] = entry;
        return entry;
    }
}
